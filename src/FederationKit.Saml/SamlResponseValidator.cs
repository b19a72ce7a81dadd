using System.Collections.Immutable;
using System.Xml;
using System.Diagnostics;
using FederationKit.OneTime;
using FederationKit.Saml.Diagnostics;
using FederationKit.Saml.Settings;
using FederationKit.Saml.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederationKit.Saml;

/// <summary>
/// Validates a SAML 2.0 Response (POST binding) for one SP and one IdP and returns what it asserts, or a typed refusal:
/// safe parsing, decryption of an EncryptedAssertion with the SP's keys, exactly one assertion placed directly in the Response, a signature by a configured IdP key over the
/// Response or the Assertion (references, transforms and algorithms checked; KeyInfo ignored), status, issuer,
/// destination, bearer subject confirmation, time window with skew, audience, InResponseTo consumed once, and assertion
/// replay through the shared <see cref="IOneTimeStore"/>.
/// </summary>
public sealed class SamlResponseValidator
{
    private readonly SamlServiceProviderOptions _sp;
    private readonly SamlIdentityProviderOptions _idp;
    private readonly IOneTimeStore _store;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<System.Security.Cryptography.AsymmetricAlgorithm> _keys;
    private readonly FederationError? _keyTooSmall;
    private readonly ILogger _logger;

    /// <summary>Creates the validator.</summary>
    /// <param name="sp">The SP settings (validated by the caller with <see cref="SamlServiceProviderOptions.Validate"/>).</param>
    /// <param name="idp">The trusted IdP.</param>
    /// <param name="store">The one-time store shared by every instance (issued request IDs, replay cache).</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where refusals are logged (events 5001-5003: codes and IDs, never the response); none when null.</param>
    public SamlResponseValidator(SamlServiceProviderOptions sp, SamlIdentityProviderOptions idp, IOneTimeStore store, TimeProvider time, ILogger<SamlResponseValidator>? logger = null)
    {
        _sp = sp ?? throw new ArgumentNullException(nameof(sp));
        _idp = idp ?? throw new ArgumentNullException(nameof(idp));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _keys = SamlSignatureVerifier.SharedKeysOf(idp.SigningCertificates, idp.MinimumRsaKeySize);
        _keyTooSmall = SamlSignatureVerifier.CheckKeySizes(idp.SigningCertificates, idp.MinimumRsaKeySize);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The IdP profile this validator serves, for logs and spans; null outside a profile (a direct use).</summary>
    internal string? ProfileId { get; init; }

    /// <summary>Validates the base64 <c>SAMLResponse</c> form value (or a raw XML document).</summary>
    /// <param name="samlResponse">The form value as received.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<SamlAssertion>> ValidateAsync(string samlResponse, CancellationToken cancellationToken = default) =>
        ValidateAsync(samlResponse, _sp.AllowUnsolicitedResponses ? SamlSolicitation.RecordedOrUnsolicited : SamlSolicitation.Recorded, cancellationToken);

    /// <summary>
    /// Validates the response against what the caller knows it must answer: the request ID of the sign-in in progress (the
    /// response's InResponseTo must equal it, and the issued-request record is consumed too), or nothing (an IdP-initiated
    /// response, which must then carry no InResponseTo).
    /// </summary>
    /// <param name="samlResponse">The form value as received.</param>
    /// <param name="solicitation">What the response must answer.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    internal async Task<Result<SamlAssertion>> ValidateAsync(string samlResponse, SamlSolicitation solicitation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samlResponse);
        using var activity = SamlInstruments.Start(SamlInstruments.ValidateSpan, ProfileId, _idp.EntityId);
        activity?.SetTag("federationkit.saml.solicited", solicitation.ExpectedRequestId is not null);
        var started = Stopwatch.GetTimestamp();
        var result = await ValidateCoreAsync(samlResponse, solicitation, cancellationToken).ConfigureAwait(false);
        var error = result.IsFailure ? result.Error : null;
        SamlInstruments.ValidationDuration.Record(
            Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("outcome", error?.Code ?? SamlInstruments.Success));
        SamlInstruments.Complete(activity, "response", error);
        if (error is not null)
        {
            if (error.Code == StoreErrorCodes.OneTimeUnavailable)
            {
                SamlLog.OneTimeStoreUnavailable(_logger, _idp.EntityId, ProfileId, error.Code);
            }
            else if (error.Code.StartsWith("saml.signature.", StringComparison.Ordinal))
            {
                SamlLog.SignatureRefused(_logger, _idp.EntityId, ProfileId, error.Code);
            }
            else
            {
                SamlLog.ResponseRefused(_logger, _idp.EntityId, ProfileId, error.Code);
            }
        }

        return result;
    }

