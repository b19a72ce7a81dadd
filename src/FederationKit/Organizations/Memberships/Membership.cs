using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.SignIn.Policies;
using FederationKit.Stores;

namespace FederationKit.Organizations;

/// <summary>
/// A user's membership of one organization: one row keyed by (organization, user) that holds everything kept per organization
/// (role, username, user type, groups, settings and profile). A growing list of members is never embedded in the organization.
/// </summary>
public sealed record Membership : IVersioned<Membership>
{
    /// <summary>The organization.</summary>
    public required OrganizationId OrganizationId { get; init; }

    /// <summary>The user.</summary>
    public required UserId UserId { get; init; }

    /// <summary>The member's role.</summary>
    public required OrganizationRole Role { get; init; }

    /// <summary>
    /// Whether <see cref="Role"/> is the admin role granted at sign-in by an IdP admin group or admin user id of the directory's
    /// provisioning policy. Such a role is recomputed at every sign-in and taken back when the user is no longer designated;
    /// false for a role set by hand (which sign-in never lowers), from the join defaults or from an invitation.
    /// </summary>
    public bool RoleFromAdminMapping { get; init; }

    /// <summary>The member's email in this organization (lower case for members added by hand).</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>
    /// The username, unique per organization (compared case-insensitively); null for a member added by hand who never signed
    /// in through a directory.
    /// </summary>
    public string? Username { get; init; }

    /// <summary>Enterprise, or Business for users reached through directory trust.</summary>
    public MemberUserType UserType { get; init; } = MemberUserType.Enterprise;

    /// <summary>The directory the member came from; null for a local member added by hand.</summary>
    public DirectoryId? DirectoryId { get; init; }

    /// <summary>The member's product groups.</summary>
    public ImmutableSortedSet<string> Groups { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Host-defined settings.</summary>
    public ImmutableDictionary<string, string> Settings { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The given name in this organization.</summary>
    public string? GivenName { get; init; }

    /// <summary>The surname in this organization.</summary>
    public string? FamilyName { get; init; }

    /// <summary>When the user joined the organization.</summary>
    public required DateTimeOffset JoinedAt { get; init; }

    /// <inheritdoc />
    public long Version { get; init; }

    /// <summary>Whether the member may administer (admin or owner).</summary>
    public bool IsAdministrator => Role is OrganizationRole.Admin or OrganizationRole.Owner;

    /// <inheritdoc />
    public Membership WithVersion(long version) => this with { Version = version };

    /// <summary>
    /// Whether the member is one of the organization's break-glass accounts: it keeps the product's own login while
    /// <see cref="Organization.OnlySso"/> is on (or while SSO is enforced for its email's domain by this organization itself),
    /// so an IdP outage cannot lock the organization out. A flag of the membership, so removing the member removes it: a user
    /// who joins again is no break-glass account until an owner makes it one (<see cref="OrganizationService.SetOnlySsoAsync"/>).
    /// </summary>
    public bool BreakGlass { get; init; }
}
