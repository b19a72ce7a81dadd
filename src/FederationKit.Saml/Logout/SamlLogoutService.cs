using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using FederationKit.OneTime;
using FederationKit.Saml.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using FederationKit.Saml.Bindings;
using FederationKit.Saml.Requests;
using FederationKit.Saml.Settings;
using FederationKit.Saml.Validation;

namespace FederationKit.Saml.Logout;

/// <summary>
/// SAML single logout between this SP and one IdP over the HTTP-Redirect binding (and POST for incoming messages):
/// SP-initiated LogoutRequest and the check of the IdP's LogoutResponse, and IdP-initiated LogoutRequest with our
/// LogoutResponse. Every incoming message must be signed by a configured IdP key, name our SLO URL as Destination, be
/// fresh, and is accepted once.
/// </summary>
public sealed class SamlLogoutService
{
    private const string Success = "urn:oasis:names:tc:SAML:2.0:status:Success";
    private const string PartialLogout = "urn:oasis:names:tc:SAML:2.0:status:PartialLogout";
    private const string Responder = "urn:oasis:names:tc:SAML:2.0:status:Responder";

    private readonly SamlServiceProviderOptions _sp;
    private readonly SamlIdentityProviderOptions _idp;
    private readonly IOneTimeStore _store;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<AsymmetricAlgorithm> _keys;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    /// <param name="sp">The SP settings; <see cref="SamlServiceProviderOptions.SingleLogoutUrl"/> is required.</param>
    /// <param name="idp">The IdP; <see cref="SamlIdentityProviderOptions.SingleLogoutUrl"/> is where messages go.</param>
    /// <param name="store">The one-time store shared by every instance.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where refused logout messages are logged (event 5010: codes and IDs only); none when null.</param>
    public SamlLogoutService(SamlServiceProviderOptions sp, SamlIdentityProviderOptions idp, IOneTimeStore store, TimeProvider time, ILogger<SamlLogoutService>? logger = null)
    {
        _sp = sp ?? throw new ArgumentNullException(nameof(sp));
        _idp = idp ?? throw new ArgumentNullException(nameof(idp));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _keys = SamlSignatureVerifier.SharedKeysOf(idp.SigningCertificates, idp.MinimumRsaKeySize);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The IdP profile this service serves, for logs and spans; null outside a profile (a direct use).</summary>
    internal string? ProfileId { get; init; }

    /// <summary>Runs one logout message validation in a <c>saml.logout.validate</c> span and logs a refusal (code only).</summary>
    private async Task<Result<T>> TracedAsync<T>(string message, Func<Task<Result<T>>> validate)
    {
        using var activity = SamlInstruments.Start(SamlInstruments.LogoutSpan, ProfileId, _idp.EntityId);
        activity?.SetTag("federationkit.saml.message", message);
        var result = await validate().ConfigureAwait(false);
        var error = result.IsFailure ? result.Error : null;
        SamlInstruments.Complete(activity, "logout", error);
        if (error is not null)
        {
            SamlLog.LogoutRefused(_logger, message, _idp.EntityId, ProfileId, error.Code);
        }

        return result;
    }

    /// <summary>Creates, records and encodes a LogoutRequest to the IdP's SLO URL (SP-initiated logout).</summary>
    /// <param name="request">The session to end.</param>
    /// <param name="signingCertificate">The SP certificate with its private key; IdPs expect signed logout requests.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SamlRedirectRequest>> CreateLogoutRequestAsync(SamlLogoutRequestOptions request, X509Certificate2? signingCertificate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_idp.SingleLogoutUrl is not { } slo)
        {
            return Setting("SingleLogoutUrl", "The IdP has no single logout URL.");
        }

        using var key = signingCertificate?.GetRSAPrivateKey();
        if (SamlOutgoingMessage.Check(request.RelayState, signingCertificate, key) is { } error)
        {
            return error;
        }

        var id = SamlOutgoingMessage.NewId();
        var now = _time.GetUtcNow();
        var xml = SamlLogoutXml.Request(id, now, now + _sp.LogoutMessageLifetime, slo, _sp.EntityId, request);
        await _store.TryAddAsync(SamlOneTimePurposes.LogoutRequestId, id, Encoding.UTF8.GetBytes(_idp.EntityId), now + _sp.LogoutMessageLifetime + _sp.ClockSkew, cancellationToken).ConfigureAwait(false);
        return new SamlRedirectRequest(id, SamlRedirectBinding.ToUrl(slo, SamlRedirectBinding.Encode("SAMLRequest", xml, request.RelayState, key)));
    }

