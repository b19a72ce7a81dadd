using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederationKit.Directories;
using FederationKit.OneTime;
using FederationKit.Saml.Requests;
using FederationKit.Saml.Settings;
using FederationKit.SignIn;
using FederationKit.Stores;

namespace FederationKit.Saml.SignIn;

/// <summary>
/// SAML sign-in for the SAML IdP profiles of directories: <see cref="StartAsync"/> prepares the AuthnRequest a
/// <c>FederatedRoute</c> leads to (Redirect binding, signed when the profile asks for it), and <see cref="CompleteAsync"/>
/// validates the response posted to the profile's ACS URL and returns the identity for just-in-time provisioning.
/// </summary>
public sealed class SamlProfileSignIns
{
    private readonly IIdpProfileStore _profiles;
    private readonly IOneTimeStore _store;
    private readonly TimeProvider _time;
    private readonly SamlSignInOptions _options;

    /// <summary>Creates the sign-ins.</summary>
    /// <param name="profiles">The IdP profile store.</param>
    /// <param name="store">The one-time store shared by every instance.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The host's SP settings.</param>
    /// <param name="loggers">Where the response validators log refusals (events 5001-5003); none when null.</param>
    public SamlProfileSignIns(IIdpProfileStore profiles, IOneTimeStore store, TimeProvider time, SamlSignInOptions options, Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        _profiles = profiles ?? throw new ArgumentNullException(nameof(profiles));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Cache = new SamlProfileCache(options, store, time, loggers);
    }

    /// <summary>The per-profile cache (visible to tests).</summary>
    internal SamlProfileCache Cache { get; }

    /// <summary>Prepares the redirect to the profile's IdP.</summary>
    /// <param name="profileId">The SAML profile (normally the active profile a <c>FederatedRoute</c> named).</param>
    /// <param name="relayState">The value the IdP returns with the response (at most 80 bytes).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SamlRedirectRequest>> StartAsync(IdpProfileId profileId, string? relayState, CancellationToken cancellationToken = default)
    {
        var prepared = await PrepareAsync(profileId, relayState, cancellationToken).ConfigureAwait(false);
        return prepared.IsFailure
            ? prepared.Error
            : await prepared.Value.Builder.CreateRedirectAsync(prepared.Value.Idp, prepared.Value.Request, prepared.Value.Certificate, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Prepares the AuthnRequest for the HTTP-POST binding, for IdPs that publish only a POST SSO URL: serve
    /// <see cref="SamlPostRequest.ToAutoSubmitHtml"/> to the browser. Signed in the XML when the profile asks for it.
    /// </summary>
    /// <param name="profileId">The SAML profile.</param>
    /// <param name="relayState">The value the IdP returns with the response (at most 80 bytes).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SamlPostRequest>> StartPostAsync(IdpProfileId profileId, string? relayState, CancellationToken cancellationToken = default)
    {
        var prepared = await PrepareAsync(profileId, relayState, cancellationToken).ConfigureAwait(false);
        return prepared.IsFailure
            ? prepared.Error
            : await prepared.Value.Builder.CreatePostAsync(prepared.Value.Idp, prepared.Value.Request, prepared.Value.Certificate, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates the SAMLResponse posted to the profile's ACS URL.</summary>
    /// <param name="profileId">The profile whose ACS URL received the response.</param>
    /// <param name="samlResponse">The SAMLResponse form value.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The assertion and the identity for <c>JitProvisioner</c>.</returns>
    public async Task<Result<(SamlAssertion Assertion, FederatedIdentity Identity)>> CompleteAsync(IdpProfileId profileId, string samlResponse, CancellationToken cancellationToken = default)
    {
        var settings = await LoadAsync(profileId, cancellationToken).ConfigureAwait(false);
        if (settings.IsFailure)
        {
            return settings.Error;
        }

        var (variant, entry) = settings.Value;
        var validated = await variant.Validator.ValidateAsync(samlResponse, cancellationToken).ConfigureAwait(false);
        if (validated.IsFailure)
        {
            return validated.Error;
        }

        var identity = SamlIdentityMapping.Map(validated.Value, entry.Saml, _time.GetUtcNow());
        return identity.IsFailure ? identity.Error : (validated.Value, identity.Value);
    }

    /// <summary>
    /// The SP metadata to give the profile's IdP: the SP entity ID, the profile's ACS URL (and SLO URL when configured), the
    /// SP certificate as a signing key, and as an encryption key only when the profile wants encrypted assertions (an IdP
    /// that finds an encryption key in SP metadata may start encrypting). Every instance loading the same certificate
    /// serves the same keys.
    /// </summary>
    /// <param name="profileId">The SAML profile.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<string>> MetadataAsync(IdpProfileId profileId, CancellationToken cancellationToken = default)
    {
        var settings = await LoadAsync(profileId, cancellationToken).ConfigureAwait(false);
        if (settings.IsFailure)
        {
            return settings.Error;
        }

        var (sp, saml) = (settings.Value.Variant.Sp, settings.Value.Entry.Saml);
        var certificates = _options.SigningCertificate is { } signing ? new[] { signing } : [];
        var encryption = saml.WantEncryptedAssertions ? sp.DecryptionCertificates.ToArray() : [];
        return Metadata.SamlSpMetadata.Create(sp, certificates, sp.SingleLogoutUrl, saml.NameIdFormat, authnRequestsSigned: saml.SignRequests && certificates.Length > 0, encryptionCertificates: encryption);
    }

    /// <summary>What both bindings need: the request builder, the IdP, what to ask for, and the signing certificate when the profile wants signed requests.</summary>
    private async Task<Result<(SamlAuthnRequestBuilder Builder, SamlIdentityProviderOptions Idp, SamlAuthnRequestOptions Request, X509Certificate2? Certificate)>> PrepareAsync(
        IdpProfileId profileId, string? relayState, CancellationToken cancellationToken)
    {
        var settings = await LoadAsync(profileId, cancellationToken).ConfigureAwait(false);
        if (settings.IsFailure)
        {
            return settings.Error;
        }

        var (sp, idp, saml) = (settings.Value.Variant.Sp, settings.Value.Entry.Idp, settings.Value.Entry.Saml);
        if (saml.SignRequests && _options.SigningCertificate is null)
        {
            return new FederationError(SamlErrorCodes.SettingsInvalid, "The profile asks for signed requests but no SP signing certificate is configured.").WithDetail("setting", "SigningCertificate");
        }

        var request = new SamlAuthnRequestOptions { RelayState = relayState, NameIdFormat = saml.NameIdFormat };
        return (new SamlAuthnRequestBuilder(sp, _store, _time), idp, request, saml.SignRequests ? _options.SigningCertificate : null);
    }

    private Task<Result<(SamlProfileVariant Variant, SamlProfileEntry Entry)>> LoadAsync(IdpProfileId profileId, CancellationToken cancellationToken) =>
        SamlProfileSettings.LoadAsync(_profiles, Cache, _options, profileId, cancellationToken);
}
