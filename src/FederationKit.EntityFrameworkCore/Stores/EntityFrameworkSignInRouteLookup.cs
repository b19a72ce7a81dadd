using System.Text.Json;
using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Model;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Ports;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Stores;

/// <summary>
/// <see cref="ISignInRouteLookup"/> on EF Core: one query per call (a <c>UNION ALL</c> of the domain links whose domain is one of the
/// suffixes, with their directory, active profile and sign-in settings, and the verified claims on those suffixes). It uses the
/// primary key of <c>fk_domain_links</c> and the unique index on <c>fk_domain_claims.VerifiedDomain</c>, so its cost does not
/// grow with the number of domains.
/// </summary>
/// <typeparam name="TContext">A context whose model includes <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>.</typeparam>
public sealed class EntityFrameworkSignInRouteLookup<TContext> : ISignInRouteLookup, ISignInRouteLookupWarmUp
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the lookup.</summary>
    /// <param name="contexts">The factory of contexts.</param>
    public EntityFrameworkSignInRouteLookup(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SignInRoute>> FindAsync(IReadOnlyList<string> suffixes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suffixes);
        if (suffixes.Count == 0)
        {
            return [];
        }

        var names = suffixes.ToArray();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var links =
            from link in db.Set<DomainLinkRow>()
            where names.Contains(link.Domain)
            join d in db.Set<DirectoryRow>() on link.DirectoryId equals d.Id into ds
            from directory in ds.DefaultIfEmpty()
            join p in db.Set<IdpProfileRow>().Where(p => p.IsActive) on link.DirectoryId equals p.DirectoryId into ps
            from profile in ps.DefaultIfEmpty()
            join s in db.Set<SignInSettingsRow>() on link.DirectoryId equals s.DirectoryId into ss
            from settings in ss.DefaultIfEmpty()
            select new RouteRow
            {
                IsClaim = false,
                Domain = link.Domain,
                OwnerKind = link.OwnerKind,
                OwnerId = link.OwnerId,
                DirectoryId = link.DirectoryId,
                DirectoryOwnerKind = directory == null ? (int?)null : directory.OwnerKind,
                DirectoryOwnerId = directory == null ? (Guid?)null : directory.OwnerId,
                DirectoryIdentityType = directory == null ? (int?)null : directory.IdentityType,
                DirectoryBeingDeleted = directory == null ? (bool?)null : directory.IsBeingDeleted,
                ProfileId = profile == null ? (Guid?)null : profile.Id,
                ProfileProtocol = profile == null ? (int?)null : profile.Protocol,
                ProfileName = profile == null ? null : profile.Name,
                SettingsJson = settings == null ? null : settings.SettingsJson,
            };
        var claims =
            from claim in db.Set<DomainClaimRow>()
            where claim.VerifiedDomain != null && names.Contains(claim.VerifiedDomain)
            select new RouteRow
            {
                IsClaim = true,
                Domain = claim.VerifiedDomain!,
                OwnerKind = claim.OwnerKind,
                OwnerId = claim.OwnerId,
                DirectoryId = Guid.Empty,
                DirectoryOwnerKind = null,
                DirectoryOwnerId = null,
                DirectoryIdentityType = null,
                DirectoryBeingDeleted = null,
                ProfileId = null,
                ProfileProtocol = null,
                ProfileName = null,
                SettingsJson = null,
            };
        var rows = await links.Concat(claims).AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);

        var linkMap = new Dictionary<string, DomainLink>(StringComparer.Ordinal);
        var verified = new Dictionary<string, OwnerRef>(StringComparer.Ordinal);
        var templates = new Dictionary<DirectoryId, SignInRoute?>();
        foreach (var row in rows)
        {
            var owner = OwnerColumns.ToOwner(row.OwnerKind, row.OwnerId);
            if (row.IsClaim)
            {
                verified[row.Domain] = owner;
                continue;
            }

            var directoryId = new DirectoryId(row.DirectoryId);
            linkMap[row.Domain] = new DomainLink { Domain = row.Domain, Owner = owner, DirectoryId = directoryId, LinkedAt = default };
            templates[directoryId] = Template(row, directoryId);
        }

        return SignInRouteEntries.Compute(suffixes, linkMap, verified, templates);
    }

    /// <inheritdoc />
    /// <remarks>Reads one linked domain (any) and looks its suffixes up; parses a settings document once.</remarks>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        _ = JsonSerializer.Deserialize<RouteSettings>("""{"SsoEnforced":false,"IdpDisplayName":null}""");
        string? domain;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            domain = await db.Set<DomainLinkRow>().AsNoTracking().Select(l => l.Domain).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }

        if (domain is not null)
        {
            _ = await FindAsync(SignInRouteEntries.SuffixesOf(domain), cancellationToken).ConfigureAwait(false);
        }
    }

    // The same rules as the stores' route source: a federated directory, not being deleted, with its active profile and settings.
    private static SignInRoute? Template(RouteRow row, DirectoryId directoryId)
    {
        if (row.DirectoryOwnerKind is not { } ownerKind || row.DirectoryOwnerId is not { } ownerId
            || row.DirectoryBeingDeleted is not false || row.DirectoryIdentityType != (int)DirectoryIdentityType.Federated)
        {
            return null;
        }

        var settings = row.SettingsJson is null ? null : JsonSerializer.Deserialize<RouteSettings>(row.SettingsJson);
        var displayName = settings?.IdpDisplayName is { Length: > 0 } name ? name : row.ProfileName ?? string.Empty;
        return new SignInRoute(string.Empty, OwnerColumns.ToOwner(ownerKind, ownerId), directoryId)
        {
            ActiveProfileId = row.ProfileId is { } profile ? new IdpProfileId(profile) : null,
            Protocol = row.ProfileProtocol is { } protocol ? (IdentityProtocol)protocol : null,
            IdpDisplayName = displayName,
            SsoEnforced = settings?.SsoEnforced ?? false,
        };
    }

    private sealed record RouteSettings(bool SsoEnforced, string? IdpDisplayName);

    private sealed class RouteRow
    {
        public bool IsClaim { get; init; }

        public string Domain { get; init; } = string.Empty;

        public int OwnerKind { get; init; }

        public Guid OwnerId { get; init; }

        public Guid DirectoryId { get; init; }

        public int? DirectoryOwnerKind { get; init; }

        public Guid? DirectoryOwnerId { get; init; }

        public int? DirectoryIdentityType { get; init; }

        public bool? DirectoryBeingDeleted { get; init; }

        public Guid? ProfileId { get; init; }

        public int? ProfileProtocol { get; init; }

        public string? ProfileName { get; init; }

        public string? SettingsJson { get; init; }
    }
}
