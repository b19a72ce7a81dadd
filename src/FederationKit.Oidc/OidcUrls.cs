using System.Net;

namespace FederationKit.Oidc;

/// <summary>URL rules: HTTPS everywhere, plain HTTP only on a loopback address (tests and local development).</summary>
internal static class OidcUrls
{
    public static bool IsSecureOrLoopback(string? value, out string problem)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            problem = "must be an absolute URL.";
            return false;
        }

        if (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)))
        {
            problem = string.Empty;
            return true;
        }

        problem = "must use https (http is allowed only on a loopback address).";
        return false;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
