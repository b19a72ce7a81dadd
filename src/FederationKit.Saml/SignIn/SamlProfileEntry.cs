using System.Collections.Concurrent;
using FederationKit.Directories;
using FederationKit.OneTime;
using FederationKit.Saml.Logout;
using FederationKit.Saml.Settings;

namespace FederationKit.Saml.SignIn;

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

    /// <summary>The profile's ID, for logs and spans.</summary>
    public string? ProfileId { get; init; }

    /// <summary>Where the validator and the logout service log; none when null.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? Loggers { get; init; }

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

        return new SamlProfileVariant(
            sp,
            new SamlResponseValidator(sp, Idp, _store, _time, Loggers is null ? null : Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<SamlResponseValidator>(Loggers)) { ProfileId = ProfileId },
            new SamlLogoutService(sp, Idp, _store, _time, Loggers is null ? null : Microsoft.Extensions.Logging.LoggerFactoryExtensions.CreateLogger<SamlLogoutService>(Loggers)) { ProfileId = ProfileId });
    }
}
