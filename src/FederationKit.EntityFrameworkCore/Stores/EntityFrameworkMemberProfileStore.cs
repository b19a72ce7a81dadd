using System.Collections.Immutable;
using System.Text.Json;
using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IMemberProfileStore"/> on EF Core: key (organization, user), and a unique index on (organization, upper-cased
/// username), so usernames are unique per organization without regard to case even when sign-ins race.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkMemberProfileStore<TContext> : IMemberProfileStore
    where TContext : DbContext
{
    private const string Kind = "member profile";
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkMemberProfileStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<MemberProfile?> FindAsync(OrganizationId organizationId, UserId userId, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Set<MemberProfileRow>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.OrganizationId == organizationId.Value && r.UserId == userId.Value, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<MemberProfile?> FindByUsernameAsync(OrganizationId organizationId, string username, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        var key = Key(username);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Set<MemberProfileRow>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.OrganizationId == organizationId.Value && r.UsernameKey == key, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MemberProfile>> ListByUserAsync(UserId userId, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<MemberProfileRow>().AsNoTracking().Where(r => r.UserId == userId.Value).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToDomain)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MemberProfile>> ListByDirectoryAsync(OrganizationId organizationId, DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<MemberProfileRow>().AsNoTracking()
            .Where(r => r.OrganizationId == organizationId.Value && r.DirectoryId == directoryId.Value).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToDomain)];
    }

    /// <inheritdoc />
    public async Task<Result> DeleteAsync(OrganizationId organizationId, UserId userId, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await db.Set<MemberProfileRow>()
            .Where(r => r.OrganizationId == organizationId.Value && r.UserId == userId.Value && r.Version == expectedVersion)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        if (deleted == 1)
        {
            return Result.Success;
        }

        return await db.Set<MemberProfileRow>().AnyAsync(r => r.OrganizationId == organizationId.Value && r.UserId == userId.Value, cancellationToken).ConfigureAwait(false)
            ? StoreErrors.ConcurrencyConflict(Kind, $"{organizationId}/{userId}")
            : StoreErrors.NotFound(Kind, $"{organizationId}/{userId}");
    }

    /// <inheritdoc />
    public async Task<Result<MemberProfile>> AddAsync(MemberProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var stored = profile.WithVersion(1);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Set<MemberProfileRow>().Add(ToRow(stored));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return stored;
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return await FindAsync(profile.OrganizationId, profile.UserId, cancellationToken).ConfigureAwait(false) is not null
                ? StoreErrors.Duplicate(Kind, $"{profile.OrganizationId}/{profile.UserId}")
                : StoreErrors.Duplicate(IMemberProfileStore.UsernameKind, $"{profile.OrganizationId}/{profile.Username}");
        }
    }

    /// <inheritdoc />
    public async Task<Result<MemberProfile>> UpdateAsync(MemberProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var stored = profile.WithVersion(profile.Version + 1);
        var row = ToRow(stored);
        var expected = profile.Version;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        int changed;
        try
        {
            changed = await db.Set<MemberProfileRow>()
                .Where(r => r.OrganizationId == row.OrganizationId && r.UserId == row.UserId && r.Version == expected)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.DirectoryId, row.DirectoryId)
                        .SetProperty(r => r.Username, row.Username)
                        .SetProperty(r => r.UsernameKey, row.UsernameKey)
                        .SetProperty(r => r.UserType, row.UserType)
                        .SetProperty(r => r.GroupsJson, row.GroupsJson)
                        .SetProperty(r => r.SettingsJson, row.SettingsJson)
                        .SetProperty(r => r.Email, row.Email)
                        .SetProperty(r => r.GivenName, row.GivenName)
                        .SetProperty(r => r.FamilyName, row.FamilyName)
                        .SetProperty(r => r.Version, row.Version),
                    cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return StoreErrors.Duplicate(IMemberProfileStore.UsernameKind, $"{profile.OrganizationId}/{profile.Username}");
        }

        if (changed == 1)
        {
            return stored;
        }

        return await db.Set<MemberProfileRow>().AnyAsync(r => r.OrganizationId == row.OrganizationId && r.UserId == row.UserId, cancellationToken).ConfigureAwait(false)
            ? StoreErrors.ConcurrencyConflict(Kind, $"{profile.OrganizationId}/{profile.UserId}")
            : StoreErrors.NotFound(Kind, $"{profile.OrganizationId}/{profile.UserId}");
    }

    private static string Key(string username) => username.ToUpperInvariant();

    private static MemberProfileRow ToRow(MemberProfile p) => new()
    {
        OrganizationId = p.OrganizationId.Value,
        UserId = p.UserId.Value,
        DirectoryId = p.DirectoryId.Value,
        Username = p.Username,
        UsernameKey = Key(p.Username),
        UserType = (int)p.UserType,
        GroupsJson = JsonSerializer.Serialize(p.Groups.ToArray()),
        SettingsJson = JsonSerializer.Serialize(p.Settings.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal)),
        Email = p.Email,
        GivenName = p.GivenName,
        FamilyName = p.FamilyName,
        JoinedAtUnixMs = p.JoinedAt.ToUnixTimeMilliseconds(),
        Version = p.Version,
    };

    private static MemberProfile ToDomain(MemberProfileRow r) => new()
    {
        OrganizationId = new OrganizationId(r.OrganizationId),
        UserId = new UserId(r.UserId),
        DirectoryId = new DirectoryId(r.DirectoryId),
        Username = r.Username,
        UserType = (MemberUserType)r.UserType,
        Groups = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, JsonSerializer.Deserialize<string[]>(r.GroupsJson) ?? []),
        Settings = (JsonSerializer.Deserialize<Dictionary<string, string>>(r.SettingsJson) ?? []).ToImmutableDictionary(StringComparer.Ordinal),
        Email = r.Email,
        GivenName = r.GivenName,
        FamilyName = r.FamilyName,
        JoinedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.JoinedAtUnixMs),
        Version = r.Version,
    };
}
