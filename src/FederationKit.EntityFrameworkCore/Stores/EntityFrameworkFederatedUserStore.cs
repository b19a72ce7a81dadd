using System.Text.Json;
using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary><see cref="IFederatedUserStore"/> on EF Core: (directory, subject) is a unique index; updates are conditional on (id, version, identity).</summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkFederatedUserStore<TContext> : IFederatedUserStore
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkFederatedUserStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<FederatedUser?> FindByIdentityAsync(DirectoryId directoryId, string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<FederatedUserRow>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.DirectoryId == directoryId.Value && r.Subject == subject, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<FederatedUser?> FindAsync(UserId id, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<FederatedUserRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id.Value, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<Result<FederatedUser>> AddAsync(FederatedUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stored = user.WithVersion(1);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        db.Set<FederatedUserRow>().Add(ToRow(stored));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return stored;
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return await FindAsync(user.Id, cancellationToken).ConfigureAwait(false) is not null
                ? StoreErrors.Duplicate("federated user", user.Id.ToString())
                : StoreErrors.Duplicate("federated identity", $"{user.DirectoryId}/{user.Subject}");
        }
    }

    /// <inheritdoc />
    public async Task<Result<FederatedUser>> UpdateAsync(FederatedUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stored = user.WithVersion(user.Version + 1);
        var row = ToRow(stored);
        var expected = user.Version;
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var changed = await UpdateRowAsync(db, row, expected, subjectMayChange: false, cancellationToken).ConfigureAwait(false);
        if (changed == 1)
        {
            return stored;
        }

        return await db.Set<FederatedUserRow>().AnyAsync(r => r.Id == row.Id, cancellationToken).ConfigureAwait(false)
            ? StoreErrors.ConcurrencyConflict("federated user", user.Id.ToString())
            : StoreErrors.NotFound("federated user", user.Id.ToString());
    }

    /// <inheritdoc />
    public async Task<int> CountByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        return await db.Set<FederatedUserRow>().CountAsync(r => r.DirectoryId == directoryId.Value && r.DeletedAtUnixMs == null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> CountByProfileAsync(IdpProfileId profileId, CancellationToken cancellationToken = default)
    {
        Guid? id = profileId.Value;
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        return await db.Set<FederatedUserRow>().CountAsync(r => r.ProfileId == id && r.DeletedAtUnixMs == null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> CountByEmailDomainAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        return await OnDomain(db.Set<FederatedUserRow>(), domain).CountAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FederatedUser>> ListByEmailDomainAsync(DirectoryId directoryId, string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await OnDomain(db.Set<FederatedUserRow>().AsNoTracking().Where(r => r.DirectoryId == directoryId.Value), domain)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToDomain)];
    }

    /// <inheritdoc />
    public async Task<Result<FederatedUser>> MoveToDirectoryAsync(FederatedUser user, DirectoryId target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var expected = user.Version;
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        int changed;
        try
        {
            changed = await db.Set<FederatedUserRow>()
                .Where(r => r.Id == user.Id.Value && r.Version == expected)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.DirectoryId, target.Value).SetProperty(r => r.ProfileId, (Guid?)null).SetProperty(r => r.Version, expected + 1), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // ExecuteUpdate surfaces the provider's exception itself, not a DbUpdateException.
            return StoreErrors.Duplicate("federated identity", $"{target}/{user.Subject}");
        }

        if (changed == 1)
        {
            return await FindAsync(user.Id, cancellationToken).ConfigureAwait(false) is { } moved ? moved : StoreErrors.NotFound("federated user", user.Id.ToString());
        }

        return await db.Set<FederatedUserRow>().AnyAsync(r => r.Id == user.Id.Value, cancellationToken).ConfigureAwait(false)
            ? StoreErrors.ConcurrencyConflict("federated user", user.Id.ToString())
            : StoreErrors.NotFound("federated user", user.Id.ToString());
    }

    // The email's domain is the domain or one of its subdomains, by whole labels.
    private static IQueryable<FederatedUserRow> OnDomain(IQueryable<FederatedUserRow> rows, string domain)
    {
        var exact = domain.ToLowerInvariant();
        var dotted = "." + exact;
        return rows.Where(r => r.EmailDomain == exact || r.EmailDomain.EndsWith(dotted));
    }

    /// <summary>
    /// Writes <paramref name="row"/> (already at its new version) over the stored row at version <paramref name="expected"/>,
    /// in the same directory; the subject must match unless <paramref name="subjectMayChange"/> (a deletion's tombstone).
    /// Returns the number of rows changed (1, or 0 when the row moved on or is gone).
    /// </summary>
    internal static Task<int> UpdateRowAsync(DbContext db, FederatedUserRow row, long expected, bool subjectMayChange, CancellationToken cancellationToken) =>
        db.Set<FederatedUserRow>()
            .Where(r => r.Id == row.Id && r.Version == expected && r.DirectoryId == row.DirectoryId
                && (subjectMayChange || r.Subject == row.Subject || r.Subject.StartsWith(FederatedUser.UnboundSubjectPrefix)))
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Subject, row.Subject)
                    .SetProperty(r => r.Email, row.Email)
                    .SetProperty(r => r.EmailDomain, row.EmailDomain)
                    .SetProperty(r => r.GivenName, row.GivenName)
                    .SetProperty(r => r.FamilyName, row.FamilyName)
                    .SetProperty(r => r.LastSignInAtUnixMs, row.LastSignInAtUnixMs)
                    .SetProperty(r => r.SecurityStamp, row.SecurityStamp)
                    .SetProperty(r => r.SuspendedAtUnixMs, row.SuspendedAtUnixMs)
                    .SetProperty(r => r.DeletedAtUnixMs, row.DeletedAtUnixMs)
                    .SetProperty(r => r.RemovedFromJson, row.RemovedFromJson)
                    .SetProperty(r => r.Version, row.Version)
                    .SetProperty(r => r.ProfileId, row.ProfileId)
                    .SetProperty(r => r.ExternalId, row.ExternalId)
                    .SetProperty(r => r.UserName, row.UserName)
                    .SetProperty(r => r.UserNameKey, row.UserNameKey)
                    .SetProperty(r => r.DisplayName, row.DisplayName)
                    .SetProperty(r => r.LastModifiedAtUnixMs, row.LastModifiedAtUnixMs),
                cancellationToken);

    internal static FederatedUserRow ToRow(FederatedUser u) => new()
    {
        Id = u.Id.Value,
        DirectoryId = u.DirectoryId.Value,
        Subject = u.Subject,
        Email = u.Email,
        EmailDomain = u.Email.LastIndexOf('@') is var at and >= 0 ? u.Email[(at + 1)..].ToLowerInvariant() : string.Empty,
        GivenName = u.GivenName,
        FamilyName = u.FamilyName,
        CreatedAtUnixMs = u.CreatedAt.ToUnixTimeMilliseconds(),
        LastSignInAtUnixMs = u.LastSignInAt.ToUnixTimeMilliseconds(),
        SecurityStamp = u.SecurityStamp,
        SuspendedAtUnixMs = u.SuspendedAt?.ToUnixTimeMilliseconds(),
        DeletedAtUnixMs = u.DeletedAt?.ToUnixTimeMilliseconds(),
        RemovedFromJson = JsonSerializer.Serialize(u.RemovedFrom.Select(o => o.Value).Order().ToArray()),
        Version = u.Version,
        ProfileId = u.ProfileId?.Value,
        ExternalId = u.ExternalId,
        UserName = u.UserName,
        UserNameKey = u.UserName?.ToLowerInvariant(),
        DisplayName = u.DisplayName,
        LastModifiedAtUnixMs = u.LastModifiedAt?.ToUnixTimeMilliseconds(),
    };

    internal static FederatedUser ToDomain(FederatedUserRow r) => new()
    {
        Id = new UserId(r.Id),
        DirectoryId = new DirectoryId(r.DirectoryId),
        Subject = r.Subject,
        Email = r.Email,
        GivenName = r.GivenName,
        FamilyName = r.FamilyName,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtUnixMs),
        LastSignInAt = DateTimeOffset.FromUnixTimeMilliseconds(r.LastSignInAtUnixMs),
        SecurityStamp = r.SecurityStamp,
        SuspendedAt = r.SuspendedAtUnixMs is { } suspended ? DateTimeOffset.FromUnixTimeMilliseconds(suspended) : null,
        DeletedAt = r.DeletedAtUnixMs is { } deleted ? DateTimeOffset.FromUnixTimeMilliseconds(deleted) : null,
        RemovedFrom = [.. (JsonSerializer.Deserialize<Guid[]>(r.RemovedFromJson) ?? []).Select(g => new OrganizationId(g))],
        Version = r.Version,
        ProfileId = r.ProfileId is { } profile ? new IdpProfileId(profile) : null,
        ExternalId = r.ExternalId,
        UserName = r.UserName,
        DisplayName = r.DisplayName,
        LastModifiedAt = r.LastModifiedAtUnixMs is { } modified ? DateTimeOffset.FromUnixTimeMilliseconds(modified) : null,
    };
}
