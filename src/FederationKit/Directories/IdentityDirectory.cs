using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.Directories;

/// <summary>
/// A directory: an identity source of an owner. Domains linked to it share its SSO set-up; a Federated directory
/// holds IdP profiles (see <see cref="IdpProfile"/>), exactly one of them active.
/// </summary>
public sealed record IdentityDirectory : IVersioned<IdentityDirectory>
{
    /// <summary>The directory's identifier.</summary>
    public required DirectoryId Id { get; init; }

    /// <summary>The owner (a parent organization or an organization without a parent).</summary>
    public required OwnerRef Owner { get; init; }

    /// <summary>The display name, unique per owner (compared case-insensitively).</summary>
    public required string Name { get; init; }

    /// <summary>The identity type.</summary>
    public required DirectoryIdentityType IdentityType { get; init; }

    /// <summary>Whether this is the owner's default Business directory (it cannot be deleted).</summary>
    public bool IsDefault { get; init; }

    /// <summary>Whether the directory uses a dedicated encryption key; domains cannot be moved into or out of it.</summary>
    public bool IsEncrypted { get; init; }

    /// <summary>
    /// Whether a deletion is under way: set before the deletion checks its preconditions, so that a domain linked or moved
    /// meanwhile is refused instead of pointing at a deleted directory. Cleared when the deletion is refused.
    /// </summary>
    public bool IsBeingDeleted { get; init; }

    /// <summary>
    /// The subject format (SAML NameID format, or OIDC user-id claim name) through which the directory's existing members were
    /// identified, as recorded by earlier versions on a first sign-in; null otherwise. A new profile's test must produce this
    /// format and the one of every profile users signed in through (see <see cref="IdpProfileService.TestProfileAsync"/>).
    /// </summary>
    public string? MemberSubjectFormat { get; init; }

    /// <summary>When the directory was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <inheritdoc />
    public long Version { get; init; }

    /// <inheritdoc />
    public IdentityDirectory WithVersion(long version) => this with { Version = version };
}
