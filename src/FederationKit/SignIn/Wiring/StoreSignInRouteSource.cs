using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Settings;
using FederationKit.Stores;

namespace FederationKit.SignIn.Wiring;

/// <summary>
/// The default <see cref="ISignInRouteSource"/>: one entry per domain link whose owner holds the most specific verified claim
/// covering the domain, whose directory is federated and not being deleted, with the directory's active profile (if any) and SSO
/// enforcement from its <see cref="DirectorySignInSettings"/>. When the claim store lists its verified domains
/// (<see cref="IVerifiedDomainLister"/>, as both shipped stores do), a verified domain without a route of its own whose nearest
/// routed parent belongs to another owner gets an entry without a directory (<see cref="SignInRoute.DirectoryId"/> is the
/// default value): it routes to local sign-in and provisions nothing, so the parent's owner never captures it.
/// </summary>
internal sealed class StoreSignInRouteSource : ISignInRouteSource
{
    private readonly IDomainLinkStore _links;
    private readonly IVerifiedDomainQuery _verified;
    private readonly IDirectoryStore _directories;
    private readonly IIdpProfileStore _profiles;
    private readonly IDirectorySignInSettingsStore _settings;

    /// <summary>Creates the source over the stores it reads.</summary>
    /// <param name="links">The domain link store.</param>
    /// <param name="verified">Which domains their owners have verified.</param>
    /// <param name="directories">The directory store.</param>
    /// <param name="profiles">The IdP profile store.</param>
    /// <param name="settings">The sign-in settings store.</param>
    public StoreSignInRouteSource(IDomainLinkStore links, IVerifiedDomainQuery verified, IDirectoryStore directories, IIdpProfileStore profiles, IDirectorySignInSettingsStore settings)
    {
        _links = links ?? throw new ArgumentNullException(nameof(links));
        _verified = verified ?? throw new ArgumentNullException(nameof(verified));
        _directories = directories ?? throw new ArgumentNullException(nameof(directories));
        _profiles = profiles ?? throw new ArgumentNullException(nameof(profiles));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SignInRoute>> ListRoutesAsync(CancellationToken cancellationToken = default)
    {
        var links = await _links.ListAllAsync(cancellationToken).ConfigureAwait(false);
        // One query for every verified domain when the claim store can list them (both shipped stores can), instead of one per link.
        var verified = _verified is IVerifiedDomainLister lister ? await lister.ListVerifiedAsync(cancellationToken).ConfigureAwait(false) : null;
        var templates = await BulkTemplatesAsync(cancellationToken).ConfigureAwait(false) ?? [];
        var routes = new List<SignInRoute>(links.Count);
        foreach (var link in links)
        {
            if (!templates.TryGetValue(link.DirectoryId, out var template))
            {
                template = await DescribeDirectoryAsync(link.DirectoryId, cancellationToken).ConfigureAwait(false);
                templates[link.DirectoryId] = template;
            }

            if (template is null || template.Owner != link.Owner
                || !(verified is null ? await _verified.IsCoveredAsync(link.Owner, link.Domain, cancellationToken).ConfigureAwait(false) : IsCovered(verified, link.Owner, link.Domain)))
            {
                continue;
            }

            routes.Add(template with { Domain = link.Domain });
        }

        if (verified is not null)
        {
            routes.AddRange(Unrouted(verified, routes));
        }

        return routes;
    }

    // The most specific verified domain (the domain itself or its longest verified parent, whole labels) is the owner's, as
    // IsCoveredAsync answers it: a parent of the owner does not cover a subdomain that another owner verified.
    private static bool IsCovered(IReadOnlyDictionary<string, OwnerRef> verified, OwnerRef owner, string domain)
    {
        foreach (var suffix in Domains.DomainSuffixes.Of(domain))
        {
            if (verified.TryGetValue(suffix, out var holder))
            {
                return holder == owner;
            }
        }

        return false;
    }

    /// <summary>
    /// Entries without a directory for verified domains that have no route of their own while the nearest routed parent belongs
    /// to another owner: the lookup stops there (local sign-in, no provisioning) instead of reaching the parent owner's directory.
    /// </summary>
    private static IEnumerable<SignInRoute> Unrouted(IReadOnlyDictionary<string, OwnerRef> verified, List<SignInRoute> routes)
    {
        var routed = routes.ToDictionary(r => r.Domain, StringComparer.Ordinal);
        foreach (var (domain, owner) in verified)
        {
            if (routed.ContainsKey(domain))
            {
                continue;
            }

            var parent = Domains.DomainSuffixes.ParentsOf(domain).Select(routed.GetValueOrDefault).FirstOrDefault(r => r is not null);
            if (parent is not null && parent.Owner != owner)
            {
                yield return new SignInRoute(domain, owner, default);
            }
        }
    }

    /// <summary>
    /// Every directory's route template from three bulk reads, when the stores offer them (the shipped ones do): the refresh
    /// then costs a fixed number of queries however many directories there are. Null falls back to per-directory reads.
    /// </summary>
    private async Task<Dictionary<DirectoryId, SignInRoute?>?> BulkTemplatesAsync(CancellationToken cancellationToken)
    {
        if (_directories is not IDirectoryBulkReader directories || _profiles is not IIdpProfileBulkReader profiles || _settings is not IDirectorySignInSettingsBulkReader settings)
        {
            return null;
        }

        var active = (await profiles.ListActiveAsync(cancellationToken).ConfigureAwait(false)).GroupBy(p => p.DirectoryId).ToDictionary(g => g.Key, g => g.First());
        var stored = (await settings.ListAllAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.DirectoryId);
        var templates = new Dictionary<DirectoryId, SignInRoute?>();
        foreach (var directory in await directories.ListAllAsync(cancellationToken).ConfigureAwait(false))
        {
            templates[directory.Id] = Describe(directory, active.GetValueOrDefault(directory.Id), stored.GetValueOrDefault(directory.Id));
        }

        return templates;
    }

    private async Task<SignInRoute?> DescribeDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken)
    {
        var directory = await _directories.FindAsync(directoryId, cancellationToken).ConfigureAwait(false);
        if (directory is null)
        {
            return null;
        }

        var profiles = await _profiles.ListByDirectoryAsync(directoryId, cancellationToken).ConfigureAwait(false);
        var settings = await _settings.FindAsync(directoryId, cancellationToken).ConfigureAwait(false);
        return Describe(directory, profiles.FirstOrDefault(p => p.IsActive), settings);
    }

    internal static SignInRoute? Describe(IdentityDirectory directory, IdpProfile? active, DirectorySignInSettings? stored)
    {
        if (directory.IsBeingDeleted || directory.IdentityType != DirectoryIdentityType.Federated)
        {
            return null;
        }

        var settings = stored ?? DirectorySignInSettings.DefaultFor(directory.Id);
        return new SignInRoute(string.Empty, directory.Owner, directory.Id)
        {
            ActiveProfileId = active?.Id,
            Protocol = active?.Protocol,
            IdpDisplayName = settings.IdpDisplayName.Length > 0 ? settings.IdpDisplayName : active?.Name ?? string.Empty,
            SsoEnforced = settings.SsoEnforced,
        };
    }
}
