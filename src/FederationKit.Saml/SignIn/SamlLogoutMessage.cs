namespace FederationKit.Saml.SignIn;

/// <summary>A single logout message as it reached a profile's SLO URL.</summary>
/// <param name="IsPost">Whether it came as a form POST (HTTP-POST binding) rather than in the query (HTTP-Redirect binding).</param>
/// <param name="QueryString">The query string exactly as received (with or without the leading <c>?</c>); the Redirect binding's signature covers its octets.</param>
/// <param name="Form">The form fields of a POST (<c>SAMLRequest</c> or <c>SAMLResponse</c>, and <c>RelayState</c>); empty otherwise.</param>
public sealed record SamlLogoutMessage(bool IsPost, string QueryString, IReadOnlyDictionary<string, string> Form)
{
    /// <inheritdoc />
    public override string ToString() => $"SamlLogoutMessage({(IsPost ? "POST" : "Redirect")})";
}
