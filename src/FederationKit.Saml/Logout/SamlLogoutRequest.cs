using System.Collections.Immutable;

namespace FederationKit.Saml.Logout;

/// <summary>A LogoutRequest from the IdP, verified: end the sessions it names, then answer with a LogoutResponse.</summary>
public sealed record SamlLogoutRequest
{
    /// <summary>The request ID (the LogoutResponse's InResponseTo).</summary>
    public required string Id { get; init; }

    /// <summary>The IdP entity ID.</summary>
    public required string Issuer { get; init; }

    /// <summary>The subject whose sessions end.</summary>
    public required SamlNameId NameId { get; init; }

    /// <summary>The session indexes to end; empty means every session of the subject.</summary>
    public ImmutableArray<string> SessionIndexes { get; init; } = [];

    /// <summary>The RelayState to send back unchanged, or null.</summary>
    public string? RelayState { get; init; }

    /// <summary>When the request stops being valid, if it says.</summary>
    public DateTimeOffset? NotOnOrAfter { get; init; }
}
