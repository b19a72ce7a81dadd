using System.Net;

namespace FederationKit.Outbound;

/// <summary>
/// Which URLs the SDK may fetch on its own (OIDC discovery, keys, token and userinfo endpoints; SAML metadata). By default:
/// HTTPS only, and only to hosts whose every address is public, so an administrator who types a URL cannot make the server
/// probe its own network. Loopback, private networks and named hosts are opted in explicitly. Pure: it checks URLs and
/// addresses, the <c>FederationKit.Http</c> package enforces it on every connection (after its own DNS resolution).
/// </summary>
public sealed class OutboundUrlPolicy
{
    /// <summary>
    /// The message of every refused address and of every network failure (refused connection, timeout, reset, DNS failure),
    /// so that what an administrator sees tells nothing about the network behind the server.
    /// </summary>
    public const string UnreachableMessage = "The URL could not be fetched: the host did not answer, or the outbound URL policy does not allow it.";

    /// <summary>
    /// Whether plain http URLs are allowed (to any address the policy allows). Default false (https only); tests and local
    /// development on loopback turn it on together with <see cref="AllowLoopback"/>.
    /// </summary>
    public bool AllowHttp { get; set; }

    /// <summary>Whether hosts that are, or resolve to, a loopback address (<c>127.0.0.0/8</c>, <c>::1</c>) may be called. Default false.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>
    /// Whether hosts on private networks (<c>10/8</c>, <c>172.16/12</c>, <c>192.168/16</c>, <c>fc00::/7</c>) and the shared
    /// address space (<c>100.64/10</c>) may be called. Default false. Link-local addresses (cloud metadata services) are not
    /// opened by this switch: name such a host in <see cref="AllowedHosts"/>.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// Host names (or IP literals) that may resolve to loopback, private, shared or link-local addresses, such as an
    /// on-premises IdP. Compared case-insensitively, whole name only (no wildcard). Unspecified, multicast and reserved
    /// addresses stay refused. Default empty. Fill it before the first request (the set is read concurrently afterwards).
    /// </summary>
    public ISet<string> AllowedHosts { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long one connection attempt may take. Default 10 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Checks what can be checked without the network: an absolute http(s) URL, the scheme, and the address when the host
    /// is an IP literal. A host name still has to pass <see cref="CheckAddress"/> for every address it resolves to.
    /// </summary>
    /// <param name="url">The URL about to be fetched.</param>
    public Result CheckUrl(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || !(url.Scheme == Uri.UriSchemeHttps || (AllowHttp && url.Scheme == Uri.UriSchemeHttp)))
        {
            return new FederationError(OutboundErrorCodes.SchemeRefused, AllowHttp ? "The URL must be an absolute https or http URL." : "The URL must be an absolute https URL.");
        }

        return IPAddress.TryParse(url.DnsSafeHost, out var literal) ? CheckAddress(url.IdnHost, literal) : Result.Success;
    }

    /// <summary>Checks one address that <paramref name="host"/> is, or resolves to.</summary>
    /// <param name="host">The URL's host, as written (matched against <see cref="AllowedHosts"/>).</param>
    /// <param name="address">The address about to be connected to.</param>
    public Result CheckAddress(string host, IPAddress address) =>
        IsAllowed(host, address) ? Result.Success : new FederationError(OutboundErrorCodes.AddressRefused, UnreachableMessage);

    /// <summary>Whether a connection to <paramref name="address"/> for <paramref name="host"/> is allowed.</summary>
    /// <param name="host">The URL's host, as written.</param>
    /// <param name="address">The address about to be connected to.</param>
    public bool IsAllowed(string host, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(address);
        var kind = OutboundAddressClassifier.Classify(address);
        var named = AllowedHosts.Contains(host.Trim('[', ']').TrimEnd('.'));
        return kind switch
        {
            OutboundAddressKind.Public => true,
            OutboundAddressKind.Loopback => AllowLoopback || named,
            OutboundAddressKind.Private or OutboundAddressKind.SharedAddressSpace => AllowPrivateNetworks || named,
            OutboundAddressKind.LinkLocal => named,
            _ => false,
        };
    }
}
