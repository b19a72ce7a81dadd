using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using FederationKit.Saml.Logout;
using FederationKit.Saml.Validation;

namespace FederationKit.Saml.Bindings;

/// <summary>
/// The HTTP-Redirect binding (SAML 2.0 Bindings 3.4): DEFLATE, base64 and URL-encoding out, the reverse in, and the query
/// signature over <c>SAMLRequest=…&amp;RelayState=…&amp;SigAlg=…</c>, which a receiver must check on the values exactly
/// as they arrived (re-encoding them could change the octets).
/// </summary>
internal static class SamlRedirectBinding
{
    public const string RsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    private static readonly Dictionary<string, HashAlgorithmName> RsaAlgorithms = new(StringComparer.Ordinal)
    {
        ["http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"] = HashAlgorithmName.SHA256,
        ["http://www.w3.org/2001/04/xmldsig-more#rsa-sha384"] = HashAlgorithmName.SHA384,
        ["http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"] = HashAlgorithmName.SHA512,
    };

    private static readonly Dictionary<string, HashAlgorithmName> EcdsaAlgorithms = new(StringComparer.Ordinal)
    {
        ["http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"] = HashAlgorithmName.SHA256,
        ["http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"] = HashAlgorithmName.SHA384,
        ["http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512"] = HashAlgorithmName.SHA512,
    };

    /// <summary>The query string for <paramref name="xml"/>, signed with RSA-SHA256 when <paramref name="key"/> is given.</summary>
    public static string Encode(string parameter, string xml, string? relayState, RSA? key)
    {
        var query = parameter + "=" + Uri.EscapeDataString(Deflate(xml));
        if (relayState is not null)
        {
            query += "&RelayState=" + Uri.EscapeDataString(relayState);
        }

        if (key is not null)
        {
            query += "&SigAlg=" + Uri.EscapeDataString(RsaSha256);
            var signature = key.SignData(Encoding.UTF8.GetBytes(query), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            query += "&Signature=" + Uri.EscapeDataString(Convert.ToBase64String(signature));
        }

        return query;
    }

    /// <summary>Reads the raw query string (with or without the leading <c>?</c>) of a Redirect-binding message.</summary>
    public static Result<SamlRedirectMessage> Parse(string rawQuery, string expectedParameter, int maxLength)
    {
        if (rawQuery.Length > maxLength)
        {
            return Malformed("The query string is too large.");
        }

        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            if (name is "SAMLRequest" or "SAMLResponse" or "RelayState" or "SigAlg" or "Signature" && !raw.TryAdd(name, equals < 0 ? string.Empty : pair[(equals + 1)..]))
            {
                return Malformed($"The parameter {name} appears twice.");
            }
        }

        if (!raw.TryGetValue(expectedParameter, out var encodedMessage) || raw.ContainsKey(expectedParameter == "SAMLRequest" ? "SAMLResponse" : "SAMLRequest"))
        {
            return Malformed($"The query carries no {expectedParameter}.");
        }

        var xml = Inflate(Uri.UnescapeDataString(encodedMessage), maxLength);
        if (xml is null)
        {
            return Malformed($"The {expectedParameter} is not valid base64 DEFLATE data, or it inflates beyond the size limit.");
        }

        byte[]? signature = null;
        if (raw.TryGetValue("Signature", out var encodedSignature))
        {
            signature = new byte[encodedSignature.Length];
            if (!Convert.TryFromBase64String(Uri.UnescapeDataString(encodedSignature), signature, out var written))
            {
                return Malformed("The Signature parameter is not base64.");
            }

            signature = signature[..written];
        }

        var signed = expectedParameter + "=" + encodedMessage
            + (raw.TryGetValue("RelayState", out var relay) ? "&RelayState=" + relay : string.Empty)
            + (raw.TryGetValue("SigAlg", out var sigAlg) ? "&SigAlg=" + sigAlg : string.Empty);
        return new SamlRedirectMessage(expectedParameter, xml, relay is null ? null : Decode(relay), sigAlg is null ? null : Decode(sigAlg), signature, Encoding.UTF8.GetBytes(signed));
    }

    /// <summary>Checks the query signature with the IdP keys; the error says whether it is missing, of a refused algorithm, or wrong.</summary>
    public static Result Verify(SamlRedirectMessage message, IReadOnlyList<AsymmetricAlgorithm> keys, bool allowSha1)
    {
        if (message.Signature is null || message.SigAlg is null)
        {
            return new FederationError(SamlErrorCodes.SignatureMissing, "The Redirect-binding message is not signed.");
        }

        bool verified;
        if (EcdsaAlgorithms.TryGetValue(message.SigAlg, out var ecdsaHash))
        {
            // XML Signature's ECDSA values are r || s (IEEE P1363), .NET's default format.
            verified = keys.OfType<ECDsa>().Any(key => key.VerifyData(message.SignedOctets, message.Signature, ecdsaHash));
        }
        else if (RsaHashOf(message.SigAlg, allowSha1) is { } rsaHash)
        {
            verified = keys.OfType<RSA>().Any(key => key.VerifyData(message.SignedOctets, message.Signature, rsaHash, RSASignaturePadding.Pkcs1));
        }
        else
        {
            return new FederationError(SamlErrorCodes.SignatureAlgorithmNotAllowed, "The signature algorithm is not allowed.").WithDetail("algorithm", message.SigAlg);
        }

        return verified
            ? Result.Success
            : new FederationError(SamlErrorCodes.SignatureInvalid, "The Redirect-binding signature does not verify with any configured IdP certificate.");
    }

    private static HashAlgorithmName? RsaHashOf(string sigAlg, bool allowSha1) =>
        RsaAlgorithms.TryGetValue(sigAlg, out var hash) ? hash
        : allowSha1 && sigAlg == SamlNames.RsaSha1 ? HashAlgorithmName.SHA1
        : null;

    /// <summary>The endpoint with the encoded query appended (after its own query, if it has one).</summary>
    public static Uri ToUrl(Uri endpoint, string query) =>
        new(endpoint.OriginalString + (endpoint.OriginalString.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query);

    /// <summary>Raw DEFLATE (RFC 1951, no zlib header) then base64.</summary>
    public static string Deflate(string xml)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            var bytes = Encoding.UTF8.GetBytes(xml);
            deflate.Write(bytes, 0, bytes.Length);
        }

        return Convert.ToBase64String(buffer.ToArray());
    }

    private static string? Inflate(string base64, int maxLength)
    {
        var compressed = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, compressed, out var written))
        {
            return null;
        }

        try
        {
            using var inflate = new DeflateStream(new MemoryStream(compressed, 0, written), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = inflate.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (output.Length + read > maxLength)
                {
                    return null; // a DEFLATE bomb: stop before it grows further
                }

                output.Write(chunk, 0, read);
            }

            return Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    // Form encoding: '+' is a space in text values. Base64 values are decoded without it, so a sender that left '+' raw still works.
    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    private static FederationError Malformed(string message) => new(SamlLogoutErrorCodes.Malformed, message);
}
