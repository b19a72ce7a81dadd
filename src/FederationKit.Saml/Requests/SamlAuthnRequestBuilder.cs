using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using FederationKit.OneTime;
using FederationKit.Saml.Bindings;
using FederationKit.Saml.Settings;
using FederationKit.Saml.Validation;

namespace FederationKit.Saml.Requests;

/// <summary>
/// Prepares SP-initiated sign-in: an AuthnRequest with a fresh ID (stored in the shared one-time store so the response's
/// InResponseTo is accepted once), sent over the HTTP-Redirect binding (DEFLATE, base64, URL-encoding, and when a signing
/// certificate is given the RSA-SHA256 signature over the exact octets <c>SAMLRequest=…&amp;RelayState=…&amp;SigAlg=…</c>,
/// SAML 2.0 Bindings 3.4.4.1) or the HTTP-POST binding (base64 of the XML, signed in the XML, Bindings 3.5).
/// </summary>
public sealed class SamlAuthnRequestBuilder
{
    /// <summary>The signature algorithm of signed requests, on either binding.</summary>
    public const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    private readonly SamlServiceProviderOptions _sp;
    private readonly IOneTimeStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates the builder.</summary>
    /// <param name="sp">The SP settings (entity ID, the first ACS URL is used).</param>
    /// <param name="store">The one-time store shared with the validator.</param>
    /// <param name="time">The clock.</param>
    public SamlAuthnRequestBuilder(SamlServiceProviderOptions sp, IOneTimeStore store, TimeProvider time)
    {
        _sp = sp ?? throw new ArgumentNullException(nameof(sp));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>How long an issued request waits for its response. Default 10 minutes.</summary>
    public TimeSpan RequestLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Creates, records and encodes an AuthnRequest for <paramref name="idp"/> over the HTTP-Redirect binding.</summary>
    /// <param name="idp">The IdP (its Redirect SSO URL is used).</param>
    /// <param name="request">What to ask for.</param>
    /// <param name="signingCertificate">The SP certificate with its private key, to sign the request; null sends it unsigned.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SamlRedirectRequest>> CreateRedirectAsync(SamlIdentityProviderOptions idp, SamlAuthnRequestOptions request, X509Certificate2? signingCertificate = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idp);
        ArgumentNullException.ThrowIfNull(request);
        if (idp.SingleSignOnUrlRedirect is not { } sso)
        {
            return new FederationError(SamlErrorCodes.SettingsInvalid, "The IdP has no SSO URL for the Redirect binding.").WithDetail("setting", "SingleSignOnUrlRedirect");
        }

        using var key = signingCertificate?.GetRSAPrivateKey();
        if (SamlOutgoingMessage.Check(request.RelayState, signingCertificate, key) is { } error)
        {
            return error;
        }

        var id = SamlOutgoingMessage.NewId();
        var now = _time.GetUtcNow();
        var xml = SamlAuthnRequestXml.Create(id, now, sso, _sp, request);
        await RecordAsync(idp, id, now, cancellationToken).ConfigureAwait(false);

        return new SamlRedirectRequest(id, SamlRedirectBinding.ToUrl(sso, SamlRedirectBinding.Encode("SAMLRequest", xml, request.RelayState, key)));
    }

    /// <summary>
    /// Creates, records and encodes an AuthnRequest for <paramref name="idp"/> over the HTTP-POST binding: the XML is base64-encoded
    /// without DEFLATE and, when a signing certificate is given, carries an enveloped signature (RSA-SHA256, SHA-256 digest,
    /// exclusive canonicalization, a Reference to the request ID, KeyInfo with the certificate) right after its Issuer.
    /// </summary>
    /// <param name="idp">The IdP (its POST SSO URL is used).</param>
    /// <param name="request">What to ask for.</param>
    /// <param name="signingCertificate">The SP certificate with its RSA private key, to sign the request; null sends it unsigned.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SamlPostRequest>> CreatePostAsync(SamlIdentityProviderOptions idp, SamlAuthnRequestOptions request, X509Certificate2? signingCertificate = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idp);
        ArgumentNullException.ThrowIfNull(request);
        if (idp.SingleSignOnUrlPost is not { } sso)
        {
            return new FederationError(SamlErrorCodes.SettingsInvalid, "The IdP has no SSO URL for the POST binding.").WithDetail("setting", "SingleSignOnUrlPost");
        }

        using var key = signingCertificate?.GetRSAPrivateKey();
        if (SamlOutgoingMessage.Check(request.RelayState, signingCertificate, key) is { } error)
        {
            return error;
        }

        var id = SamlOutgoingMessage.NewId();
        var now = _time.GetUtcNow();
        var xml = SamlAuthnRequestXml.Create(id, now, sso, _sp, request);
        if (key is not null)
        {
            // SAML 2.0 Core 3.2.1: the Signature of a request follows its Issuer.
            xml = SamlEnvelopedSigner.Sign(xml, signingCertificate!, key, root => root.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == "Issuer" && e.NamespaceURI == SamlNames.Assertion));
        }

        await RecordAsync(idp, id, now, cancellationToken).ConfigureAwait(false);
        return new SamlPostRequest(id, sso, Convert.ToBase64String(Encoding.UTF8.GetBytes(xml)), request.RelayState);
    }

    /// <summary>Records the issued request ID, bound to the IdP's entity ID, so the validator accepts one response to it.</summary>
    private async Task RecordAsync(SamlIdentityProviderOptions idp, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var added = await _store.TryAddAsync(SamlOneTimePurposes.RequestId, id, Encoding.UTF8.GetBytes(idp.EntityId), now + RequestLifetime, cancellationToken).ConfigureAwait(false);
        if (!added)
        {
            throw new InvalidOperationException("A freshly generated AuthnRequest ID collided in the one-time store.");
        }
    }
}
