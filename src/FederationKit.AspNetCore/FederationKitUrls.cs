using FederationKit.SignIn.Flow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FederationKit.AspNetCore;

/// <summary>
/// The URLs the FederationKit scheme serves, as an admin page shows them to the people who configure the IdPs (the ACS and
/// SP metadata per SAML profile, the OIDC redirect URI): the same URLs the handler puts in its messages.
/// </summary>
public static class FederationKitUrls
{
    /// <summary>
    /// The edge's URLs for <paramref name="context"/>: <c>PublicOrigin</c> (else the request's scheme and host), the path base
    /// and the scheme's <c>PathPrefix</c>; null when the request has no usable host and no <c>PublicOrigin</c> is set.
    /// </summary>
    /// <param name="context">The current request.</param>
    /// <param name="scheme">The scheme name; default <see cref="FederationKitDefaults.AuthenticationScheme"/>.</param>
    public static SignInCallbackUrls? For(HttpContext context, string scheme = FederationKitDefaults.AuthenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<FederationKitAuthenticationOptions>>().Get(scheme);
        return For(context.Request, options);
    }

    /// <summary>The edge's URLs for a request under the given settings; null for an unusable host.</summary>
    internal static SignInCallbackUrls? For(HttpRequest request, FederationKitAuthenticationOptions options)
    {
        if (!request.Host.HasValue && options.PublicOrigin is null)
        {
            return null;
        }

        var origin = options.PublicOrigin?.GetLeftPart(UriPartial.Authority) ?? request.Scheme + "://" + request.Host.ToUriComponent();
        return Uri.TryCreate(origin + request.PathBase.ToUriComponent() + options.PathPrefix.ToUriComponent(), UriKind.Absolute, out var baseUrl) &&
               baseUrl.Query.Length == 0 && baseUrl.Fragment.Length == 0
            ? new SignInCallbackUrls(baseUrl)
            : null;
    }
}
