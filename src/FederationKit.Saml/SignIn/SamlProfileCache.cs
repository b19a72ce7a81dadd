using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederationKit.Directories;
using FederationKit.SignIn;
using FederationKit.OneTime;
using FederationKit.Saml.Settings;

namespace FederationKit.Saml.SignIn;

/// <summary>
/// Everything derived from a SAML IdP profile, built once per profile version: the parsed IdP certificates, the IdP and SP
/// option objects, the response validator and the logout service (with the IdP's public keys). A request for a newer
/// version of a profile rebuilds its entry and drops the old one at once, so a changed profile (a new signing certificate)
/// takes effect on the next response; no certificate is parsed per request.
/// </summary>
internal sealed class SamlProfileCache
{
    /// <summary>The most profiles kept; beyond it the cache starts over (a host with more profiles rebuilds some entries).</summary>
    internal const int MaximumProfiles = 10_000;

    private readonly ConcurrentDictionary<IdpProfileId, SamlProfileEntry> _entries = new();
    private readonly SamlSignInOptions _options;
    private readonly IOneTimeStore _store;
    private readonly TimeProvider _time;
    private readonly Microsoft.Extensions.Logging.ILoggerFactory? _loggers;
    private int _builds;

    public SamlProfileCache(SamlSignInOptions options, IOneTimeStore store, TimeProvider time, Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        _loggers = loggers;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>How many entries were built (each parses the profile's certificates once); for tests.</summary>
    internal int Builds => Volatile.Read(ref _builds);

    /// <summary>How many profiles are cached; for tests.</summary>
    internal int Count => _entries.Count;

    /// <summary>The entry of <paramref name="profile"/> at its version; a SAML profile only.</summary>
    /// <param name="profile">The profile as just read from the store.</param>
    public Result<SamlProfileEntry> Get(IdpProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile is not { Protocol: IdentityProtocol.Saml, Saml: { } saml })
        {
            return new FederationError(SamlErrorCodes.SettingsInvalid, "The IdP profile is not a SAML profile.").WithDetail("setting", "profile");
        }

        if (_entries.TryGetValue(profile.Id, out var cached) && cached.Version == profile.Version)
        {
            return cached;
        }

        var built = Build(profile.Id, profile.Version, saml);
        Interlocked.Increment(ref _builds);
        if (_entries.Count >= MaximumProfiles)
        {
            _entries.Clear();
        }

        // A request that read an older version than the cached one uses its own entry without replacing the newer one.
        _entries.AddOrUpdate(profile.Id, built, (_, existing) => existing.Version > built.Version ? existing : built);
        return built;
    }

    private SamlProfileEntry Build(IdpProfileId id, long version, SamlIdpSettings saml)
    {
        var idp = new SamlIdentityProviderOptions
        {
            EntityId = saml.EntityId,
            SingleSignOnUrlRedirect = saml.SsoUrlRedirect,
            SingleSignOnUrlPost = saml.SsoUrlPost,
            SingleLogoutUrl = saml.LogoutUrl,
            MinimumRsaKeySize = saml.MinimumRsaKeySize,
        };
        FederationError? error = null;
        foreach (var base64 in saml.SigningCertificates.IsDefault ? [] : saml.SigningCertificates)
        {
            try
            {
                idp.SigningCertificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64)));
            }
            catch (Exception exception) when (exception is FormatException or CryptographicException)
            {
                error = new FederationError(SamlErrorCodes.SettingsInvalid, "A signing certificate of the profile cannot be read.").WithDetail("setting", "SigningCertificates");
                break;
            }
        }

        if (error is null && idp.Validate() is { IsFailure: true } invalid)
        {
            error = invalid.Error;
        }

        return new SamlProfileEntry(version, saml, idp, error, _options, _store, _time) { ProfileId = id.ToString(), Loggers = _loggers };
    }
}
