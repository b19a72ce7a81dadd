using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc;

/// <summary>Publishes the public half of the client's <c>private_key_jwt</c> keys as a JWKS document the host can serve.</summary>
public static class OidcClientJwks
{
    /// <summary>The JWKS JSON (public parameters only) of <see cref="OidcProviderOptions.ClientSigningKeys"/>.</summary>
    /// <param name="keys">The client's signing keys.</param>
    public static string Create(IEnumerable<AsymmetricSecurityKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var array = new JsonArray();
        foreach (var key in keys)
        {
            var jwk = key switch
            {
                RsaSecurityKey rsa => JsonWebKeyConverter.ConvertFromRSASecurityKey(PublicOnly(rsa)),
                ECDsaSecurityKey ec => JsonWebKeyConverter.ConvertFromECDsaSecurityKey(PublicOnly(ec)),
                _ => throw new ArgumentException("Only RSA and ECDSA keys can be published.", nameof(keys)),
            };
            var node = new JsonObject { ["kty"] = jwk.Kty, ["use"] = "sig", ["kid"] = key.KeyId };
            if (jwk.Kty == "RSA")
            {
                node["alg"] = SecurityAlgorithms.RsaSha256;
                node["n"] = jwk.N;
                node["e"] = jwk.E;
            }
            else
            {
                node["alg"] = SecurityAlgorithms.EcdsaSha256;
                node["crv"] = jwk.Crv;
                node["x"] = jwk.X;
                node["y"] = jwk.Y;
            }

            array.Add(node);
        }

        return new JsonObject { ["keys"] = array }.ToJsonString();
    }

    private static RsaSecurityKey PublicOnly(RsaSecurityKey key)
    {
        var parameters = key.Rsa?.ExportParameters(false) ?? key.Parameters;
        return new RsaSecurityKey(new System.Security.Cryptography.RSAParameters { Modulus = parameters.Modulus, Exponent = parameters.Exponent }) { KeyId = key.KeyId };
    }

    private static ECDsaSecurityKey PublicOnly(ECDsaSecurityKey key)
    {
        var ec = System.Security.Cryptography.ECDsa.Create(key.ECDsa.ExportParameters(false));
        return new ECDsaSecurityKey(ec) { KeyId = key.KeyId };
    }
}
