using FederationKit.EntityFrameworkCore.Model;
using FederationKit.MergeProposals;
using FederationKit.Organizations;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IMergeProposalStore"/> on EF Core: one active proposal per organization is a unique index, updates are one
/// conditional UPDATE on (id, version).
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkMergeProposalStore<TContext> : IMergeProposalStore
    where TContext : DbContext
{
    private const string Kind = "merge proposal";
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkMergeProposalStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<MergeProposal?> FindAsync(MergeProposalId id, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<MergeProposalRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id.Value, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<MergeProposal?> FindActiveByOrganizationAsync(OrganizationId organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        Guid? key = organizationId.Value;
        var row = await db.Set<MergeProposalRow>().AsNoTracking().SingleOrDefaultAsync(r => r.ActiveOrganizationId == key, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MergeProposal>> ListByParentAsync(ParentOrganizationId parentId, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<MergeProposalRow>().AsNoTracking().Where(r => r.ParentId == parentId.Value)
            .OrderBy(r => r.CreatedAtUnixMs).ThenBy(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToDomain)];
    }

    /// <inheritdoc />
    public async Task<Result<MergeProposal>> AddAsync(MergeProposal proposal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var stored = proposal.WithVersion(1);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        db.Set<MergeProposalRow>().Add(ToRow(stored));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return stored;
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return await FindAsync(proposal.Id, cancellationToken).ConfigureAwait(false) is not null
                ? StoreErrors.Duplicate(Kind, proposal.Id.ToString())
                : StoreErrors.Duplicate(Kind, "active:" + proposal.OrganizationId);
        }
    }

    /// <inheritdoc />
    public async Task<Result<MergeProposal>> UpdateAsync(MergeProposal proposal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var stored = proposal.WithVersion(proposal.Version + 1);
        var row = ToRow(stored);
        var expected = proposal.Version;
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        int changed;
        try
        {
            changed = await db.Set<MergeProposalRow>()
                .Where(r => r.Id == row.Id && r.Version == expected)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.OrganizationId, row.OrganizationId)
                        .SetProperty(r => r.ActiveOrganizationId, row.ActiveOrganizationId)
                        .SetProperty(r => r.ParentId, row.ParentId)
                        .SetProperty(r => r.ProposedBy, row.ProposedBy)
                        .SetProperty(r => r.ExpiresAtUnixMs, row.ExpiresAtUnixMs)
                        .SetProperty(r => r.Status, row.Status)
                        .SetProperty(r => r.OrganizationApprovedBy, row.OrganizationApprovedBy)
                        .SetProperty(r => r.ParentApprovedBy, row.ParentApprovedBy)
                        .SetProperty(r => r.DecidedBy, row.DecidedBy)
                        .SetProperty(r => r.DecidedAtUnixMs, row.DecidedAtUnixMs)
                        .SetProperty(r => r.RejectionReason, row.RejectionReason)
                        .SetProperty(r => r.Version, row.Version),
                    cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return StoreErrors.Duplicate(Kind, "active:" + proposal.OrganizationId);
        }

        if (changed == 1)
        {
            return stored;
        }

        return await db.Set<MergeProposalRow>().AnyAsync(r => r.Id == row.Id, cancellationToken).ConfigureAwait(false)
            ? StoreErrors.ConcurrencyConflict(Kind, proposal.Id.ToString())
            : StoreErrors.NotFound(Kind, proposal.Id.ToString());
    }

    private static MergeProposalRow ToRow(MergeProposal p) => new()
    {
        Id = p.Id.Value,
        OrganizationId = p.OrganizationId.Value,
        ActiveOrganizationId = p.IsActive ? p.OrganizationId.Value : null,
        ParentId = p.ParentId.Value,
        ProposedBy = p.ProposedBy.Value,
        CreatedAtUnixMs = p.CreatedAt.ToUnixTimeMilliseconds(),
        ExpiresAtUnixMs = p.ExpiresAt.ToUnixTimeMilliseconds(),
        Status = (int)p.Status,
        OrganizationApprovedBy = p.OrganizationApprovedBy?.Value,
        ParentApprovedBy = p.ParentApprovedBy?.Value,
        DecidedBy = p.DecidedBy?.Value,
        DecidedAtUnixMs = p.DecidedAt?.ToUnixTimeMilliseconds(),
        RejectionReason = p.RejectionReason,
        Version = p.Version,
    };

    private static MergeProposal ToDomain(MergeProposalRow r) => new()
    {
        Id = new MergeProposalId(r.Id),
        OrganizationId = new OrganizationId(r.OrganizationId),
        ParentId = new ParentOrganizationId(r.ParentId),
        ProposedBy = new UserId(r.ProposedBy),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtUnixMs),
        ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(r.ExpiresAtUnixMs),
        Status = (MergeProposalStatus)r.Status,
        OrganizationApprovedBy = r.OrganizationApprovedBy is { } o ? new UserId(o) : null,
        ParentApprovedBy = r.ParentApprovedBy is { } p ? new UserId(p) : null,
        DecidedBy = r.DecidedBy is { } d ? new UserId(d) : null,
        DecidedAt = r.DecidedAtUnixMs is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
        RejectionReason = r.RejectionReason,
        Version = r.Version,
    };
}
