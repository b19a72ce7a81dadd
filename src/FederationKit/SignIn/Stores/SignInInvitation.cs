using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Stores;

/// <summary>An administrator's invitation to join an organization admitting members by invitation only.</summary>
/// <param name="Id">The invitation's identifier.</param>
/// <param name="OrganizationId">The organization.</param>
/// <param name="Role">The role the invited user receives.</param>
/// <param name="CreatedAt">When it was issued.</param>
public sealed record SignInInvitation(Guid Id, OrganizationId OrganizationId, OrganizationRole Role, DateTimeOffset CreatedAt)
{
    /// <summary>The invited email (matched by its <see cref="MemberEmail.Normalize"/> key), or null when invited by user id.</summary>
    public string? Email { get; init; }

    /// <summary>The directory of <see cref="Subject"/>, when invited by user id.</summary>
    public DirectoryId? DirectoryId { get; init; }

    /// <summary>The invited IdP user id (matched ordinally together with <see cref="DirectoryId"/>).</summary>
    public string? Subject { get; init; }

    /// <summary>Product groups the invited user starts in (added to the join defaults' groups on first sign-in).</summary>
    public ImmutableArray<string> Groups { get; init; } = [];

    /// <summary>The administrator who issued it, when issued through <see cref="Invitations.SignInInvitationService"/>.</summary>
    public UserId? InvitedBy { get; init; }

    /// <summary>When it stops matching (exclusive), or null for an invitation that does not expire (one added straight to the store).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When it was last sent or resent (the host sends the email on the event), or null.</summary>
    public DateTimeOffset? LastSentAt { get; init; }

    /// <summary>When an administrator revoked it, or null; a revoked invitation never matches again.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Its state at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    public SignInInvitationStatus StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? SignInInvitationStatus.Revoked
        : ExpiresAt is { } expiresAt && expiresAt <= now ? SignInInvitationStatus.Expired
        : SignInInvitationStatus.Open;
}
