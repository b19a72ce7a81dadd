using FederationKit.Directories;
using Microsoft.AspNetCore.Http;

namespace FederationKit.AspNetCore;

/// <summary>The endpoints the handler owns under its prefix, in the layout of <see cref="SignIn.Flow.SignInCallbackUrls"/>.</summary>
internal enum EdgeEndpoint
{
    /// <summary>Nothing the handler serves: 404.</summary>
    None,

    /// <summary><c>saml/metadata</c> (entity ID URL, no profile) and <c>saml/{profile}/metadata</c>: GET.</summary>
    SamlMetadata,

    /// <summary><c>saml/acs</c> (shared) and <c>saml/{profile}/acs</c>: POST.</summary>
    SamlAssertionConsumer,

    /// <summary><c>saml/{profile}/slo</c>: GET (Redirect binding) and POST.</summary>
    SamlSingleLogout,

    /// <summary><c>oidc/callback</c>: GET (query) and POST (form_post).</summary>
    OidcCallback,

    /// <summary><c>oidc/signed-out</c>: GET.</summary>
    OidcSignedOut,

    /// <summary><c>oidc/{profile}/backchannel-logout</c>: POST.</summary>
    OidcBackChannelLogout,

    /// <summary><c>oidc/{profile}/jwks.json</c>: GET, the public keys of a profile's generated client key (private_key_jwt).</summary>
    OidcClientJwks,
}

/// <summary>A request matched against the layout: which endpoint, for which profile, and whether its method is allowed.</summary>
/// <param name="Endpoint">The endpoint; <see cref="EdgeEndpoint.None"/> for any other path.</param>
/// <param name="ProfileId">The profile in the path, when the endpoint has one.</param>
/// <param name="MethodAllowed">Whether the request's method is one the endpoint answers.</param>
internal readonly record struct EdgeRoute(EdgeEndpoint Endpoint, IdpProfileId? ProfileId, bool MethodAllowed)
{
    /// <summary>Matches <paramref name="remaining"/> (the path after the prefix) and <paramref name="method"/>.</summary>
    public static EdgeRoute Match(PathString remaining, string method)
    {
        var segments = (remaining.Value ?? string.Empty).Split('/');
        // A path under the prefix starts with '/', so the first segment is empty.
        if (segments.Length is < 3 or > 4 || segments[0].Length != 0)
        {
            return default;
        }

        var get = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        var post = HttpMethods.IsPost(method);
        return (segments[1], segments.Length) switch
        {
            ("saml", 3) => segments[2] switch
            {
                "metadata" => new(EdgeEndpoint.SamlMetadata, null, get),
                "acs" => new(EdgeEndpoint.SamlAssertionConsumer, null, post),
                _ => default,
            },
            ("saml", 4) when TryProfile(segments[2], out var profile) => segments[3] switch
            {
                "metadata" => new(EdgeEndpoint.SamlMetadata, profile, get),
                "acs" => new(EdgeEndpoint.SamlAssertionConsumer, profile, post),
                "slo" => new(EdgeEndpoint.SamlSingleLogout, profile, get || post),
                _ => default,
            },
            ("oidc", 3) => segments[2] switch
            {
                "callback" => new(EdgeEndpoint.OidcCallback, null, get || post),
                "signed-out" => new(EdgeEndpoint.OidcSignedOut, null, get),
                _ => default,
            },
            ("oidc", 4) when TryProfile(segments[2], out var profile) => segments[3] switch
            {
                "backchannel-logout" => new(EdgeEndpoint.OidcBackChannelLogout, profile, post),
                "jwks.json" => new(EdgeEndpoint.OidcClientJwks, profile, get),
                _ => default,
            },
            _ => default,
        };
    }

    private static bool TryProfile(string segment, out IdpProfileId profileId)
    {
        var parsed = Guid.TryParseExact(segment, "D", out var id);
        profileId = new IdpProfileId(id);
        return parsed;
    }
}
