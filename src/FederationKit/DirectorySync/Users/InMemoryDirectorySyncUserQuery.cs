using FederationKit.Directories;
using FederationKit.SignIn.Stores;

namespace FederationKit.DirectorySync.Users;

/// <summary><see cref="IDirectorySyncUserQuery"/> over the <see cref="InMemoryFederatedUserStore"/>.</summary>
public sealed class InMemoryDirectorySyncUserQuery : IDirectorySyncUserQuery
{
    private readonly InMemoryFederatedUserStore _users;

    /// <summary>Creates the query.</summary>
    /// <param name="users">The in-memory user store.</param>
    public InMemoryDirectorySyncUserQuery(InMemoryFederatedUserStore users) => _users = users ?? throw new ArgumentNullException(nameof(users));

    /// <inheritdoc />
    public Task<FederatedUser?> FindByExternalIdAsync(DirectoryId directoryId, string externalId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        return Task.FromResult(Live(directoryId).FirstOrDefault(u => string.Equals(u.ExternalId, externalId, StringComparison.Ordinal)));
    }

    /// <inheritdoc />
    public Task<FederatedUser?> FindByUserNameAsync(DirectoryId directoryId, string userName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return Task.FromResult(Live(directoryId).FirstOrDefault(u => string.Equals(u.UserName, userName, StringComparison.OrdinalIgnoreCase)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FederatedUser>> ListByEmailAsync(DirectoryId directoryId, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        return Task.FromResult<IReadOnlyList<FederatedUser>>([.. Live(directoryId).Where(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase))]);
    }

    /// <inheritdoc />
    public Task<(IReadOnlyList<FederatedUser> Users, int Total)> ListAsync(DirectoryId directoryId, int offset, int count, CancellationToken cancellationToken = default)
    {
        var all = Live(directoryId);
        return Task.FromResult<(IReadOnlyList<FederatedUser>, int)>(([.. all.Skip(Math.Max(0, offset)).Take(Math.Max(0, count))], all.Count));
    }

    /// <inheritdoc />
    public Task<(IReadOnlyList<FederatedUser> Users, int Total)> QueryAsync(
        DirectoryId directoryId, DirectorySyncUserCriteria criteria, int offset, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        var matches = _users.Snapshot(u => u.DirectoryId == directoryId && u.DeletedAt is null && Matches(u, criteria));
        return Task.FromResult<(IReadOnlyList<FederatedUser>, int)>(([.. matches.Skip(Math.Max(0, offset)).Take(Math.Max(0, count))], matches.Count));
    }

    private static bool Matches(FederatedUser user, DirectorySyncUserCriteria criteria) =>
        (criteria.UserName is null || string.Equals(user.UserName, criteria.UserName, StringComparison.OrdinalIgnoreCase))
        && (criteria.ExternalId is null || string.Equals(user.ExternalId, criteria.ExternalId, StringComparison.Ordinal))
        && (criteria.Email is null || string.Equals(user.Email, criteria.Email, StringComparison.OrdinalIgnoreCase))
        && (criteria.DisplayName is null || string.Equals(user.DisplayName, criteria.DisplayName, StringComparison.OrdinalIgnoreCase))
        && (criteria.Active is null || criteria.Active == (user.SuspendedAt is null))
        && (criteria.ModifiedAfter is null || (user.LastModifiedAt ?? user.CreatedAt).ToUnixTimeMilliseconds() > criteria.ModifiedAfter.Value.ToUnixTimeMilliseconds());

    private List<FederatedUser> Live(DirectoryId directoryId) => _users.Snapshot(u => u.DirectoryId == directoryId && u.DeletedAt is null);
}
