using System.Text.Json;
using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.SignIn;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="IIdpProfileStore"/> on EF Core. The one-active rules are filtered unique indexes (one active profile per
/// directory; one active OIDC profile per owner), so they hold across instances; a write the indexes refuse is read back to
/// return the same error the in-memory store gives. Activation runs in one transaction (deactivate the previous profile, then
/// activate the new one on its version); of two activations racing in one directory, exactly one wins and the other gets
/// <see cref="StoreErrorCodes.ConcurrencyConflict"/>. The member counter is incremented in the database (<c>+ 1</c>).
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkIdpProfileStore<TContext> : IIdpProfileStore, IIdpProfileBulkReader
    where TContext : DbContext
{
    private const string Kind = "IdP profile";
    private const int Oidc = (int)IdentityProtocol.Oidc;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkIdpProfileStore(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<IdpProfile?> FindAsync(IdpProfileId id, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var row = await db.Set<IdpProfileRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id.Value, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToDomain(row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IdpProfile>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<IdpProfileRow>().AsNoTracking().Where(r => r.IsActive).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToDomain)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<IdpProfile>> ListByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<IdpProfileRow>().AsNoTracking()
            .Where(r => r.DirectoryId == directoryId.Value)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return rows.Select(ToDomain).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id.Value).ToList();
    }

    /// <inheritdoc />
    public async Task<Result<IdpProfile>> AddAsync(IdpProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var stored = profile.WithVersion(1);
        await using (var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false))
        {
            db.Set<IdpProfileRow>().Add(ToRow(stored));
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return stored;
            }
            catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
            {
            }
        }

        return await ExplainRefusalAsync(profile, StoreErrors.Duplicate(Kind, profile.Id.ToString()), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Result<IdpProfile>> UpdateAsync(IdpProfile profile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var stored = profile.WithVersion(profile.Version + 1);
        var row = ToRow(stored);
        var expected = profile.Version;
        await using (var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var changed = await db.Set<IdpProfileRow>()
                    .Where(r => r.Id == row.Id && r.Version == expected)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(r => r.DirectoryId, row.DirectoryId)
                            .SetProperty(r => r.OwnerKind, row.OwnerKind)
                            .SetProperty(r => r.OwnerId, row.OwnerId)
                            .SetProperty(r => r.Name, row.Name)
                            .SetProperty(r => r.Protocol, row.Protocol)
                            .SetProperty(r => r.SettingsJson, row.SettingsJson)
                            .SetProperty(r => r.IsActive, row.IsActive)
                            .SetProperty(r => r.LastTestJson, row.LastTestJson)
                            .SetProperty(r => r.CreatedAtUnixMs, row.CreatedAtUnixMs)
                            .SetProperty(r => r.Version, row.Version),
                        cancellationToken)
                    .ConfigureAwait(false);
                if (changed == 1)
                {
                    return stored;
                }

                var exists = await db.Set<IdpProfileRow>().AnyAsync(r => r.Id == row.Id, cancellationToken).ConfigureAwait(false);
                return exists ? StoreErrors.ConcurrencyConflict(Kind, profile.Id.ToString()) : StoreErrors.NotFound(Kind, profile.Id.ToString());
            }
            catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
            {
            }
        }

        return await ExplainRefusalAsync(profile, StoreErrors.ConcurrencyConflict(Kind, profile.Id.ToString()), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Result<IdpProfile>> ActivateAsync(IdpProfileId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var profileId = id.Value;
        try
        {
            return await Transactions.RunAsync<TContext, Result<IdpProfile>>(
                _contexts,
                async (db, ct) =>
                {
                    var profiles = db.Set<IdpProfileRow>();
                    var current = await profiles.AsNoTracking().SingleOrDefaultAsync(r => r.Id == profileId, ct).ConfigureAwait(false);
                    if (current is null)
                    {
                        return (StoreErrors.NotFound(Kind, id.ToString()), false);
                    }

                    if (current.Version != expectedVersion)
                    {
                        return (StoreErrors.ConcurrencyConflict(Kind, id.ToString()), false);
                    }

                    if (current.Protocol == Oidc && await HasOtherActiveOidcAsync(profiles, current, ct).ConfigureAwait(false))
                    {
                        return (OidcElsewhere(), false);
                    }

                    var directoryId = current.DirectoryId;
                    await profiles
                        .Where(r => r.DirectoryId == directoryId && r.IsActive && r.Id != profileId)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.IsActive, false).SetProperty(r => r.Version, r => r.Version + 1), ct)
                        .ConfigureAwait(false);
                    var changed = await profiles
                        .Where(r => r.Id == profileId && r.Version == expectedVersion)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.IsActive, true).SetProperty(r => r.Version, r => r.Version + 1), ct)
                        .ConfigureAwait(false);
                    if (changed != 1)
                    {
                        return (StoreErrors.ConcurrencyConflict(Kind, id.ToString()), false);
                    }

                    var activated = await profiles.AsNoTracking().SingleAsync(r => r.Id == profileId, ct).ConfigureAwait(false);
                    return (ToDomain(activated), true);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            // Another activation committed first: in this directory (a conflict) or, for OIDC, in another directory of the owner.
            var profile = await FindAsync(id, cancellationToken).ConfigureAwait(false);
            return profile is null
                ? StoreErrors.NotFound(Kind, id.ToString())
                : await ExplainRefusalAsync(profile with { IsActive = true }, StoreErrors.ConcurrencyConflict(Kind, id.ToString()), cancellationToken, checkSameDirectory: false).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<Result> DeleteAsync(IdpProfileId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var deleted = await db.Set<IdpProfileRow>()
            .Where(r => r.Id == id.Value && r.Version == expectedVersion)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
        if (deleted == 1)
        {
            return Result.Success;
        }

        var exists = await db.Set<IdpProfileRow>().AnyAsync(r => r.Id == id.Value, cancellationToken).ConfigureAwait(false);
        return exists ? StoreErrors.ConcurrencyConflict(Kind, id.ToString()) : StoreErrors.NotFound(Kind, id.ToString());
    }

    /// <summary>
    /// After a unique index refused a write of <paramref name="profile"/>, reads the table to name the broken rule, in the order
    /// the in-memory store checks them; <paramref name="otherwise"/> when neither one-active rule explains it (a duplicate id,
    /// or the clashing row changed meanwhile).
    /// </summary>
    private async Task<FederationError> ExplainRefusalAsync(IdpProfile profile, FederationError otherwise, CancellationToken cancellationToken, bool checkSameDirectory = true)
    {
        if (!profile.IsActive)
        {
            return otherwise;
        }

        await using var db = await StoreContexts.CreateAsync(_contexts, cancellationToken).ConfigureAwait(false);
        var profiles = db.Set<IdpProfileRow>().AsNoTracking();
        var row = ToRow(profile);
        if (checkSameDirectory && await profiles.AnyAsync(r => r.DirectoryId == row.DirectoryId && r.IsActive && r.Id != row.Id, cancellationToken).ConfigureAwait(false))
        {
            return SecondActive();
        }

        return row.Protocol == Oidc && await HasOtherActiveOidcAsync(profiles, row, cancellationToken).ConfigureAwait(false)
            ? OidcElsewhere()
            : otherwise;
    }

    private static Task<bool> HasOtherActiveOidcAsync(IQueryable<IdpProfileRow> profiles, IdpProfileRow profile, CancellationToken cancellationToken)
    {
        var ownerKind = profile.OwnerKind;
        var ownerId = profile.OwnerId;
        var directoryId = profile.DirectoryId;
        return profiles.AnyAsync(
            r => r.OwnerKind == ownerKind && r.OwnerId == ownerId && r.IsActive && r.Protocol == Oidc && r.DirectoryId != directoryId,
            cancellationToken);
    }

    private static FederationError SecondActive() =>
        new(DirectoryErrorCodes.ProfileSecondActive, "The directory already has an active IdP profile.");

    private static FederationError OidcElsewhere() =>
        new(DirectoryErrorCodes.OidcProfileActiveElsewhere, "Another directory of this owner has an active OIDC profile; an owner has one active OIDC profile at a time.");

    private static IdpProfileRow ToRow(IdpProfile p) => new()
    {
        Id = p.Id.Value,
        DirectoryId = p.DirectoryId.Value,
        OwnerKind = (int)p.Owner.Kind,
        OwnerId = p.Owner.Id,
        Name = p.Name,
        Protocol = (int)p.Protocol,
        SettingsJson = p.Protocol == IdentityProtocol.Saml
            ? JsonSerializer.Serialize(p.Saml, Json)
            : JsonSerializer.Serialize(p.Oidc, Json),
        IsActive = p.IsActive,
        LastTestJson = p.LastTest is null ? null : JsonSerializer.Serialize(p.LastTest, Json),
        CreatedAtUnixMs = p.CreatedAt.ToUnixTimeMilliseconds(),
        Version = p.Version,
    };

    private static IdpProfile ToDomain(IdpProfileRow r)
    {
        var protocol = (IdentityProtocol)r.Protocol;
        return new IdpProfile
        {
            Id = new IdpProfileId(r.Id),
            DirectoryId = new DirectoryId(r.DirectoryId),
            Owner = OwnerColumns.ToOwner(r.OwnerKind, r.OwnerId),
            Name = r.Name,
            Protocol = protocol,
            Saml = protocol == IdentityProtocol.Saml ? JsonSerializer.Deserialize<SamlIdpSettings>(r.SettingsJson, Json) : null,
            Oidc = protocol == IdentityProtocol.Oidc ? JsonSerializer.Deserialize<OidcIdpSettings>(r.SettingsJson, Json) : null,
            IsActive = r.IsActive,
            LastTest = r.LastTestJson is null ? null : JsonSerializer.Deserialize<ProfileTestResult>(r.LastTestJson, Json),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtUnixMs),
            Version = r.Version,
        };
    }
}
