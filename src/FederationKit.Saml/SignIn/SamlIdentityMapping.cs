using FederationKit.Directories;
using FederationKit.SignIn;

namespace FederationKit.Saml.SignIn;

/// <summary>
/// A validated assertion read with its profile's mapping: the attributes of <see cref="SamlAssertion.ToFederatedIdentity(DateTimeOffset, SamlIdpSettings)"/>,
/// and the user ID from <see cref="SamlIdpSettings.UserIdAttribute"/> when the profile sets one (else the NameID).
/// </summary>
internal static class SamlIdentityMapping
{
    public static Result<FederatedIdentity> Map(SamlAssertion assertion, SamlIdpSettings profile, DateTimeOffset now)
    {
        var identity = assertion.ToFederatedIdentity(now, profile);
        if (profile.UserIdAttribute is not { } attribute)
        {
            return identity;
        }

        // Exactly one non-empty value: a user ID that is missing or ambiguous must not pick a user.
        var values = assertion.ValuesOf(attribute).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (values.Count != 1)
        {
            return new FederationError(SamlErrorCodes.UserIdAttributeMissing, $"The profile identifies users by the attribute '{attribute}', which the assertion lacks or carries with several values.")
                .WithDetail("attribute", attribute);
        }

        return identity with { Subject = values[0], SubjectFormat = SamlIdpSettings.AttributeSubjectFormat(attribute) };
    }
}
