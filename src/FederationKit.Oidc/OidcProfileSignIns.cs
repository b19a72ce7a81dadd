using System.Collections.Concurrent;
using System.Security.Cryptography;
using FederationKit.Directories;
using FederationKit.OneTime;
using FederationKit.Stores;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc;

/// <summary>
/// Turns a directory's OIDC IdP profile into a ready <see cref="OidcSignIn"/>: settings from the profile, the client secret
/// or private key read through <see cref="ISecretStore"/>. One sign-in is kept per profile version, so discovery and keys are
/// cached across requests and a changed profile takes effect at once.
/// </summary>
public sealed class OidcProfileSignIns
{
    private readonly IIdpProfileStore _profiles;
    private readonly ISecretStore _secrets;
    private readonly IOneTimeStore _oneTime;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<(IdpProfileId Id, long Version, string RedirectUri), OidcSignIn> _cache = new();

    /// <summary>Creates the factory.</summary>
    /// <param name="profiles">The IdP profile store.</param>
    /// <param name="secrets">Where client secrets and private keys are kept.</param>
    /// <param name="oneTime">The shared one-time store (state, nonce, verifier).</param>
    /// <param name="http">The HTTP client for the providers: <c>AddOidc</c> passes the policy-enforcing client of <c>FederationKit.Http</c>; a client of your own must refuse internal addresses itself.</param>
    /// <param name="time">The clock.</param>
    public OidcProfileSignIns(IIdpProfileStore profiles, ISecretStore secrets, IOneTimeStore oneTime, HttpClient http, TimeProvider time)
    {
        _profiles = profiles ?? throw new ArgumentNullException(nameof(profiles));
        _secrets = secrets ?? throw new ArgumentNullException(nameof(secrets));
        _oneTime = oneTime ?? throw new ArgumentNullException(nameof(oneTime));
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The sign-in of an OIDC profile, with <paramref name="redirectUri"/> as the callback registered at the provider.</summary>
    /// <param name="profileId">The profile (normally the active profile a <c>FederatedRoute</c> named).</param>
    /// <param name="redirectUri">The host's callback URL.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<OidcSignIn>> GetAsync(IdpProfileId profileId, string redirectUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        var profile = await _profiles.FindAsync(profileId, cancellationToken).ConfigureAwait(false);
        if (profile is not { Protocol: FederationKit.SignIn.IdentityProtocol.Oidc, Oidc: { } settings })
        {
            return OidcErrors.Of(OidcErrorCodes.SettingsInvalid, "The IdP profile does not exist or is not an OIDC profile.").WithDetail("profile", profileId.ToString());
        }

        var key = (profile.Id, profile.Version, redirectUri);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var options = await ToOptionsAsync(settings, redirectUri, cancellationToken).ConfigureAwait(false);
        if (options.IsFailure)
        {
            return options.Error;
        }

        var created = OidcSignIn.Create(options.Value, _oneTime, _http, _time);
        if (created.IsSuccess)
        {
            foreach (var stale in _cache.Keys.Where(k => k.Id == profile.Id && k.Version != profile.Version))
            {
                _cache.TryRemove(stale, out _);
            }

            return _cache.GetOrAdd(key, created.Value);
        }

        return created;
    }

    private async Task<Result<OidcProviderOptions>> ToOptionsAsync(OidcIdpSettings settings, string redirectUri, CancellationToken cancellationToken)
    {
        var options = new OidcProviderOptions
        {
            Issuer = settings.Issuer.OriginalString,
            ClientId = settings.ClientId,
            RedirectUri = redirectUri,
            UseDiscovery = settings.UseDiscovery,
            AuthorizationEndpoint = settings.AuthorizationEndpoint,
            TokenEndpoint = settings.TokenEndpoint,
            JwksUri = settings.JwksUri,
            UserInfoEndpoint = settings.UserInfoEndpoint,
            EndSessionEndpoint = settings.EndSessionEndpoint,
            UsePkce = settings.UsePkce,
            UserIdClaim = settings.UserIdClaim,
            UsernameClaim = settings.UsernameClaim,
            TrustEmailWithoutVerifiedClaim = settings.TrustEmailWithoutVerifiedClaim,
        };
        options.Scopes.Clear();
        foreach (var scope in settings.Scopes)
        {
            options.Scopes.Add(scope);
        }

        if (settings.GroupsClaim is { Length: > 0 } groups)
        {
            options.GroupsClaim = groups;
            options.RequestGroups = !settings.Scopes.Contains("groups");
        }

        if (settings.PrivateKeyReference is { } keyReference)
        {
            var pem = await _secrets.ReadAsync(keyReference, cancellationToken).ConfigureAwait(false);
            var key = pem is null ? null : ImportKey(pem);
            if (key is null)
            {
                return OidcErrors.Of(OidcErrorCodes.SettingsInvalid, "The profile's private key is missing from the secret store or is not an RSA or P-256 PEM key.");
            }

            options.ClientAuthentication = OidcClientAuthentication.PrivateKeyJwt;
            options.ClientSigningKeys.Add(key);
        }
        else if (settings.ClientSecretReference is { } secretReference)
        {
            options.ClientSecret = await _secrets.ReadAsync(secretReference, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(options.ClientSecret))
            {
                return OidcErrors.Of(OidcErrorCodes.SettingsInvalid, "The profile's client secret is missing from the secret store.");
            }

            options.ClientAuthentication = settings.SendClientSecretInBody ? OidcClientAuthentication.ClientSecretPost : OidcClientAuthentication.ClientSecretBasic;
        }

        return options;
    }

    private static AsymmetricSecurityKey? ImportKey(string pem)
    {
        try
        {
            if (IsEcKey(pem))
            {
                var ec = ECDsa.Create();
                ec.ImportFromPem(pem);
                return new ECDsaSecurityKey(ec) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(ec.ExportSubjectPublicKeyInfo())) };
            }

            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa) { KeyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo())) };
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool IsEcKey(string pem)
    {
        using var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            return true;
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            return false;
        }
    }
}
