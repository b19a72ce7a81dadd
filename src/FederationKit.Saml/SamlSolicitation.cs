namespace FederationKit.Saml;

/// <summary>
/// What a response must answer: the request ID of the sign-in in progress, a request recorded in the one-time store (the
/// standalone validator), or nothing at all (an IdP-initiated response the profile allows).
/// </summary>
internal sealed record SamlSolicitation
{
    private SamlSolicitation(string? expectedRequestId, bool allowsUnsolicited, bool isUnsolicitedOnly)
    {
        ExpectedRequestId = expectedRequestId;
        AllowsUnsolicited = allowsUnsolicited;
        IsUnsolicitedOnly = isUnsolicitedOnly;
    }

    /// <summary>Any request recorded in the one-time store; no unsolicited response.</summary>
    public static SamlSolicitation Recorded { get; } = new(null, false, false);

    /// <summary>A recorded request, or no request (the legacy <c>AllowUnsolicitedResponses</c> switch).</summary>
    public static SamlSolicitation RecordedOrUnsolicited { get; } = new(null, true, false);

    /// <summary>No request: an IdP-initiated response, which must carry no InResponseTo.</summary>
    public static SamlSolicitation Unsolicited { get; } = new(null, true, true);

    /// <summary>The request this sign-in sent; InResponseTo must equal it (and its one-time record is consumed).</summary>
    /// <param name="requestId">The AuthnRequest ID kept in the sign-in transaction.</param>
    public static SamlSolicitation Answering(string requestId) => new(requestId, false, false);

    /// <summary>The request ID InResponseTo must equal, or null.</summary>
    public string? ExpectedRequestId { get; }

    /// <summary>Whether a response without InResponseTo is accepted.</summary>
    public bool AllowsUnsolicited { get; }

    /// <summary>Whether only a response without InResponseTo is accepted.</summary>
    public bool IsUnsolicitedOnly { get; }
}
