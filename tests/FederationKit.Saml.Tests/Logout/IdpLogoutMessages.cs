using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace FederationKit.Saml.Tests.Logout;

/// <summary>Logout messages as the IdP sends them: the XML, and its Redirect-binding query signed with the IdP key.</summary>
internal static class IdpLogoutMessages
{
    public const string SpSloUrl = "https://app.example/saml/slo";
    public const string IdpSloUrl = "https://idp.acme.example/slo";

    public static string Request(string id = "_idp-lr1", string issuer = SamlResponseBuilder.IdpEntityId, string destination = SpSloUrl, DateTimeOffset? issued = null, DateTimeOffset? notOnOrAfter = null, string nameId = "carol@acme-corp.com") =>
        $"""<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{id}" Version="2.0" IssueInstant="{T(issued ?? SamlResponseBuilder.Now)}" Destination="{destination}" NotOnOrAfter="{T(notOnOrAfter ?? SamlResponseBuilder.Now.AddMinutes(5))}"><saml:Issuer>{issuer}</saml:Issuer><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">{nameId}</saml:NameID><samlp:SessionIndex>_s1</samlp:SessionIndex><samlp:SessionIndex>_s2</samlp:SessionIndex></samlp:LogoutRequest>""";

    public static string Response(string inResponseTo, string status = "urn:oasis:names:tc:SAML:2.0:status:Success", string issuer = SamlResponseBuilder.IdpEntityId, string destination = SpSloUrl) =>
        $"""<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_idp-resp{Guid.NewGuid():N}" Version="2.0" IssueInstant="{T(SamlResponseBuilder.Now)}" Destination="{destination}" InResponseTo="{inResponseTo}"><saml:Issuer>{issuer}</saml:Issuer><samlp:Status>{status}</samlp:Status></samlp:LogoutResponse>""";

    public static string SuccessStatus => """<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>""";

    /// <summary>The query string <c>PARAM=…&amp;RelayState=…&amp;SigAlg=…&amp;Signature=…</c>, signed when a key is given.</summary>
    public static string Query(string parameter, string xml, string? relayState = null, X509Certificate2? key = null, string sigAlg = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", HashAlgorithmName? hash = null)
    {
        var query = parameter + "=" + Uri.EscapeDataString(Deflate(xml));
        if (relayState is not null)
        {
            query += "&RelayState=" + Uri.EscapeDataString(relayState);
        }

        if (key is null)
        {
            return query;
        }

        query += "&SigAlg=" + Uri.EscapeDataString(sigAlg);
        using var rsa = key.GetRSAPrivateKey()!;
        var signature = rsa.SignData(Encoding.UTF8.GetBytes(query), hash ?? HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return query + "&Signature=" + Uri.EscapeDataString(Convert.ToBase64String(signature));
    }

    public static string Deflate(string xml)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(Encoding.UTF8.GetBytes(xml));
        }

        return Convert.ToBase64String(buffer.ToArray());
    }

    public static string Inflate(string base64)
    {
        using var inflate = new DeflateStream(new MemoryStream(Convert.FromBase64String(base64)), CompressionMode.Decompress);
        using var reader = new StreamReader(inflate, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The decoded query parameters of a URL.</summary>
    public static Dictionary<string, string> Parameters(Uri url) =>
        url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));

    private static string T(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
