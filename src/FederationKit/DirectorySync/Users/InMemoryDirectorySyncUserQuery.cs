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

    private List<FederatedUser> Live(DirectoryId directoryId) => _users.Snapshot(u => u.DirectoryId == directoryId && u.DeletedAt is null);
}
