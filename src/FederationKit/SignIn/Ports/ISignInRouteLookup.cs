namespace FederationKit.SignIn.Ports;

/// <summary>
/// Reads the routing entries of a few domains at once: the router asks it, on a cache miss, for every suffix of an email's
/// domain (<c>a.eu.acme.com</c>, <c>eu.acme.com</c>, <c>acme.com</c>, <c>com</c>) and keeps the longest one that has an entry.
/// The default for every host: its cost follows the sign-ins, not the number of domains. A database implementation answers
/// with at most one indexed query per call.
/// </summary>
public interface ISignInRouteLookup
{
    /// <summary>
    /// The entries (as <see cref="ISignInRouteSource"/> would list them) whose domain is one of <paramref name="suffixes"/>,
    /// at most one per domain, in any order. Only verified domains may appear.
    /// </summary>
    /// <param name="suffixes">A normalized domain followed by each of its parents by whole labels, longest first.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<SignInRoute>> FindAsync(IReadOnlyList<string> suffixes, CancellationToken cancellationToken = default);
}
