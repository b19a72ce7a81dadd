using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Stores;

/// <summary>A thread-safe in-memory <see cref="IMemberProfileStore"/> with a unique username per organization.</summary>
public sealed class InMemoryMemberProfileStore : IMemberProfileStore
{
    private readonly object _sync = new();
    private readonly Dictionary<(OrganizationId, UserId), MemberProfile> _byMember = new();
    private readonly Dictionary<(OrganizationId, string), UserId> _byUsername = new();

    /// <inheritdoc />
    public Task<MemberProfile?> FindAsync(OrganizationId organizationId, UserId userId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult(_byMember.GetValueOrDefault((organizationId, userId)));
        }
    }

    /// <inheritdoc />
    public Task<MemberProfile?> FindByUsernameAsync(OrganizationId organizationId, string username, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        lock (_sync)
        {
            return Task.FromResult(_byUsername.TryGetValue((organizationId, Key(username)), out var user) ? _byMember[(organizationId, user)] : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MemberProfile>> ListByUserAsync(UserId userId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<MemberProfile>>([.. _byMember.Values.Where(p => p.UserId == userId)]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MemberProfile>> ListByDirectoryAsync(OrganizationId organizationId, DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            return Task.FromResult<IReadOnlyList<MemberProfile>>([.. _byMember.Values.Where(p => p.OrganizationId == organizationId && p.DirectoryId == directoryId)]);
        }
    }

    /// <inheritdoc />
    public Task<Result> DeleteAsync(OrganizationId organizationId, UserId userId, long expectedVersion, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_byMember.TryGetValue((organizationId, userId), out var current))
            {
                return Task.FromResult<Result>(StoreErrors.NotFound("member profile", $"{organizationId}/{userId}"));
            }

            if (current.Version != expectedVersion)
            {
                return Task.FromResult<Result>(StoreErrors.ConcurrencyConflict("member profile", $"{organizationId}/{userId}"));
            }

            _byMember.Remove((organizationId, userId));
            _byUsername.Remove((organizationId, Key(current.Username)));
            return Task.FromResult(Result.Success);
        }
    }

    /// <inheritdoc />
    public Task<Result<MemberProfile>> AddAsync(MemberProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        lock (_sync)
        {
            if (_byMember.ContainsKey((profile.OrganizationId, profile.UserId)))
            {
                return Task.FromResult<Result<MemberProfile>>(StoreErrors.Duplicate("member profile", $"{profile.OrganizationId}/{profile.UserId}"));
            }

            var usernameKey = (profile.OrganizationId, Key(profile.Username));
            if (_byUsername.ContainsKey(usernameKey))
            {
                return Task.FromResult<Result<MemberProfile>>(StoreErrors.Duplicate(IMemberProfileStore.UsernameKind, $"{profile.OrganizationId}/{profile.Username}"));
            }

            var stored = profile.WithVersion(1);
            _byMember[(profile.OrganizationId, profile.UserId)] = stored;
            _byUsername[usernameKey] = profile.UserId;
            return Task.FromResult<Result<MemberProfile>>(stored);
        }
    }

    /// <inheritdoc />
    public Task<Result<MemberProfile>> UpdateAsync(MemberProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        lock (_sync)
        {
            var key = (profile.OrganizationId, profile.UserId);
            if (!_byMember.TryGetValue(key, out var current))
            {
                return Task.FromResult<Result<MemberProfile>>(StoreErrors.NotFound("member profile", $"{profile.OrganizationId}/{profile.UserId}"));
            }

            if (current.Version != profile.Version)
            {
                return Task.FromResult<Result<MemberProfile>>(StoreErrors.ConcurrencyConflict("member profile", $"{profile.OrganizationId}/{profile.UserId}"));
            }

            var newName = (profile.OrganizationId, Key(profile.Username));
            var oldName = (profile.OrganizationId, Key(current.Username));
            if (newName != oldName)
            {
                if (_byUsername.ContainsKey(newName))
                {
                    return Task.FromResult<Result<MemberProfile>>(StoreErrors.Duplicate(IMemberProfileStore.UsernameKind, $"{profile.OrganizationId}/{profile.Username}"));
                }

                _byUsername.Remove(oldName);
                _byUsername[newName] = profile.UserId;
            }

            var stored = profile.WithVersion(profile.Version + 1);
            _byMember[key] = stored;
            return Task.FromResult<Result<MemberProfile>>(stored);
        }
    }

    private static string Key(string username) => username.ToUpperInvariant();
}
