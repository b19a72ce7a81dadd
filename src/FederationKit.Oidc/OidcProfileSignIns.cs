using System.Collections.Concurrent;
using System.Security.Cryptography;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.OneTime;
using FederationKit.Stores;
using Microsoft.Extensions.Logging;
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
    private readonly OidcHttpClients _http;
    private readonly TimeProvider _time;
    private readonly IFederationEventSink _events;
    private readonly ILogger<OidcUserInfoClient>? _logger;
    private readonly ILoggerFactory? _loggers;
    private readonly ConcurrentDictionary<(IdpProfileId Id, long Version, string RedirectUri), OidcSignIn> _cache = new();

    /// <summary>Creates the factory.</summary>
    /// <param name="profiles">The IdP profile store.</param>
    /// <param name="secrets">Where client secrets and private keys are kept.</param>
    /// <param name="oneTime">The shared one-time store (state, nonce, verifier).</param>
    /// <param name="http">One HTTP client for every call to the providers; it bypasses <see cref="IHttpClientFactory"/> and must refuse internal addresses itself (see <c>OutboundHttp.CreateClient</c>).</param>
    /// <param name="time">The clock.</param>
    /// <param name="events">Receives <see cref="OidcBackChannelLogoutReceived"/>; none when null.</param>
    /// <param name="logger">Where the userinfo client warns about access tokens sent in the URL query; none when null.</param>
    /// <param name="loggers">Where the token client, ID token validator, discovery source and userinfo client log (events 6000-6099); none when null.</param>
    public OidcProfileSignIns(IIdpProfileStore profiles, ISecretStore secrets, IOneTimeStore oneTime, HttpClient http, TimeProvider time, IFederationEventSink? events = null, ILogger<OidcUserInfoClient>? logger = null, ILoggerFactory? loggers = null)
        : this(profiles, secrets, oneTime, OidcHttpClients.From(http ?? throw new ArgumentNullException(nameof(http))), time, events, logger, loggers)
    {
    }

    /// <summary>
    /// Creates the factory on the named clients of <c>FederationKitHttpClients</c> (discovery, JWKS, token, userinfo), taken
    /// from <paramref name="http"/> per call so that the factory rotates their handlers; <c>AddOidc()</c> uses it.
    /// </summary>
    /// <param name="profiles">The IdP profile store.</param>
    /// <param name="secrets">Where client secrets and private keys are kept.</param>
    /// <param name="oneTime">The shared one-time store (state, nonce, verifier).</param>
    /// <param name="http">The factory whose named clients enforce the outbound URL policy (registered by <c>AddOutboundHttp</c>).</param>
    /// <param name="time">The clock.</param>
    /// <param name="events">Receives <see cref="OidcBackChannelLogoutReceived"/>; none when null.</param>
    /// <param name="logger">Where the userinfo client warns about access tokens sent in the URL query; none when null.</param>
    /// <param name="loggers">Where the token client, ID token validator, discovery source and userinfo client log (events 6000-6099); none when null.</param>
    public OidcProfileSignIns(IIdpProfileStore profiles, ISecretStore secrets, IOneTimeStore oneTime, IHttpClientFactory http, TimeProvider time, IFederationEventSink? events = null, ILogger<OidcUserInfoClient>? logger = null, ILoggerFactory? loggers = null)
        : this(profiles, secrets, oneTime, OidcHttpClients.From(http ?? throw new ArgumentNullException(nameof(http))), time, events, logger, loggers)
    {
    }

    private OidcProfileSignIns(IIdpProfileStore profiles, ISecretStore secrets, IOneTimeStore oneTime, OidcHttpClients http, TimeProvider time, IFederationEventSink? events, ILogger<OidcUserInfoClient>? logger, ILoggerFactory? loggers)
    {
        _loggers = loggers;
        _events = events ?? NullFederationEventSink.Instance;
        _logger = logger;
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
        return profile is { Protocol: FederationKit.SignIn.IdentityProtocol.Oidc, Oidc: not null }
            ? await GetAsync(profile, redirectUri, cancellationToken).ConfigureAwait(false)
            : NotAnOidcProfile(profileId);
    }

    /// <summary>
    /// Handles a back-channel logout request for an OIDC profile (OpenID Connect Back-Channel Logout 1.0): validates the
    /// <c>logout_token</c> with the profile's provider keys, issuer and client ID (see <see cref="OidcLogoutTokenValidator"/>)
    /// and publishes <see cref="OidcBackChannelLogoutReceived"/>, on which the host ends that user's sessions. Serve it at a
    /// per-profile URL registered at the provider as <c>backchannel_logout_uri</c>; answer 200 on success, 400 on failure.
    /// </summary>
    /// <param name="profileId">The profile whose provider sent the request.</param>
    /// <param name="logoutToken">The <c>logout_token</c> form parameter.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The subject and/or session to end, or an <c>oidc.logout_token.*</c> error.</returns>
    public async Task<Result<OidcBackChannelLogout>> ReceiveBackChannelLogoutAsync(IdpProfileId profileId, string? logoutToken, CancellationToken cancellationToken = default)
    {
        var profile = await _profiles.FindAsync(profileId, cancellationToken).ConfigureAwait(false);
        if (profile is not { Protocol: FederationKit.SignIn.IdentityProtocol.Oidc, Oidc: not null })
        {
            return NotAnOidcProfile(profileId);
        }

        // No fixed redirect URI: the same instance as the sign-in protocol's.
        var signIn = await GetAsync(profile, cancellationToken).ConfigureAwait(false);
        if (signIn.IsFailure)
        {
            return signIn.Error;
        }

        var logout = await signIn.Value.ReceiveBackChannelLogoutAsync(logoutToken, cancellationToken).ConfigureAwait(false);
        if (logout.IsSuccess)
        {
            await _events.PublishAsync(
                new OidcBackChannelLogoutReceived(OidcBackChannelLogoutReceived.TypeName, _time.GetUtcNow(), profile.DirectoryId, profile.Id, logout.Value.Issuer, logout.Value.Subject, logout.Value.SessionId),
                cancellationToken).ConfigureAwait(false);
        }

        return logout;
    }

    /// <summary>
    /// The cached sign-in of a profile the caller has just loaded, without a fixed redirect URI (the caller names it per
    /// request): the instance <see cref="OidcSignInProtocol"/> and back-channel logout share, one per profile version.
    /// </summary>
    internal async Task<Result<OidcSignIn>> GetAsync(IdpProfile profile, CancellationToken cancellationToken) =>
        profile is { Protocol: FederationKit.SignIn.IdentityProtocol.Oidc, Oidc: not null }
            ? await GetAsync(profile, string.Empty, cancellationToken).ConfigureAwait(false)
            : NotAnOidcProfile(profile.Id);

    private static FederationError NotAnOidcProfile(IdpProfileId profileId) =>
        OidcErrors.Of(OidcErrorCodes.SettingsInvalid, "The IdP profile does not exist or is not an OIDC profile.").WithDetail("profile", profileId.ToString());

    private async Task<Result<OidcSignIn>> GetAsync(IdpProfile profile, string redirectUri, CancellationToken cancellationToken)
    {
        var settings = profile.Oidc!;
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

        var created = OidcSignIn.Create(options.Value, _oneTime, _http, _time, _logger, _loggers);
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
            RedirectUri = redirectUri.Length == 0 ? null : redirectUri,
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
            SendUserInfoTokenInQuery = settings.SendUserInfoTokenInQuery,
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
            var key = pem is null ? null : ImportKey(pem, settings.ClientPublicKey?.KeyId);
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

    /// <summary>
    /// Imports a PEM private key. The key ID is <paramref name="keyId"/> for a key FederationKit generated (the RFC 7638
    /// thumbprint published in the profile's JWKS), else the SHA-256 of the public key info (a host's own PEM, unchanged).
    /// </summary>
    private static AsymmetricSecurityKey? ImportKey(string pem, string? keyId)
    {
        try
        {
            if (IsEcKey(pem))
            {
                var ec = ECDsa.Create();
                ec.ImportFromPem(pem);
                return new ECDsaSecurityKey(ec) { KeyId = keyId ?? Base64UrlEncoder.Encode(SHA256.HashData(ec.ExportSubjectPublicKeyInfo())) };
            }

            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa) { KeyId = keyId ?? Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo())) };
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