    private async Task<Result<SamlAssertion>> ValidateCoreAsync(string samlResponse, SamlSolicitation solicitation, CancellationToken cancellationToken)
    {
        if (_keyTooSmall is not null)
        {
            return _keyTooSmall;
        }

        var parsed = SamlDocumentReader.Read(samlResponse, _sp.MaxResponseLength);
        if (parsed.IsFailure)
        {
            return parsed.Error;
        }

        var checkedDocument = CheckDocument(parsed.Value);
        if (checkedDocument.IsFailure)
        {
            return checkedDocument.Error;
        }

        var (response, assertion) = checkedDocument.Value;
        var now = _time.GetUtcNow();
        var content = CheckContent(response, assertion, now);
        if (content.IsFailure)
        {
            return content.Error;
        }

        var result = content.Value.Assertion;
        try
        {
            var refused = CheckSolicitation(result, solicitation) ?? await CheckOneTimeAsync(result, content.Value.AcceptedUntil, solicitation, cancellationToken).ConfigureAwait(false);
            if (refused is not null)
            {
                return refused;
            }
        }
        catch (OneTimeStoreUnavailableException)
        {
            // Fail closed: without the shared store, neither the request ID nor the replay cache can be checked.
            return new FederationError(StoreErrorCodes.OneTimeUnavailable, "The one-time store is unavailable, so the response could not be checked for replay; it was refused. Retry the sign-in.");
        }

        return result;
    }

    /// <summary>Consumes the answered request ID and records the assertion ID; returns the refusal, if any.</summary>
    private async Task<FederationError?> CheckOneTimeAsync(SamlAssertion result, DateTimeOffset acceptedUntil, SamlSolicitation solicitation, CancellationToken cancellationToken)
    {
        if (result.InResponseTo is { } requestId)
        {
            var issuedFor = await _store.TryTakeAsync(SamlOneTimePurposes.RequestId, requestId, cancellationToken).ConfigureAwait(false);
            if (issuedFor is null || System.Text.Encoding.UTF8.GetString(issuedFor) != _idp.EntityId)
            {
                return new FederationError(SamlErrorCodes.InResponseToUnknown, "The response answers a request this SP did not issue to this IdP, or one that was already answered.");
            }
        }
        else if (!solicitation.AllowsUnsolicited)
        {
            return new FederationError(SamlErrorCodes.UnsolicitedNotAllowed, "The response answers no request, and IdP-initiated sign-in is not enabled.");
        }

        // Remember the ID until the last instant at which this assertion could still be accepted, so a replay is refused for
        // as long as the assertion itself would pass every time check.
        if (!await _store.TryAddAsync(SamlOneTimePurposes.AssertionId, _idp.EntityId + "|" + result.AssertionId, new byte[] { 1 }, acceptedUntil, cancellationToken).ConfigureAwait(false))
        {
            return new FederationError(SamlErrorCodes.AssertionReplayed, "This assertion was already used: the response is a replay.");
        }

        return null;
    }

    /// <summary>Checks the response's InResponseTo against the request the caller expects (none for an IdP-initiated response).</summary>
    private static FederationError? CheckSolicitation(SamlAssertion result, SamlSolicitation solicitation)
    {
        if (solicitation.ExpectedRequestId is { } expected)
        {
            return string.Equals(result.InResponseTo, expected, StringComparison.Ordinal)
                ? null
                : new FederationError(SamlErrorCodes.InResponseToMismatch, "The response does not answer the request of this sign-in (its InResponseTo is missing or names another request).");
        }

        return solicitation.IsUnsolicitedOnly && result.InResponseTo is not null
            ? new FederationError(SamlErrorCodes.InResponseToUnknown, "The response claims to answer a request, but no sign-in in progress sent one: it was refused (an IdP-initiated response answers no request).")
            : null;
    }

