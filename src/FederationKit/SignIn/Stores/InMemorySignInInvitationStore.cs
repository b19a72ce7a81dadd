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
}
