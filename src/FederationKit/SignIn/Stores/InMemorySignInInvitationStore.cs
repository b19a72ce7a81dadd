using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Stores;

/// <summary>A thread-safe in-memory <see cref="ISignInInvitationStore"/>; emails are compared by their <see cref="MemberEmail.Normalize"/> key.</summary>
public sealed class InMemorySignInInvitationStore : ISignInInvitationStore
{
    private readonly object _sync = new();
    private readonly Dictionary<Guid, SignInInvitation> _invitations = new();

    /// <inheritdoc />
    public Task<Result> AddAsync(SignInInvitation invitation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        lock (_sync)
        {
            return Task.FromResult(_invitations.TryAdd(invitation.Id, invitation)
                ? Result.Success
                : Result.Failure(StoreErrors.Duplicate("invitation", invitation.Id.ToString("D"))));
        }
    }

    /// <inheritdoc />
    public Task<SignInInvitation?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(_invitations.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SignInInvitation>> ListByOrganizationAsync(OrganizationId organizationId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            IReadOnlyList<SignInInvitation> list = _invitations.Values
                .Where(i => i.OrganizationId == organizationId)
                .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
                .ToList();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc />
    public Task<SignInInvitation?> FindMatchAsync(OrganizationId organizationId, string? email, DirectoryId directoryId, string subject, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var emailKey = MemberEmail.Normalize(email);
        lock (_sync)
        {
            var match = _invitations.Values
                .Where(i => i.OrganizationId == organizationId && i.StatusAt(now) == SignInInvitationStatus.Open)
                .Where(i => (emailKey is not null && string.Equals(MemberEmail.Normalize(i.Email), emailKey, StringComparison.Ordinal))
                            || (i.Subject is not null && i.DirectoryId == directoryId && string.Equals(i.Subject, subject, StringComparison.Ordinal)))
                .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
                .FirstOrDefault();
            return Task.FromResult(match);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryRenewAsync(Guid id, DateTimeOffset expiresAt, DateTimeOffset sentAt, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_invitations.TryGetValue(id, out var invitation) || invitation.RevokedAt is not null)
            {
                return Task.FromResult(false);
            }

            _invitations[id] = invitation with { ExpiresAt = expiresAt, LastSentAt = sentAt };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryRevokeAsync(Guid id, DateTimeOffset revokedAt, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_invitations.TryGetValue(id, out var invitation) || invitation.RevokedAt is not null)
            {
                return Task.FromResult(false);
            }

            _invitations[id] = invitation with { RevokedAt = revokedAt };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> TryConsumeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(_invitations.TryGetValue(id, out var invitation) && invitation.RevokedAt is null && _invitations.Remove(id));
        }
    }

    /// <summary>The lock <see cref="FederationKit.Stores.InMemoryChangeSetStore"/> holds while it checks and applies a change.</summary>
    internal object SyncRoot => _sync;

    /// <summary>The first reason the change's invitations cannot be written; call under <see cref="SyncRoot"/>.</summary>
    internal FederationError? Check(FederationKit.Stores.ChangeSet change)
    {
        foreach (var invitation in change.AddedInvitations)
        {
            if (_invitations.ContainsKey(invitation.Id) || change.AddedInvitations.Count(i => i.Id == invitation.Id) > 1)
            {
                return StoreErrors.Duplicate("invitation", invitation.Id.ToString("D"));
            }
        }

        foreach (var invitation in change.RenewedInvitations.Concat(change.RevokedInvitations))
        {
            if (!_invitations.TryGetValue(invitation.Id, out var current) || current.RevokedAt is not null)
            {
                return StoreErrors.ConcurrencyConflict("invitation", invitation.Id.ToString("D"));
            }
        }

        return null;
    }

    /// <summary>Writes the change's invitations after <see cref="Check"/> passed; call under <see cref="SyncRoot"/>.</summary>
    internal void Apply(FederationKit.Stores.ChangeSet change)
    {
        foreach (var invitation in change.AddedInvitations)
        {
            _invitations[invitation.Id] = invitation;
        }

        foreach (var invitation in change.RenewedInvitations)
        {
            _invitations[invitation.Id] = _invitations[invitation.Id] with { ExpiresAt = invitation.ExpiresAt, LastSentAt = invitation.LastSentAt };
        }

        foreach (var invitation in change.RevokedInvitations)
        {
            _invitations[invitation.Id] = _invitations[invitation.Id] with { RevokedAt = invitation.RevokedAt };
        }
    }
}
