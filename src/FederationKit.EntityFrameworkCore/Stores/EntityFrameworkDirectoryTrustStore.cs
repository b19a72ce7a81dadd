using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Organizations;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IDirectoryTrustStore"/> on EF Core. A filtered unique index allows one open request per directory and trustee.
/// A multi-request update is one transaction of conditional UPDATEs on (Id, Version), in id order (so two concurrent batches
/// cannot deadlock), committed only when every row matched: all or none, and of two admins acting on one request (accept and
/// revoke, say) exactly one wins.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkDirectoryTrustStore<TContext> : IDirectoryTrustStore
    where TContext : DbContext
{
    private const string Kind = "trust request";
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkDirectoryTrustStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<TrustRequest?> FindAsync(TrustRequestId id, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<TrustRequestRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id.Value, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TrustRequest>> ListByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<TrustRequestRow>().AsNoTracking().Where(r => r.DirectoryId == directoryId.Value).ToListAsync(cancellationToken).ConfigureAwait(false);
        return Ordered(rows);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TrustRequest>> ListByTrusteeAsync(OrganizationId trustee, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<TrustRequestRow>().AsNoTracking().Where(r => r.TrusteeOrganizationId == trustee.Value).ToListAsync(cancellationToken).ConfigureAwait(false);
        return Ordered(rows);
    }

    /// <inheritdoc />
    public async Task<Result<TrustRequest>> AddAsync(TrustRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stored = request.WithVersion(1);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        db.Set<TrustRequestRow>().Add(ToRow(stored));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return OpenClash(request);
        }

        return stored;
    }

    /// <inheritdoc />
    public async Task<Result<IReadOnlyList<TrustRequest>>> UpdateAsync(IReadOnlyList<TrustRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var rows = requests.Select(r => ToRow(r.WithVersion(r.Version + 1))).ToList();
        try
        {
            return await Transactions.RunAsync<TContext, Result<IReadOnlyList<TrustRequest>>>(
                _contexts,
                async (db, ct) =>
                {
                    var table = db.Set<TrustRequestRow>();
                    foreach (var row in rows.OrderBy(r => r.Id))
                    {
                        var expected = row.Version - 1;
                        var changed = await table
                            .Where(r => r.Id == row.Id && r.Version == expected)
                            .ExecuteUpdateAsync(
                                s => s.SetProperty(r => r.DirectoryId, row.DirectoryId)
                                    .SetProperty(r => r.DirectoryOwnerKind, row.DirectoryOwnerKind)
                                    .SetProperty(r => r.DirectoryOwnerId, row.DirectoryOwnerId)
                                    .SetProperty(r => r.TrusteeOrganizationId, row.TrusteeOrganizationId)
                                    .SetProperty(r => r.RequesterUserId, row.RequesterUserId)
                                    .SetProperty(r => r.RequesterName, row.RequesterName)
                                    .SetProperty(r => r.RequesterEmail, row.RequesterEmail)
                                    .SetProperty(r => r.RequesterOrganizationName, row.RequesterOrganizationName)
                                    .SetProperty(r => r.Domain, row.Domain)
                                    .SetProperty(r => r.State, row.State)
                                    .SetProperty(r => r.RequestedAtUnixMs, row.RequestedAtUnixMs)
                                    .SetProperty(r => r.LastSentAtUnixMs, row.LastSentAtUnixMs)
                                    .SetProperty(r => r.ResendCount, row.ResendCount)
                                    .SetProperty(r => r.DecidedAtUnixMs, row.DecidedAtUnixMs)
                                    .SetProperty(r => r.RejectionReason, row.RejectionReason)
                                    .SetProperty(r => r.TrusteeUsersJson, row.TrusteeUsersJson)
                                    .SetProperty(r => r.Version, row.Version),
                                ct)
                            .ConfigureAwait(false);
                        if (changed != 1)
                        {
                            var id = row.Id.ToString("D");
                            var exists = await table.AnyAsync(r => r.Id == row.Id, ct).ConfigureAwait(false);
                            return (exists ? StoreErrors.ConcurrencyConflict(Kind, id) : StoreErrors.NotFound(Kind, id), false);
                        }
                    }

                    IReadOnlyList<TrustRequest> stored = requests.Select(r => r.WithVersion(r.Version + 1)).ToList();
                    return (Result<IReadOnlyList<TrustRequest>>.Success(stored), true);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            var open = requests.FirstOrDefault(r => r.IsOpen) ?? requests[0];
            return OpenClash(open);
        }
    }

    private static FederationError OpenClash(TrustRequest request) =>
        StoreErrors.Duplicate(Kind, request.DirectoryId + "/" + request.TrusteeOrganizationId);

    private static List<TrustRequest> Ordered(List<TrustRequestRow> rows) =>
        rows.Select(ToDomain).OrderBy(r => r.RequestedAt).ThenBy(r => r.Id.Value).ToList();

    private static TrustRequestRow ToRow(TrustRequest r) => new()
    {
        Id = r.Id.Value,
        DirectoryId = r.DirectoryId.Value,
        DirectoryOwnerKind = (int)r.DirectoryOwner.Kind,
        DirectoryOwnerId = r.DirectoryOwner.Id,
        TrusteeOrganizationId = r.TrusteeOrganizationId.Value,
        RequesterUserId = r.Requester.UserId.Value,
        RequesterName = r.Requester.Name,
        RequesterEmail = r.Requester.Email,
        RequesterOrganizationName = r.Requester.OrganizationName,
        Domain = r.Domain,
        State = (int)r.State,
        RequestedAtUnixMs = r.RequestedAt.ToUnixTimeMilliseconds(),
        LastSentAtUnixMs = r.LastSentAt.ToUnixTimeMilliseconds(),
        ResendCount = r.ResendCount,
        DecidedAtUnixMs = r.DecidedAt?.ToUnixTimeMilliseconds(),
        RejectionReason = r.RejectionReason,
        TrusteeUsersJson = TrusteeUserDocument.Serialize(r.TrusteeUsers),
        Version = r.Version,
    };

    private static TrustRequest ToDomain(TrustRequestRow r) => new()
    {
        Id = new TrustRequestId(r.Id),
        DirectoryId = new DirectoryId(r.DirectoryId),
        DirectoryOwner = OwnerColumns.ToOwner(r.DirectoryOwnerKind, r.DirectoryOwnerId),
        TrusteeOrganizationId = new OrganizationId(r.TrusteeOrganizationId),
        Requester = new TrustRequester(new UserId(r.RequesterUserId), r.RequesterName, r.RequesterEmail, r.RequesterOrganizationName),
        Domain = r.Domain,
        State = (TrustRequestState)r.State,
        RequestedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.RequestedAtUnixMs),
        LastSentAt = DateTimeOffset.FromUnixTimeMilliseconds(r.LastSentAtUnixMs),
        ResendCount = r.ResendCount,
        DecidedAt = r.DecidedAtUnixMs is { } decided ? DateTimeOffset.FromUnixTimeMilliseconds(decided) : null,
        RejectionReason = r.RejectionReason,
        TrusteeUsers = TrusteeUserDocument.Deserialize(r.TrusteeUsersJson),
        Version = r.Version,
    };
}
