using FederationKit.Organizations;
using FederationKit.SignIn.Stores;

namespace FederationKit.Stores;

/// <summary>
/// <see cref="IChangeSetStore"/> over the in-memory user and membership stores: under both stores' locks, every check runs
/// before any write, so a change is applied whole or not at all.
/// </summary>
public sealed class InMemoryChangeSetStore : IChangeSetStore
{
    private readonly InMemoryFederatedUserStore _users;
    private readonly InMemoryMembershipStore _memberships;

    /// <summary>Creates the store.</summary>
    /// <param name="users">The in-memory user store.</param>
    /// <param name="memberships">The in-memory membership store.</param>
    public InMemoryChangeSetStore(InMemoryFederatedUserStore users, InMemoryMembershipStore memberships)
    {
        _users = users ?? throw new ArgumentNullException(nameof(users));
        _memberships = memberships ?? throw new ArgumentNullException(nameof(memberships));
    }

    /// <inheritdoc />
    public Task<Result> CommitAsync(ChangeSet change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_users.SyncRoot)
        {
            lock (_memberships.SyncRoot)
            {
                if ((_users.Check(change) ?? _memberships.Check(change)) is { } refused)
                {
                    return Task.FromResult<Result>(refused);
                }

                _users.Apply(change);
                _memberships.Apply(change);
                return Task.FromResult(Result.Success);
            }
        }
    }
}
