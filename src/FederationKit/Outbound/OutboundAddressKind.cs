namespace FederationKit.Outbound;

/// <summary>What kind of network an IP address belongs to, as far as outbound requests are concerned.</summary>
public enum OutboundAddressKind
{
    /// <summary>A globally routable unicast address: the only kind allowed by default.</summary>
    Public,

    /// <summary>The host itself: <c>127.0.0.0/8</c> and <c>::1</c>.</summary>
    Loopback,

    /// <summary>A private network: <c>10.0.0.0/8</c>, <c>172.16.0.0/12</c>, <c>192.168.0.0/16</c>, unique local <c>fc00::/7</c> and the deprecated site-local <c>fec0::/10</c>.</summary>
    Private,

    /// <summary>A link-local address: <c>169.254.0.0/16</c> (cloud metadata services live here) and <c>fe80::/10</c>.</summary>
    LinkLocal,

    /// <summary>The carrier-grade NAT shared address space <c>100.64.0.0/10</c> (RFC 6598).</summary>
    SharedAddressSpace,

    /// <summary>The unspecified address or "this network": <c>0.0.0.0/8</c> and <c>::</c> (on Linux, 0.0.0.0 reaches the host itself).</summary>
    Unspecified,

    /// <summary>A multicast address: <c>224.0.0.0/4</c> and <c>ff00::/8</c>.</summary>
    Multicast,

    /// <summary>
    /// Any other special-purpose or unallocated address: <c>240.0.0.0/4</c> with the broadcast address, documentation and
    /// benchmarking ranges, IETF protocol assignments, IPv4-compatible IPv6, Teredo, discard-only, and IPv6 outside <c>2000::/3</c>.
    /// </summary>
    Reserved,
}
