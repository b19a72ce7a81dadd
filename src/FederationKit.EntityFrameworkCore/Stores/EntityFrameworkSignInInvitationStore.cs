using System.Collections.Immutable;
using System.Text.Json;
using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="ISignInInvitationStore"/> on EF Core. Consuming is one DELETE of a row that is not revoked, revoking and renewing
/// are one conditional UPDATE each: of two callers racing for one invitation exactly one wins.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkSignInInvitationStore<TContext> : ISignInInvitationStore
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkSignInInvitationStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<Result> AddAsync(SignInInvitation invitation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        db.Set<SignInInvitationRow>().Add(ToNewRow(invitation));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return Result.Success;
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            return StoreErrors.Duplicate("invitation", invitation.Id.ToString("D"));
        }
    }

    /// <summary>The row of a new invitation (used by this store and by <see cref="EntityFrameworkChangeSetStore{TContext}"/>).</summary>
    internal static SignInInvitationRow ToNewRow(SignInInvitation invitation) => new()
    {
        Id = invitation.Id,
        OrganizationId = invitation.OrganizationId.Value,
        Role = (int)invitation.Role,
        Email = invitation.Email,
        EmailKey = MemberEmail.Normalize(invitation.Email),
        DirectoryId = invitation.DirectoryId?.Value,
        Subject = invitation.Subject,
        CreatedAtUnixMs = invitation.CreatedAt.ToUnixTimeMilliseconds(),
        GroupsJson = JsonSerializer.Serialize(invitation.Groups.IsDefault ? [] : invitation.Groups.ToList()),
        InvitedBy = invitation.InvitedBy?.Value,
        ExpiresAtUnixMs = invitation.ExpiresAt?.ToUnixTimeMilliseconds(),
        LastSentAtUnixMs = invitation.LastSentAt?.ToUnixTimeMilliseconds(),
        RevokedAtUnixMs = invitation.RevokedAt?.ToUnixTimeMilliseconds(),
    };

    /// <inheritdoc />
    public async Task<SignInInvitation?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<SignInInvitationRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SignInInvitation>> ListByOrganizationAsync(OrganizationId organizationId, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<SignInInvitationRow>().AsNoTracking()
            .Where(r => r.OrganizationId == organizationId.Value)
            .OrderBy(r => r.CreatedAtUnixMs).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToDomain).ToList();
    }

    /// <inheritdoc />
    public async Task<SignInInvitation?> FindMatchAsync(OrganizationId organizationId, string? email, DirectoryId directoryId, string subject, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var emailKey = MemberEmail.Normalize(email);
        Guid? directory = directoryId.Value;
        var nowMs = now.ToUnixTimeMilliseconds();
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<SignInInvitationRow>().AsNoTracking()
            .Where(r => r.OrganizationId == organizationId.Value && r.RevokedAtUnixMs == null && (r.ExpiresAtUnixMs == null || r.ExpiresAtUnixMs > nowMs))
            .Where(r => (emailKey != null && r.EmailKey == emailKey) || (r.Subject != null && r.DirectoryId == directory && r.Subject == subject))
            .OrderBy(r => r.CreatedAtUnixMs).ThenBy(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<bool> TryRenewAsync(Guid id, DateTimeOffset expiresAt, DateTimeOffset sentAt, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        return await RenewRowAsync(db, id, expiresAt, sentAt, cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>The one conditional renewal (not revoked), shared with <see cref="EntityFrameworkChangeSetStore{TContext}"/>; returns the rows changed.</summary>
    internal static Task<int> RenewRowAsync(DbContext db, Guid id, DateTimeOffset? expiresAt, DateTimeOffset? sentAt, CancellationToken cancellationToken)
    {
        long? expiresMs = expiresAt?.ToUnixTimeMilliseconds();
        long? sentMs = sentAt?.ToUnixTimeMilliseconds();
        return db.Set<SignInInvitationRow>()
            .Where(r => r.Id == id && r.RevokedAtUnixMs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAtUnixMs, expiresMs).SetProperty(r => r.LastSentAtUnixMs, sentMs), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> TryRevokeAsync(Guid id, DateTimeOffset revokedAt, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        return await RevokeRowAsync(db, id, revokedAt, cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>The one conditional revocation (not revoked yet), shared with <see cref="EntityFrameworkChangeSetStore{TContext}"/>; returns the rows changed.</summary>
    internal static Task<int> RevokeRowAsync(DbContext db, Guid id, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        long? revokedMs = revokedAt.ToUnixTimeMilliseconds();
        return db.Set<SignInInvitationRow>()
            .Where(r => r.Id == id && r.RevokedAtUnixMs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RevokedAtUnixMs, revokedMs), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> TryConsumeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        return await db.Set<SignInInvitationRow>().Where(r => r.Id == id && r.RevokedAtUnixMs == null).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static SignInInvitation ToDomain(SignInInvitationRow row) =>
        new(row.Id, new OrganizationId(row.OrganizationId), (OrganizationRole)row.Role, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAtUnixMs))
        {
            Email = row.Email,
            DirectoryId = row.DirectoryId is { } d ? new DirectoryId(d) : null,
            Subject = row.Subject,
            Groups = (JsonSerializer.Deserialize<List<string>>(row.GroupsJson) ?? []).ToImmutableArray(),
            InvitedBy = row.InvitedBy is { } by ? new UserId(by) : null,
            ExpiresAt = row.ExpiresAtUnixMs is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null,
            LastSentAt = row.LastSentAtUnixMs is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s) : null,
            RevokedAt = row.RevokedAtUnixMs is { } r ? DateTimeOffset.FromUnixTimeMilliseconds(r) : null,
        };
}
