using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Ports;

/// <summary>
/// Computes the routing entries of a chain of domain suffixes from the rows that concern those suffixes only, with the rules of
/// the full index: a link routes when its directory is federated, not being deleted, of the link's owner, and the most specific
/// verified claim covering the domain is that owner's; a verified domain without a route of its own whose nearest routed parent
/// belongs to another owner gets an entry without a directory (local sign-in, no provisioning). Used by every
/// <see cref="ISignInRouteLookup"/> so the stores and the database answer alike.
/// </summary>
public static class SignInRouteEntries
{
    /// <summary>The entries for the domains of <paramref name="suffixes"/>, at most one per domain.</summary>
    /// <param name="suffixes">A normalized domain followed by each of its parents by whole labels, longest first.</param>
    /// <param name="links">The domain links among <paramref name="suffixes"/>.</param>
    /// <param name="verifiedOwners">The owner of each domain of <paramref name="suffixes"/> that is itself verified.</param>
    /// <param name="templates">
    /// For each linked directory, its route without a domain (owner, directory, active profile, SSO, IdP name), or null when the
    /// directory does not exist, is being deleted or is not federated.
    /// </param>
    public static IReadOnlyList<SignInRoute> Compute(
        IReadOnlyList<string> suffixes,
        IReadOnlyDictionary<string, DomainLink> links,
        IReadOnlyDictionary<string, OwnerRef> verifiedOwners,
        IReadOnlyDictionary<DirectoryId, SignInRoute?> templates)
    {
        ArgumentNullException.ThrowIfNull(suffixes);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(verifiedOwners);
        ArgumentNullException.ThrowIfNull(templates);

        // Covering owner: the owner of the longest verified suffix of each suffix (suffixes are longest first).
        var covering = new OwnerRef?[suffixes.Count];
        OwnerRef? nearer = null;
        for (var i = suffixes.Count - 1; i >= 0; i--)
        {
            if (verifiedOwners.TryGetValue(suffixes[i], out var owner))
            {
                nearer = owner;
            }

            covering[i] = nearer;
        }

        var routed = new SignInRoute?[suffixes.Count];
        for (var i = 0; i < suffixes.Count; i++)
        {
            if (links.TryGetValue(suffixes[i], out var link)
                && templates.TryGetValue(link.DirectoryId, out var template) && template is not null
                && template.Owner == link.Owner && covering[i] == link.Owner)
            {
                routed[i] = template with { Domain = suffixes[i] };
            }
        }

        var entries = new List<SignInRoute>();
        for (var i = 0; i < suffixes.Count; i++)
        {
            if (routed[i] is { } route)
            {
                entries.Add(route);
                continue;
            }

            if (!verifiedOwners.TryGetValue(suffixes[i], out var verifiedBy))
            {
                continue;
            }

            var parent = routed.Skip(i + 1).FirstOrDefault(r => r is not null);
            if (parent is not null && parent.Owner != verifiedBy)
            {
                entries.Add(new SignInRoute(suffixes[i], verifiedBy, default));
            }
        }

        return entries;
    }

    /// <summary>A domain followed by each of its parents by whole labels, longest first (<c>a.b.c</c>, <c>b.c</c>, <c>c</c>).</summary>
    /// <param name="domain">A normalized domain.</param>
    public static IReadOnlyList<string> SuffixesOf(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return [.. Domains.DomainSuffixes.Of(domain)];
    }
}
