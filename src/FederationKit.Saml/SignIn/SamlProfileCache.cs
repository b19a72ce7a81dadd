using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederationKit.Directories;
using FederationKit.SignIn;
using FederationKit.OneTime;
using FederationKit.Saml.Logout;
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
    private int _builds;

    public SamlProfileCache(SamlSignInOptions options, IOneTimeStore store, TimeProvider time)
    {
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

        var built = Build(profile.Version, saml);
        Interlocked.Increment(ref _builds);
        if (_entries.Count >= MaximumProfiles)
        {
            _entries.Clear();
        }

        // A request that read an older version than the cached one uses its own entry without replacing the newer one.
        _entries.AddOrUpdate(profile.Id, built, (_, existing) => existing.Version > built.Version ? existing : built);
        return built;
    }

    private SamlProfileEntry Build(long version, SamlIdpSettings saml)
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

        return new SamlProfileEntry(version, saml, idp, error, _options, _store, _time);
    }
}

/// <summary>One profile version's derived objects; SP variants (one per set of edge URLs) are built on first use.</summary>
internal sealed class SamlProfileEntry
{
    private const int MaximumVariants = 16;

    private readonly ConcurrentDictionary<string, Result<SamlProfileVariant>> _variants = new(StringComparer.Ordinal);
    private readonly FederationError? _idpError;
    private readonly SamlSignInOptions _options;
    private readonly IOneTimeStore _store;
    private readonly TimeProvider _time;

    public SamlProfileEntry(long version, SamlIdpSettings saml, SamlIdentityProviderOptions idp, FederationError? idpError, SamlSignInOptions options, IOneTimeStore store, TimeProvider time)
    {
        Version = version;
        Saml = saml;
        Idp = idp;
        _idpError = idpError;
        _options = options;
        _store = store;
        _time = time;
    }

    /// <summary>The profile version the entry was built from.</summary>
    public long Version { get; }

    /// <summary>The profile's SAML settings.</summary>
    public SamlIdpSettings Saml { get; }

    /// <summary>The IdP options with the parsed certificates.</summary>
    public SamlIdentityProviderOptions Idp { get; }

    /// <summary>
    /// The SP side for one set of URLs: the options, the validator and the logout service, or the first invalid setting (SP
    /// settings first, then the profile's).
    /// </summary>
    /// <param name="entityId">The SP entity ID.</param>
    /// <param name="assertionConsumerServiceUrls">The accepted ACS URLs; the first is the one AuthnRequests name.</param>
    /// <param name="singleLogoutUrl">Our SLO URL for this profile, or null.</param>
    /// <param name="allowUnsolicited">The legacy switch of <see cref="SamlProfileSignIns"/>.</param>
    public Result<SamlProfileVariant> Variant(string entityId, IReadOnlyList<string> assertionConsumerServiceUrls, string? singleLogoutUrl, bool allowUnsolicited)
    {
        var key = string.Join('\n', [entityId, singleLogoutUrl ?? string.Empty, allowUnsolicited ? "1" : "0", .. assertionConsumerServiceUrls]);
        if (_variants.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (_variants.Count >= MaximumVariants)
        {
            _variants.Clear();
        }

        return _variants.GetOrAdd(key, _ => BuildVariant(entityId, assertionConsumerServiceUrls, singleLogoutUrl, allowUnsolicited));
    }

    private Result<SamlProfileVariant> BuildVariant(string entityId, IReadOnlyList<string> acs, string? singleLogoutUrl, bool allowUnsolicited)
    {
        var sp = new SamlServiceProviderOptions
        {
            EntityId = entityId,
            ClockSkew = _options.ClockSkew,
            AllowUnsolicitedResponses = allowUnsolicited,
            RequireEncryptedAssertions = Saml.WantEncryptedAssertions,
            AllowRsaPkcs1KeyTransport = Saml.AllowRsaPkcs1KeyTransport,
            RequireAuthnStatement = Saml.RequireAuthnStatement,
            RequireSignedAssertion = Saml.RequireSignedAssertion,
            MaximumAssertionLifetime = Saml.MaximumAssertionLifetime,
            SingleLogoutUrl = singleLogoutUrl,
        };
        foreach (var url in acs)
        {
            sp.AssertionConsumerServiceUrls.Add(url);
        }

        foreach (var audience in Saml.AdditionalAudiences.IsDefault ? [] : Saml.AdditionalAudiences)
        {
            sp.AdditionalAudiences.Add(audience);
        }

        foreach (var certificate in _options.DecryptionCertificates.Count > 0 ? _options.DecryptionCertificates : _options.SigningCertificate is { HasPrivateKey: true } signing ? [signing] : [])
        {
            sp.DecryptionCertificates.Add(certificate);
        }

        var valid = sp.Validate();
        if (valid.IsFailure)
        {
            return valid.Error;
        }

        if (_idpError is not null)
        {
            return _idpError;
        }

        return new SamlProfileVariant(sp, new SamlResponseValidator(sp, Idp, _store, _time), new SamlLogoutService(sp, Idp, _store, _time));
    }
}

/// <summary>The SP side of a profile for one set of URLs.</summary>
/// <param name="Sp">The SP options.</param>
/// <param name="Validator">The response validator (holds the IdP's public keys).</param>
/// <param name="Logout">The logout service (holds the IdP's public keys).</param>
internal sealed record SamlProfileVariant(SamlServiceProviderOptions Sp, SamlResponseValidator Validator, SamlLogoutService Logout);