    private Result<(XmlElement Response, XmlElement Assertion)> CheckDocument(XmlDocument document)
    {
        var response = document.DocumentElement!;
        if (response.LocalName != "Response" || response.NamespaceURI != SamlNames.Protocol)
        {
            return new FederationError(SamlErrorCodes.ResponseNotAResponse, "The document is not a SAML 2.0 protocol Response.");
        }

        if (FindDuplicateId(document) is { } duplicate)
        {
            return duplicate;
        }

        var status = SamlXml.Child(response, SamlNames.Protocol, "Status");
        var statusCode = status is null ? null : SamlXml.Child(status, SamlNames.Protocol, "StatusCode");
        if (statusCode?.GetAttribute("Value") != SamlNames.Success)
        {
            var sub = statusCode is null ? null : SamlXml.Child(statusCode, SamlNames.Protocol, "StatusCode");
            var message = status is null ? null : SamlXml.Child(status, SamlNames.Protocol, "StatusMessage");
            return new FederationError(SamlErrorCodes.StatusNotSuccess, "The IdP did not sign the user in.")
                .WithDetail("status", statusCode?.GetAttribute("Value") ?? string.Empty)
                .WithDetail("sub_status", sub?.GetAttribute("Value") ?? string.Empty)
                .WithDetail("message", message is null ? string.Empty : SamlXml.Text(message));
        }

        var responseSignature = SamlSignatureVerifier.FindSignature(response);
        var responseVerified = false;
        var encrypted = SamlXml.Descendants(document, SamlNames.Assertion, "EncryptedAssertion").ToList();
        if (encrypted.Count > 0)
        {
            var decrypted = Decrypt(response, responseSignature, encrypted);
            if (decrypted.IsFailure)
            {
                return decrypted.Error;
            }

            responseVerified = responseSignature is not null;
        }
        else if (_sp.RequireEncryptedAssertions)
        {
            return new FederationError(SamlErrorCodes.AssertionNotEncrypted, "The assertion is not encrypted, and this SP requires encrypted assertions.");
        }

        var assertions = SamlXml.Descendants(document, SamlNames.Assertion, "Assertion").ToList();
        if (assertions.Count != 1)
        {
            return new FederationError(SamlErrorCodes.AssertionCount, "The response must hold exactly one assertion.").WithDetail("count", assertions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var assertion = assertions[0];
        if (assertion.ParentNode != response)
        {
            return new FederationError(SamlErrorCodes.AssertionMisplaced, "The assertion must be a direct child of the Response.");
        }

        var assertionSignature = SamlSignatureVerifier.FindSignature(assertion);
        if (responseSignature is null && assertionSignature is null)
        {
            return new FederationError(SamlErrorCodes.SignatureMissing, "Neither the Response nor the Assertion is signed.");
        }

        if (assertionSignature is null && _sp.RequireSignedAssertion)
        {
            return new FederationError(SamlErrorCodes.AssertionUnsigned, "The Assertion is not signed, and this SP requires signed assertions.");
        }

        foreach (var (element, signature) in new[] { (response, responseSignature), (assertion, assertionSignature) })
        {
            if (signature is not null && !(responseVerified && element == response))
            {
                var verified = SamlSignatureVerifier.Verify(element, signature, _keys, _sp.AllowSha1);
                if (verified.IsFailure)
                {
                    return verified.Error;
                }
            }
        }

        var destination = SamlXml.Attribute(response, "Destination");
        if ((destination is null && responseSignature is not null) || (destination is not null && !_sp.AssertionConsumerServiceUrls.Contains(destination)))
        {
            return new FederationError(SamlErrorCodes.DestinationMismatch, "The Response's Destination is not this SP's assertion consumer service URL.");
        }

        var responseIssuer = SamlXml.Child(response, SamlNames.Assertion, "Issuer");
        if (responseIssuer is not null && SamlXml.Text(responseIssuer) != _idp.EntityId)
        {
            return new FederationError(SamlErrorCodes.IssuerMismatch, "The Response's Issuer is not the configured IdP.");
        }

        // Every time attribute is read strictly (SAML Core 1.3.3); one that cannot be read refuses the response.
        if (SamlTime.FindInvalid(document) is { } badTime)
        {
            return badTime;
        }

        return (response, assertion);
    }

    /// <summary>
    /// Opens the one EncryptedAssertion in place. A Response signature covers the ciphertext, so it is verified before
    /// anything is decrypted (no decryption oracle on signed responses); the decrypted assertion then goes through every
    /// check a plain one does.
    /// </summary>
    private Result<bool> Decrypt(XmlElement response, XmlElement? responseSignature, List<XmlElement> encrypted)
    {
        var plainCount = SamlXml.Descendants(response.OwnerDocument, SamlNames.Assertion, "Assertion").Count();
        if (encrypted.Count + plainCount != 1)
        {
            return new FederationError(SamlErrorCodes.AssertionCount, "The response must hold exactly one assertion.").WithDetail("count", (encrypted.Count + plainCount).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (encrypted[0].ParentNode != response)
        {
            return new FederationError(SamlErrorCodes.AssertionMisplaced, "The assertion must be a direct child of the Response.");
        }

        if (_sp.DecryptionCertificates.Count == 0)
        {
            return new FederationError(SamlErrorCodes.AssertionEncryptedUnsupported, "The assertion is encrypted, and no SP decryption certificate is configured.");
        }

        if (responseSignature is not null)
        {
            var verified = SamlSignatureVerifier.Verify(response, responseSignature, _keys, _sp.AllowSha1);
            if (verified.IsFailure)
            {
                return verified.Error;
            }
        }

        var assertion = SamlAssertionDecryptor.Decrypt(encrypted[0], [.. _sp.DecryptionCertificates], _sp.AllowRsaPkcs1KeyTransport, _sp.MaxResponseLength);
        if (assertion.IsFailure)
        {
            return assertion.Error;
        }

        response.ReplaceChild(assertion.Value, encrypted[0]);
        return FindDuplicateId(response.OwnerDocument) is { } duplicate ? duplicate : true;
    }

    private static FederationError? FindDuplicateId(XmlDocument document) =>
        SamlXml.HasDuplicateIds(document) ? new FederationError(SamlErrorCodes.ResponseDuplicateId, "Two elements carry the same ID.") : null;

    /// <summary>
    /// The assertion's content, in the order of the Web Browser SSO profile (SAML profiles §4.1.4.2-3): issuer, subject and
    /// bearer confirmation, conditions with an audience restriction, lifetime, authentication statement and session end.
    /// Returns the assertion and the last instant at which it could still be accepted (the replay-cache expiry).
    /// </summary>
    private Result<(SamlAssertion Assertion, DateTimeOffset AcceptedUntil)> CheckContent(XmlElement response, XmlElement assertion, DateTimeOffset now)
    {
        var skew = _sp.ClockSkew;
        var issuer = SamlXml.Child(assertion, SamlNames.Assertion, "Issuer");
        if (issuer is null || SamlXml.Text(issuer) != _idp.EntityId)
        {
            return new FederationError(SamlErrorCodes.IssuerMismatch, "The Assertion's Issuer is not the configured IdP.");
        }

        if (SamlXml.Time(assertion, "IssueInstant") is not { } issued)
        {
            return new FederationError(SamlErrorCodes.IssueInstantInvalid, "The assertion has no valid IssueInstant.");
        }

        if (issued > now + skew)
        {
            return new FederationError(SamlErrorCodes.NotYetValid, "The assertion was issued in the future.");
        }

        var inResponseTo = SamlXml.Attribute(response, "InResponseTo");
        var subject = SamlXml.Child(assertion, SamlNames.Assertion, "Subject");
        var readNameId = SamlSubjectNameId.Read(subject, _sp);
        if (readNameId.IsFailure)
        {
            return readNameId.Error;
        }

        var nameId = readNameId.Value;
        if (nameId is null || SamlXml.Text(nameId).Length == 0)
        {
            return new FederationError(SamlErrorCodes.NameIdMissing, "The assertion has no NameID.");
        }

        if (SamlXml.Attribute(nameId, "SPNameQualifier") is { } spNameQualifier && !IsThisSp(spNameQualifier))
        {
            return new FederationError(SamlErrorCodes.SpNameQualifierMismatch, "The NameID's SPNameQualifier names another service provider.");
        }

        // The latest NotOnOrAfter among the bearer confirmations that are addressed to this SP, unexpired and answer this request;
        // and the latest among all of them whatever their window, since one valid only later could be presented then: the
        // assertion ID is remembered until that one ends too.
        DateTimeOffset? confirmedUntil = null;
        DateTimeOffset? anyConfirmationUntil = null;
        foreach (var confirmation in SamlXml.Children(subject!, SamlNames.Assertion, "SubjectConfirmation"))
        {
            var data = SamlXml.Child(confirmation, SamlNames.Assertion, "SubjectConfirmationData");
            if (confirmation.GetAttribute("Method") != SamlNames.Bearer
                || data is null
                || SamlXml.Attribute(data, "Recipient") is not { } recipient || !_sp.AssertionConsumerServiceUrls.Contains(recipient)
                || SamlXml.Time(data, "NotOnOrAfter") is not { } until
                || SamlXml.Attribute(data, "InResponseTo") != inResponseTo)
            {
                continue;
            }

            if (anyConfirmationUntil is null || until > anyConfirmationUntil)
            {
                anyConfirmationUntil = until;
            }

            if (now < until + skew
                && (SamlXml.Time(data, "NotBefore") is not { } from || now + skew >= from)
                && (confirmedUntil is null || until > confirmedUntil))
            {
                confirmedUntil = until;
            }
        }

        if (confirmedUntil is null || anyConfirmationUntil is not { } subjectUntil)
        {
            return new FederationError(SamlErrorCodes.SubjectConfirmationInvalid, "No bearer SubjectConfirmation is addressed to this SP, unexpired and answering this request.");
        }

        var conditions = SamlXml.Child(assertion, SamlNames.Assertion, "Conditions");
        var restrictions = conditions is null ? [] : SamlXml.Children(conditions, SamlNames.Assertion, "AudienceRestriction").ToList();
        if (restrictions.Count == 0)
        {
            return new FederationError(SamlErrorCodes.AudienceRestrictionMissing, "The assertion has no AudienceRestriction naming this SP (required by the Web Browser SSO profile).");
        }

        var notOnOrAfter = SamlXml.Time(conditions!, "NotOnOrAfter");
        if (SamlXml.Time(conditions!, "NotBefore") is { } notBefore && now + skew < notBefore)
        {
            return new FederationError(SamlErrorCodes.NotYetValid, "The assertion is not valid yet.");
        }

        if (notOnOrAfter is { } end && now >= end + skew)
        {
            return new FederationError(SamlErrorCodes.Expired, "The assertion has expired.");
        }

        foreach (var restriction in restrictions)
        {
            if (!SamlXml.Children(restriction, SamlNames.Assertion, "Audience").Select(SamlXml.Text).Any(IsThisSp))
            {
                return new FederationError(SamlErrorCodes.AudienceMismatch, "The assertion is meant for another service provider.");
            }
        }

        var lastEnd = notOnOrAfter is { } conditionsEnd && conditionsEnd > subjectUntil ? conditionsEnd : subjectUntil;
        if (lastEnd - issued > _sp.MaximumAssertionLifetime)
        {
            return new FederationError(SamlErrorCodes.LifetimeTooLong, "The assertion is valid for longer after its IssueInstant than the maximum assertion lifetime.")
                .WithDetail("lifetime_seconds", ((long)(lastEnd - issued).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithDetail("maximum_seconds", ((long)_sp.MaximumAssertionLifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var authn = SamlXml.Child(assertion, SamlNames.Assertion, "AuthnStatement");
        if (authn is null && _sp.RequireAuthnStatement)
        {
            return new FederationError(SamlErrorCodes.AuthnStatementMissing, "The assertion has no AuthnStatement.");
        }

        var sessionEnd = authn is null ? null : SamlXml.Time(authn, "SessionNotOnOrAfter");
        if (sessionEnd is { } sessionUntil && now >= sessionUntil + skew)
        {
            return new FederationError(SamlErrorCodes.SessionExpired, "The IdP session of this assertion has ended (SessionNotOnOrAfter).");
        }

        // Every bound under which the assertion is still accepted; the earliest one, plus the skew, is when it stops being accepted.
        var acceptedUntil = new[] { subjectUntil, notOnOrAfter, issued + _sp.MaximumAssertionLifetime, sessionEnd }
            .Where(t => t is not null).Min(t => t!.Value) + skew;

        var classRef = authn is null ? null : SamlXml.Child(authn, SamlNames.Assertion, "AuthnContext") is { } context ? SamlXml.Child(context, SamlNames.Assertion, "AuthnContextClassRef") : null;
        var attributes = SamlXml.Children(assertion, SamlNames.Assertion, "AttributeStatement")
            .SelectMany(s => SamlXml.Children(s, SamlNames.Assertion, "Attribute"))
            .Select(a => new SamlAttributeValues(a.GetAttribute("Name"), SamlXml.Attribute(a, "FriendlyName"), [.. SamlXml.Children(a, SamlNames.Assertion, "AttributeValue").Select(SamlXml.Text)]))
            .ToImmutableArray();
        var result = new SamlAssertion
        {
            Issuer = _idp.EntityId,
            AssertionId = assertion.GetAttribute("ID"),
            NameId = new SamlNameId(SamlXml.Text(nameId), SamlXml.Attribute(nameId, "Format"), SamlXml.Attribute(nameId, "NameQualifier"), SamlXml.Attribute(nameId, "SPNameQualifier")),
            SessionIndex = authn is null ? null : SamlXml.Attribute(authn, "SessionIndex"),
            SessionNotOnOrAfter = sessionEnd,
            AuthnInstant = authn is null ? null : SamlXml.Time(authn, "AuthnInstant"),
            AuthnContextClassRef = classRef is null ? null : SamlXml.Text(classRef),
            NotOnOrAfter = notOnOrAfter,
            InResponseTo = inResponseTo,
            Attributes = attributes,
        };
        return (result, acceptedUntil);
    }

    private bool IsThisSp(string entityId) => entityId == _sp.EntityId || _sp.AdditionalAudiences.Contains(entityId);
}
