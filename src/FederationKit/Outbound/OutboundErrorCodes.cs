namespace FederationKit.Outbound;

/// <summary>Stable codes for outbound requests (OIDC discovery and keys, SAML metadata) refused by the <see cref="OutboundUrlPolicy"/>. Each is documented in docs/errors.md.</summary>
public static class OutboundErrorCodes
{
    /// <summary>The URL is not absolute, or its scheme is not https (http only when <see cref="OutboundUrlPolicy.AllowHttp"/> is on).</summary>
    public const string SchemeRefused = "outbound.scheme_refused";

    /// <summary>
    /// The host is, or resolves to, an address the policy does not allow (loopback, private, link-local, shared, unspecified,
    /// multicast or reserved). The message is the same as for a host that cannot be reached, so it reveals no port state.
    /// </summary>
    public const string AddressRefused = "outbound.address_refused";
}
