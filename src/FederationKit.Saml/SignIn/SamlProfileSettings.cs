using FederationKit.Directories;
using FederationKit.SignIn;
using FederationKit.Saml.Settings;
using FederationKit.Stores;

namespace FederationKit.Saml.SignIn;

/// <summary>
/// Turns a directory's SAML IdP profile and the host's SP settings into validator settings for that profile, for the
/// URL layout of <see cref="SamlProfileSignIns"/> and <see cref="SamlProfileLogouts"/> (<c>{AssertionConsumerServiceBaseUrl}/{profileId}</c>):
/// the profile's policy (key size, RSA 1.5 key transport, AuthnStatement, signed assertion, additional audiences, assertion
/// lifetime) applies to that IdP only. The derived objects come from the <see cref="SamlProfileCache"/> (one build per
/// profile version).
/// </summary>
internal static class SamlProfileSettings
{
    public static async Task<Result<(SamlProfileVariant Variant, SamlProfileEntry Entry)>> LoadAsync(IIdpProfileStore profiles, SamlProfileCache cache, SamlSignInOptions options, IdpProfileId profileId, CancellationToken cancellationToken)
    {
        var profile = await profiles.FindAsync(profileId, cancellationToken).ConfigureAwait(false);
        if (profile is not { Protocol: IdentityProtocol.Saml, Saml: not null })
        {
            return new FederationError(SamlErrorCodes.SettingsInvalid, "The IdP profile does not exist or is not a SAML profile.").WithDetail("setting", "profile");
        }

        if (options.AssertionConsumerServiceBaseUrl is null)
        {
            return new FederationError(SamlErrorCodes.SettingsInvalid, "SamlProfileSignIns needs SamlSignInOptions.AssertionConsumerServiceBaseUrl; the sign-in protocol takes its URLs from SignInCallbackUrls instead.")
                .WithDetail("setting", "AssertionConsumerServiceBaseUrl");
        }

        var entry = cache.Get(profile);
        if (entry.IsFailure)
        {
            return entry.Error;
        }

        var slo = options.SingleLogoutServiceBaseUrl is null ? null : options.SingleLogoutServiceUrl(profileId);
        var variant = entry.Value.Variant(options.EntityId, [options.AssertionConsumerServiceUrl(profileId)], slo, options.AllowUnsolicitedResponses);
        return variant.IsFailure ? variant.Error : (variant.Value, entry.Value);
    }
}
