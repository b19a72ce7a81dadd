namespace FederationKit.Domains;

/// <summary>
/// The port through which FederationKit reads TXT records. Implementations (such as FederationKit.Dns on DnsClient) must return
/// only records owned by the queried name (no CNAME following unless the host opted in), map NXDOMAIN and NODATA to
/// <see cref="DnsTxtLookupOutcome.NotFound"/> and every timeout, SERVFAIL, REFUSED or network error to
/// <see cref="DnsTxtLookupOutcome.Failed"/>, and never throw for those.
/// </summary>
public interface IDnsTxtResolver
{
    /// <summary>Reads the TXT records of a host name.</summary>
    /// <param name="hostName">The ASCII host name, such as <c>acme.com</c> or <c>_federationkit-challenge.acme.com</c>.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default);
}
