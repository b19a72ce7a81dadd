using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Organizations;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Settings;
using FederationKit.Stores;

namespace FederationKit.SignIn.Wiring;

/// <summary>
/// The default <see cref="ISignInRouteLookup"/> over the stores: per suffix, the domain link and the verified owner; per linked
/// directory, the directory, its active profile and its sign-in settings. Meant for the in-memory stores (no I/O); a database
/// package ships its own lookup that reads the same rows in one query.
/// </summary>
internal sealed class StoreSignInRouteLookup : ISignInRouteLookup
{
    private readonly IDomainLinkStore _links;
    private readonly IDomainOwnerQuery _owners;
    private readonly IDirectoryStore _directories;
    private readonly IIdpProfileStore _profiles;
    private readonly IDirectorySignInSettingsStore _settings;

    /// <summary>Creates the lookup over the stores it reads.</summary>
    /// <param name="links">The domain link store.</param>
    /// <param name="owners">Who holds the most specific verified claim covering a domain.</param>
    /// <param name="directories">The directory store.</param>
    /// <param name="profiles">The IdP profile store.</param>
    /// <param name="settings">The sign-in settings store.</param>
    public StoreSignInRouteLookup(IDomainLinkStore links, IDomainOwnerQuery owners, IDirectoryStore directories, IIdpProfileStore profiles, IDirectorySignInSettingsStore settings)
    {
        _links = links ?? throw new ArgumentNullException(nameof(links));
        _owners = owners ?? throw new ArgumentNullException(nameof(owners));
        _directories = directories ?? throw new ArgumentNullException(nameof(directories));
        _profiles = profiles ?? throw new ArgumentNullException(nameof(profiles));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SignInRoute>> FindAsync(IReadOnlyList<string> suffixes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suffixes);
        var links = new Dictionary<string, DomainLink>(StringComparer.Ordinal);
        var covering = new OwnerRef?[suffixes.Count];
        for (var i = 0; i < suffixes.Count; i++)
        {
            if (await _links.FindAsync(suffixes[i], cancellationToken).ConfigureAwait(false) is { } link)
            {
                links[suffixes[i]] = link;
            }

            covering[i] = await _owners.FindOwnerAsync(suffixes[i], cancellationToken).ConfigureAwait(false);
        }

        // The owner query answers for the domain or its nearest verified parent: a suffix is itself verified where the answer
        // changes from its parent's (a suffix verified by the same owner as its parent routes the same way either way).
        var verified = new Dictionary<string, OwnerRef>(StringComparer.Ordinal);
        for (var i = 0; i < suffixes.Count; i++)
        {
            if (covering[i] is { } owner && (i == suffixes.Count - 1 || covering[i + 1] != owner))
            {
                verified[suffixes[i]] = owner;
            }
        }

        var templates = new Dictionary<DirectoryId, SignInRoute?>();
        foreach (var directoryId in links.Values.Select(l => l.DirectoryId).Distinct())
        {
            templates[directoryId] = await DescribeAsync(directoryId, cancellationToken).ConfigureAwait(false);
        }

        return SignInRouteEntries.Compute(suffixes, links, verified, templates);
    }

    private async Task<SignInRoute?> DescribeAsync(DirectoryId directoryId, CancellationToken cancellationToken)
    {
        var directory = await _directories.FindAsync(directoryId, cancellationToken).ConfigureAwait(false);
        if (directory is null)
        {
            return null;
        }

        var profiles = await _profiles.ListByDirectoryAsync(directoryId, cancellationToken).ConfigureAwait(false);
        var settings = await _settings.FindAsync(directoryId, cancellationToken).ConfigureAwait(false);
        return StoreSignInRouteSource.Describe(directory, profiles.FirstOrDefault(p => p.IsActive), settings);
    }
}
