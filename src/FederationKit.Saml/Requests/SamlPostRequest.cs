using System.Text;

namespace FederationKit.Saml.Requests;

/// <summary>
/// A prepared AuthnRequest for the HTTP-POST binding (SAML 2.0 Bindings 3.5): the form the browser must post to the IdP,
/// and the request ID the response must answer.
/// </summary>
/// <param name="RequestId">The AuthnRequest ID (kept in the one-time store until the response consumes it).</param>
/// <param name="Destination">The IdP's SSO URL for the POST binding, where the form is posted.</param>
/// <param name="SamlRequest">The <c>SAMLRequest</c> form value: the base64 of the AuthnRequest's UTF-8 XML (no DEFLATE on this binding); signed in the XML when a certificate was given.</param>
/// <param name="RelayState">The <c>RelayState</c> form value, or null to send none.</param>
public sealed record SamlPostRequest(string RequestId, Uri Destination, string SamlRequest, string? RelayState)
{
    /// <summary>
    /// A minimal HTML page whose form posts <c>SAMLRequest</c> (and <c>RelayState</c> when set) to <see cref="Destination"/>:
    /// an inline script submits it, and a button inside <c>noscript</c> does when scripts are off. Every value is
    /// HTML-attribute-encoded. Serve it with <c>Content-Type: text/html; charset=utf-8</c> and <c>Cache-Control: no-store</c>;
    /// a Content-Security-Policy that forbids inline scripts leaves only the button.
    /// </summary>
    public string ToAutoSubmitHtml()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Signing in</title></head><body>\n");
        html.Append("<form method=\"post\" action=\"").Append(Attribute(Destination.OriginalString)).Append("\">\n");
        html.Append("<input type=\"hidden\" name=\"SAMLRequest\" value=\"").Append(Attribute(SamlRequest)).Append("\">\n");
        if (RelayState is not null)
        {
            html.Append("<input type=\"hidden\" name=\"RelayState\" value=\"").Append(Attribute(RelayState)).Append("\">\n");
        }

        html.Append("<noscript><p>Scripts are off: press Continue to sign in.</p><button type=\"submit\">Continue</button></noscript>\n");
        html.Append("</form>\n<script>document.forms[0].submit();</script>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>Encodes the five characters that matter in a double-quoted attribute value and in text.</summary>
    private static string Attribute(string value)
    {
        var encoded = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            _ = c switch
            {
                '&' => encoded.Append("&amp;"),
                '"' => encoded.Append("&quot;"),
                '\'' => encoded.Append("&#39;"),
                '<' => encoded.Append("&lt;"),
                '>' => encoded.Append("&gt;"),
                _ => encoded.Append(c),
            };
        }

        return encoded.ToString();
    }
}
