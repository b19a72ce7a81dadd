using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.Stores;

namespace FederationKit.Directories.Profiles;

/// <summary>The pure rules of a profile test: what an identity must show to pass, and how a profile identifies its users.</summary>
internal static class ProfileTestRules
{
    public static FederationError? Evaluate(IdpProfile profile, IReadOnlyList<string> memberFormats, FederatedIdentity identity)
    {
        if (identity.Protocol != profile.Protocol)
        {
            return new FederationError(DirectoryErrorCodes.TestProtocolMismatch, $"The identity was asserted through {identity.Protocol}, the profile is {profile.Protocol}.");
        }

        if (!string.Equals(identity.Issuer, profile.ExpectedIssuer, StringComparison.Ordinal))
        {
            return new FederationError(DirectoryErrorCodes.TestIssuerMismatch, "The identity's issuer is not the profile's IdP.");
        }

        if (string.IsNullOrWhiteSpace(identity.Subject))
        {
            return new FederationError(DirectoryErrorCodes.TestSubjectMissing, "The identity has no subject.");
        }

        var profileFormat = profile.Protocol == IdentityProtocol.Saml ? profile.Saml!.ExpectedSubjectFormat() : profile.Oidc!.UserIdClaim;
        if (profileFormat is not null && !string.Equals(identity.SubjectFormat, profileFormat, StringComparison.Ordinal))
        {
            return new FederationError(DirectoryErrorCodes.TestSubjectFormatMismatch, $"The subject format '{identity.SubjectFormat}' is not the profile's '{profileFormat}'.");
        }

        if (memberFormats.FirstOrDefault(f => !string.Equals(identity.SubjectFormat, f, StringComparison.Ordinal)) is { } members)
        {
            return new FederationError(DirectoryErrorCodes.TestSubjectFormatMismatch, $"Existing members are identified by '{members}', this sign-in by '{identity.SubjectFormat}'; they would not map to the same users.");
        }

        return null;
    }

    public static string? SubjectFormatOf(IdpProfile profile) =>
        profile.Protocol == IdentityProtocol.Saml ? profile.Saml?.ExpectedSubjectFormat() : profile.Oidc?.UserIdClaim;
}
