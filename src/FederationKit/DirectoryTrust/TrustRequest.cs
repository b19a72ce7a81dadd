using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.DirectoryTrust;

/// <summary>A trustee organization's request for access to another owner's directory, and, once accepted, the trust itself.</summary>
public sealed record TrustRequest : IVersioned<TrustRequest>
{
    /// <summary>The request's identifier.</summary>
    public required TrustRequestId Id { get; init; }

    /// <summary>The requested directory.</summary>
    public required DirectoryId DirectoryId { get; init; }

    /// <summary>The directory's owner.</summary>
    public required OwnerRef DirectoryOwner { get; init; }

    /// <summary>The organization that asks to become trustee.</summary>
    public required OrganizationId TrusteeOrganizationId { get; init; }

    /// <summary>Who asked.</summary>
    public required TrustRequester Requester { get; init; }

    /// <summary>The domain through which the request was made.</summary>
    public required string Domain { get; init; }

    /// <summary>The state.</summary>
    public TrustRequestState State { get; init; } = TrustRequestState.Pending;

    /// <summary>When the request was made.</summary>
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>When the request was last sent (made or resent).</summary>
    public required DateTimeOffset LastSentAt { get; init; }

    /// <summary>How often it was resent.</summary>
    public int ResendCount { get; init; }

    /// <summary>When it left the pending state or the accepted state.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The owner's reason for a rejection.</summary>
    public string? RejectionReason { get; init; }

    /// <summary>The users added to the trustee organization under this trust.</summary>
    public ImmutableList<TrusteeUser> TrusteeUsers { get; init; } = [];

    /// <inheritdoc />
    public long Version { get; init; }

    /// <summary>Whether the request is pending or accepted (an open request blocks a second one for the same directory and trustee).</summary>
    public bool IsOpen => State is TrustRequestState.Pending or TrustRequestState.Accepted;

    /// <inheritdoc />
    public TrustRequest WithVersion(long version) => this with { Version = version };
}
