using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;
using FederationKit.Stores;

namespace FederationKit.SignIn.Stores;

/// <summary>A user's sign-in data in one organization: username (unique per organization), user type, groups, settings and profile.</summary>
public sealed record MemberProfile : IVersioned<MemberProfile>
{
    /// <summary>The organization.</summary>
    public required OrganizationId OrganizationId { get; init; }

    /// <summary>The user.</summary>
    public required UserId UserId { get; init; }

    /// <summary>The directory the user came from.</summary>
    public required DirectoryId DirectoryId { get; init; }

    /// <summary>The username, unique per organization (compared case-insensitively).</summary>
    public required string Username { get; init; }

    /// <summary>Enterprise, or Business for users reached through directory trust.</summary>
    public required MemberUserType UserType { get; init; }

    /// <summary>The member's product groups.</summary>
    public ImmutableSortedSet<string> Groups { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Host-defined settings.</summary>
    public ImmutableDictionary<string, string> Settings { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The email in this organization.</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>The given name in this organization.</summary>
    public string? GivenName { get; init; }

    /// <summary>The surname in this organization.</summary>
    public string? FamilyName { get; init; }

    /// <summary>When the user joined the organization.</summary>
    public required DateTimeOffset JoinedAt { get; init; }

    /// <inheritdoc />
    public long Version { get; init; }

    /// <inheritdoc />
    public MemberProfile WithVersion(long version) => this with { Version = version };
}
