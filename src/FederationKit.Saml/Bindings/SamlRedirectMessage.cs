namespace FederationKit.Saml.Bindings;

/// <summary>A SAML message received over the HTTP-Redirect binding, decoded, with the exact octets its signature covers.</summary>
/// <param name="Parameter"><c>SAMLRequest</c> or <c>SAMLResponse</c>.</param>
/// <param name="Xml">The inflated message.</param>
/// <param name="RelayState">The RelayState, decoded, or null.</param>
/// <param name="SigAlg">The signature algorithm URI, or null when unsigned.</param>
/// <param name="Signature">The signature bytes, or null when unsigned.</param>
/// <param name="SignedOctets">The octets the signature covers, rebuilt from the parameters exactly as they were received.</param>
internal sealed record SamlRedirectMessage(string Parameter, string Xml, string? RelayState, string? SigAlg, byte[]? Signature, byte[] SignedOctets);
