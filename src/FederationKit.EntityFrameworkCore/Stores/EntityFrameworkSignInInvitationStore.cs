using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="ISignInInvitationStore"/> on EF Core. Consuming is one DELETE of the row: of two sign-ins racing for one
/// invitation exactly one deletes it and wins.
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
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Set<SignInInvitationRow>().Add(new SignInInvitationRow
        {
            Id = invitation.Id,
            OrganizationId = invitation.OrganizationId.Value,
            Role = (int)invitation.Role,
            Email = invitation.Email,
            EmailKey = MemberEmail.Normalize(invitation.Email),
            DirectoryId = invitation.DirectoryId?.Value,
            Subject = invitation.Subject,
            CreatedAtUnixMs = invitation.CreatedAt.ToUnixTimeMilliseconds(),
        });
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

    /// <inheritdoc />
    public async Task<SignInInvitation?> FindMatchAsync(OrganizationId organizationId, string? email, DirectoryId directoryId, string subject, CancellationToken cancellationToken = default)
    {
        var emailKey = MemberEmail.Normalize(email);
        Guid? directory = directoryId.Value;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Set<SignInInvitationRow>().AsNoTracking()
            .Where(r => r.OrganizationId == organizationId.Value)
            .Where(r => (emailKey != null && r.EmailKey == emailKey) || (r.Subject != null && r.DirectoryId == directory && r.Subject == subject))
            .OrderBy(r => r.CreatedAtUnixMs).ThenBy(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null
            ? null
            : new SignInInvitation(row.Id, new OrganizationId(row.OrganizationId), (OrganizationRole)row.Role, DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAtUnixMs))
            {
                Email = row.Email,
                DirectoryId = row.DirectoryId is { } d ? new DirectoryId(d) : null,
                Subject = row.Subject,
            };
    }

    /// <inheritdoc />
    public async Task<bool> TryConsumeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Set<SignInInvitationRow>().Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) == 1;
    }
}