    /// <summary>Verifies the IdP's LogoutResponse received over the Redirect binding; it must answer a request we sent, once.</summary>
    /// <param name="rawQuery">The request's query string exactly as received (for example <c>HttpRequest.QueryString.Value</c>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<SamlLogoutResponse>> ValidateLogoutResponseAsync(string rawQuery, CancellationToken cancellationToken = default) =>
        TracedAsync("LogoutResponse", () => ValidateLogoutResponseCoreAsync(rawQuery, cancellationToken));

    private async Task<Result<SamlLogoutResponse>> ValidateLogoutResponseCoreAsync(string rawQuery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rawQuery);
        var message = ReadRedirect(rawQuery, "SAMLResponse", "LogoutResponse");
        return message.IsFailure ? message.Error : await CheckLogoutResponseAsync(message.Value.Root, message.Value.RelayState, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Verifies the IdP's LogoutResponse received over the POST binding (enveloped XML signature).</summary>
    /// <param name="samlResponse">The <c>SAMLResponse</c> form value.</param>
    /// <param name="relayState">The <c>RelayState</c> form value, or null.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<SamlLogoutResponse>> ValidateLogoutResponsePostAsync(string samlResponse, string? relayState, CancellationToken cancellationToken = default) =>
        TracedAsync("LogoutResponse", () => ValidateLogoutResponsePostCoreAsync(samlResponse, relayState, cancellationToken));

    private async Task<Result<SamlLogoutResponse>> ValidateLogoutResponsePostCoreAsync(string samlResponse, string? relayState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samlResponse);
        var root = ReadPost(samlResponse, "LogoutResponse");
        return root.IsFailure ? root.Error : await CheckLogoutResponseAsync(root.Value, relayState, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Verifies a LogoutRequest from the IdP received over the Redirect binding (IdP-initiated logout).</summary>
    /// <param name="rawQuery">The request's query string exactly as received.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<SamlLogoutRequest>> ValidateLogoutRequestAsync(string rawQuery, CancellationToken cancellationToken = default) =>
        TracedAsync("LogoutRequest", () => ValidateLogoutRequestCoreAsync(rawQuery, cancellationToken));

    private async Task<Result<SamlLogoutRequest>> ValidateLogoutRequestCoreAsync(string rawQuery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rawQuery);
        var message = ReadRedirect(rawQuery, "SAMLRequest", "LogoutRequest");
        return message.IsFailure ? message.Error : await CheckLogoutRequestAsync(message.Value.Root, message.Value.RelayState, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Verifies a LogoutRequest from the IdP received over the POST binding (enveloped XML signature).</summary>
    /// <param name="samlRequest">The <c>SAMLRequest</c> form value.</param>
    /// <param name="relayState">The <c>RelayState</c> form value, or null.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<SamlLogoutRequest>> ValidateLogoutRequestPostAsync(string samlRequest, string? relayState, CancellationToken cancellationToken = default) =>
        TracedAsync("LogoutRequest", () => ValidateLogoutRequestPostCoreAsync(samlRequest, relayState, cancellationToken));

    private async Task<Result<SamlLogoutRequest>> ValidateLogoutRequestPostCoreAsync(string samlRequest, string? relayState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samlRequest);
        var root = ReadPost(samlRequest, "LogoutRequest");
        return root.IsFailure ? root.Error : await CheckLogoutRequestAsync(root.Value, relayState, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The URL that carries our LogoutResponse to the IdP, after the host ended the sessions the request named.</summary>
    /// <param name="answered">The verified LogoutRequest.</param>
    /// <param name="allSessionsEnded">False reports a partial logout.</param>
    /// <param name="signingCertificate">The SP certificate with its private key.</param>
    public Result<Uri> CreateLogoutResponse(SamlLogoutRequest answered, bool allSessionsEnded, X509Certificate2? signingCertificate)
    {
        ArgumentNullException.ThrowIfNull(answered);
        if (_idp.SingleLogoutUrl is not { } slo)
        {
            return Setting("SingleLogoutUrl", "The IdP has no single logout URL.");
        }

        using var key = signingCertificate?.GetRSAPrivateKey();
        if (SamlOutgoingMessage.Check(null, signingCertificate, key) is { } error)
        {
            return error; // the IdP's RelayState is echoed as it came
        }

        var xml = allSessionsEnded
            ? SamlLogoutXml.Response(SamlOutgoingMessage.NewId(), _time.GetUtcNow(), slo, _sp.EntityId, answered.Id, Success)
            : SamlLogoutXml.Response(SamlOutgoingMessage.NewId(), _time.GetUtcNow(), slo, _sp.EntityId, answered.Id, Responder, PartialLogout);

        return SamlRedirectBinding.ToUrl(slo, SamlRedirectBinding.Encode("SAMLResponse", xml, answered.RelayState, key));
    }

    private Result<(XmlElement Root, string? RelayState)> ReadRedirect(string rawQuery, string parameter, string element)
    {
        var message = SamlRedirectBinding.Parse(rawQuery, parameter, _sp.MaxResponseLength);
        if (message.IsFailure)
        {
            return message.Error;
        }

        var root = Load(message.Value.Xml, element);
        if (root.IsFailure)
        {
            return root.Error;
        }

        var verified = SamlRedirectBinding.Verify(message.Value, _keys, _sp.AllowSha1);
        return verified.IsFailure ? verified.Error : (root.Value, message.Value.RelayState);
    }

    private Result<XmlElement> ReadPost(string formValue, string element)
    {
        var trimmed = formValue.Trim();
        if (trimmed.Length > _sp.MaxResponseLength)
        {
            return new FederationError(SamlLogoutErrorCodes.Malformed, "The form value is too large.");
        }

        string xml;
        try
        {
            xml = trimmed.StartsWith('<') ? trimmed : Encoding.UTF8.GetString(Convert.FromBase64String(trimmed));
        }
        catch (FormatException)
        {
            return new FederationError(SamlLogoutErrorCodes.Malformed, "The form value is not base64.");
        }

        var root = Load(xml, element);
        if (root.IsFailure)
        {
            return root;
        }

        if (SamlSignatureVerifier.FindSignature(root.Value) is not { } signature)
        {
            return new FederationError(SamlErrorCodes.SignatureMissing, $"The {element} is not signed.");
        }

        var verified = SamlSignatureVerifier.Verify(root.Value, signature, _keys, _sp.AllowSha1);
        return verified.IsFailure ? verified.Error : root;
    }

    private Result<XmlElement> Load(string xml, string element)
    {
        if (!xml.TrimStart().StartsWith('<'))
        {
            return new FederationError(SamlLogoutErrorCodes.Malformed, "The logout message is not XML.");
        }

        var document = SamlDocumentReader.Read(xml, _sp.MaxResponseLength);
        if (document.IsFailure)
        {
            return new FederationError(SamlLogoutErrorCodes.Malformed, "The logout message is not safe, well-formed XML.").WithDetail("reason", document.Error.Code);
        }

        var root = document.Value.DocumentElement!;
        if (root.LocalName != element || root.NamespaceURI != SamlNames.Protocol || !root.HasAttribute("ID"))
        {
            return new FederationError(SamlLogoutErrorCodes.Malformed, $"The message is not a SAML 2.0 {element}.");
        }

        if (SamlXml.HasDuplicateIds(document.Value))
        {
            return new FederationError(SamlLogoutErrorCodes.Malformed, "Two elements carry the same ID.");
        }

        return root;
    }

    private Result CheckCommon(XmlElement root)
    {
        if (SamlTime.FindInvalid(root) is { } badTime)
        {
            return badTime;
        }

        var issuer = SamlXml.Child(root, SamlNames.Assertion, "Issuer");
        if (issuer is null || SamlXml.Text(issuer) != _idp.EntityId)
        {
            return new FederationError(SamlErrorCodes.IssuerMismatch, "The logout message's Issuer is not the configured IdP.");
        }

        if (_sp.SingleLogoutUrl is null || SamlXml.Attribute(root, "Destination") != _sp.SingleLogoutUrl)
        {
            return new FederationError(SamlLogoutErrorCodes.DestinationMismatch, "The logout message's Destination is not this SP's single logout URL.");
        }

        var now = _time.GetUtcNow();
        if (SamlXml.Time(root, "IssueInstant") is not { } issued || issued > now + _sp.ClockSkew || issued + _sp.LogoutMessageLifetime + _sp.ClockSkew < now)
        {
            return new FederationError(SamlLogoutErrorCodes.Expired, "The logout message was not issued within the accepted window.");
        }

        return Result.Success;
    }

    private async Task<Result<SamlLogoutRequest>> CheckLogoutRequestAsync(XmlElement root, string? relayState, CancellationToken cancellationToken)
    {
        var common = CheckCommon(root);
        if (common.IsFailure)
        {
            return common.Error;
        }

        var now = _time.GetUtcNow();
        var notOnOrAfter = SamlXml.Time(root, "NotOnOrAfter");
        if (notOnOrAfter is { } end && now >= end + _sp.ClockSkew)
        {
            return new FederationError(SamlLogoutErrorCodes.Expired, "The LogoutRequest has expired.");
        }

        var nameId = SamlXml.Child(root, SamlNames.Assertion, "NameID");
        if (nameId is null && SamlXml.Child(root, SamlNames.Assertion, "EncryptedID") is { } encryptedId)
        {
            // The IdP hid the NameID from the browser: decrypt it with the SP keys, as an encrypted assertion.
            var decrypted = SamlAssertionDecryptor.Decrypt(encryptedId, [.. _sp.DecryptionCertificates], _sp.AllowRsaPkcs1KeyTransport, _sp.MaxResponseLength, "NameID");
            if (decrypted.IsFailure)
            {
                return decrypted.Error;
            }

            nameId = decrypted.Value;
        }

        if (nameId is null || SamlXml.Text(nameId).Length == 0)
        {
            return new FederationError(SamlErrorCodes.NameIdMissing, "The LogoutRequest names no subject.");
        }

        var id = root.GetAttribute("ID");
        if (!await _store.TryAddAsync(SamlOneTimePurposes.LogoutRequestSeen, _idp.EntityId + "|" + id, new byte[] { 1 }, now + _sp.LogoutMessageLifetime + _sp.ClockSkew * 2, cancellationToken).ConfigureAwait(false))
        {
            return new FederationError(SamlLogoutErrorCodes.Replayed, "This LogoutRequest was already received.");
        }

        return new SamlLogoutRequest
        {
            Id = id,
            Issuer = _idp.EntityId,
            NameId = new SamlNameId(SamlXml.Text(nameId), SamlXml.Attribute(nameId, "Format"), SamlXml.Attribute(nameId, "NameQualifier"), SamlXml.Attribute(nameId, "SPNameQualifier")),
            SessionIndexes = [.. SamlXml.Children(root, SamlNames.Protocol, "SessionIndex").Select(SamlXml.Text)],
            RelayState = relayState,
            NotOnOrAfter = notOnOrAfter,
        };
    }

    private async Task<Result<SamlLogoutResponse>> CheckLogoutResponseAsync(XmlElement root, string? relayState, CancellationToken cancellationToken)
    {
        var common = CheckCommon(root);
        if (common.IsFailure)
        {
            return common.Error;
        }

        var inResponseTo = SamlXml.Attribute(root, "InResponseTo");
        var issuedFor = inResponseTo is null ? null : await _store.TryTakeAsync(SamlOneTimePurposes.LogoutRequestId, inResponseTo, cancellationToken).ConfigureAwait(false);
        if (issuedFor is null || Encoding.UTF8.GetString(issuedFor) != _idp.EntityId)
        {
            return new FederationError(SamlErrorCodes.InResponseToUnknown, "The LogoutResponse answers no LogoutRequest this SP sent to this IdP, or one already answered.");
        }

        var status = SamlXml.Child(root, SamlNames.Protocol, "Status");
        var code = status is null ? null : SamlXml.Child(status, SamlNames.Protocol, "StatusCode");
        var sub = code is null ? null : SamlXml.Child(code, SamlNames.Protocol, "StatusCode");
        return new SamlLogoutResponse
        {
            InResponseTo = inResponseTo!,
            Issuer = _idp.EntityId,
            StatusCode = code?.GetAttribute("Value") ?? string.Empty,
            SubStatusCode = sub?.GetAttribute("Value"),
            RelayState = relayState,
        };
    }

    private static FederationError Setting(string setting, string message) =>
        new FederationError(SamlErrorCodes.SettingsInvalid, message).WithDetail("setting", setting);
}
