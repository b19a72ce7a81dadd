using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.SignIn.Stores;

/// <summary>A user provisioned from a directory, keyed by its identity (directory, IdP user id), never by email.</summary>
public sealed record FederatedUser : IVersioned<FederatedUser>
{
    /// <summary>The product's user id.</summary>
    public required UserId Id { get; init; }

    /// <summary>The directory the identity comes from.</summary>
    public required DirectoryId DirectoryId { get; init; }

    /// <summary>The IdP user id (NameID or configured claim), compared ordinally.</summary>
    public required string Subject { get; init; }

    /// <summary>The latest email asserted (empty when none).</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>The latest given name asserted.</summary>
    public string? GivenName { get; init; }

    /// <summary>The latest surname asserted.</summary>
    public string? FamilyName { get; init; }

    /// <summary>When the user was first provisioned.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the user last signed in.</summary>
    public required DateTimeOffset LastSignInAt { get; init; }

    /// <inheritdoc />
    public long Version { get; init; }

    /// <inheritdoc />
    public FederatedUser WithVersion(long version) => this with { Version = version };
}
