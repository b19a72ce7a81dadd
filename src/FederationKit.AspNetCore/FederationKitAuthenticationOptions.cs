using System.Security.Claims;
using FederationKit.AspNetCore.Events;
using FederationKit.SignIn.Flow;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace FederationKit.AspNetCore;

/// <summary>
/// Settings of the FederationKit authentication scheme. Every default is safe; <see cref="PublicOrigin"/> is the one setting
/// a production host should set. Checked when the scheme is first used (<see cref="Validate(string)"/>).
/// </summary>
public sealed class FederationKitAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>
    /// The path under which the handler serves every endpoint (SAML ACS, SLO and metadata, OIDC callback, signed-out and
    /// back-channel logout). Default <see cref="FederationKitDefaults.PathPrefix"/> (<c>/federation</c>). Every other path
    /// under it answers 404. Starts with <c>/</c>, no trailing <c>/</c>.
    /// </summary>
    public PathString PathPrefix { get; set; } = FederationKitDefaults.PathPrefix;

    /// <summary>
    /// The origin (scheme, host and port, for example <c>https://app.example</c>) the IdPs see, used to build every URL the
    /// protocols send and check (ACS, callback, entity ID). Default null: the request's scheme and host, which behind a
    /// proxy is only right with forwarded headers configured. Set it in production.
    /// </summary>
    public Uri? PublicOrigin { get; set; }

    /// <summary>
    /// The scheme that signs the user in after a federated sign-in (usually the cookie scheme), and from which the signed-in
    /// administrator of a profile test and the session of a sign-out are read. Default: the application's default sign-in
    /// scheme (<c>AuthenticationOptions.DefaultSignInScheme</c>, else <c>DefaultScheme</c>), as the framework's remote handlers do.
    /// </summary>
    public string? SignInScheme { get; set; }

    /// <summary>
    /// Where a challenge for an email whose domain has no single sign-on (<c>signin.no_sso</c>) sends the user: the
    /// product's own login page, a local path; the handler adds <c>email</c> and <c>returnUrl</c> to its query. Default
    /// null: the refusal goes to <see cref="FederationKitAuthenticationEvents.OnFailure"/> and the error page.
    /// </summary>
    public string? LocalSignInPath { get; set; }

    /// <summary>
    /// The claim of the <see cref="SignInScheme"/> principal that holds the product's user ID (a GUID), read to name the
    /// administrator of a profile test. Default <see cref="ClaimTypes.NameIdentifier"/>, which the handler itself issues.
    /// </summary>
    public string UserIdClaimType { get; set; } = ClaimTypes.NameIdentifier;

    /// <summary>The start of each correlation cookie's name; the transaction ID follows. Default <see cref="FederationKitDefaults.CorrelationCookiePrefix"/>.</summary>
    public string CorrelationCookiePrefix { get; set; } = FederationKitDefaults.CorrelationCookiePrefix;

    /// <summary>
    /// The correlation cookie's domain; default null (the host only), which is what most hosts want: on https the cookie is
    /// then a <c>__Host-</c> cookie that no sibling subdomain can overwrite. Setting a domain shares it with every subdomain,
    /// including ones others control.
    /// </summary>
    public string? CorrelationCookieDomain { get; set; }

    /// <summary>
    /// The most correlation cookies (sign-ins started and not finished) one browser keeps; starting one more deletes the oldest.
    /// Default 8, at least 1.
    /// </summary>
    public int MaxCorrelationCookies { get; set; } = 8;

    /// <summary>The callbacks a host may use to observe or shape the sign-in; see <see cref="FederationKitAuthenticationEvents"/>.</summary>
    public new FederationKitAuthenticationEvents Events
    {
        get => (FederationKitAuthenticationEvents)base.Events!;
        set => base.Events = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The section below <c>FederationKit</c> these settings are bound from: <c>Authentication</c>.</summary>
    public const string ConfigurationSection = "Authentication";

    /// <summary>Creates the settings with their defaults.</summary>
    public FederationKitAuthenticationOptions() => base.Events = new FederationKitAuthenticationEvents();

    /// <summary>Checks every setting and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    /// <param name="scheme">The scheme the settings belong to.</param>
    public override void Validate(string scheme)
    {
        base.Validate(scheme);
        var prefix = PathPrefix.Value;
        if (string.IsNullOrEmpty(prefix) || prefix.Length < 2 || prefix[0] != '/' || prefix[^1] == '/' || prefix.Contains('?', StringComparison.Ordinal) || prefix.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException("FederationKit:Authentication:PathPrefix must be a path such as /federation: starting with '/', without a trailing '/', query or fragment.");
        }

        if (PublicOrigin is { } origin && (!origin.IsAbsoluteUri || (origin.Scheme != Uri.UriSchemeHttps && origin.Scheme != Uri.UriSchemeHttp) ||
            origin.AbsolutePath != "/" || origin.Query.Length > 0 || origin.Fragment.Length > 0 || origin.UserInfo.Length > 0))
        {
            throw new ArgumentException("FederationKit:Authentication:PublicOrigin must be an absolute http(s) origin such as https://app.example, without path, query, fragment or user info.");
        }

        if (string.IsNullOrEmpty(SignInScheme))
        {
            throw new ArgumentException("FederationKit:Authentication:SignInScheme is not set and the application has no default sign-in scheme: add a cookie scheme (AddCookie) or set SignInScheme.");
        }

        if (string.Equals(SignInScheme, scheme, StringComparison.Ordinal))
        {
            throw new ArgumentException("FederationKit:Authentication:SignInScheme must be another scheme (a cookie scheme), not FederationKit itself.");
        }

        if (LocalSignInPath is not null && (!SignInReturnUrl.IsLocal(LocalSignInPath) || LocalSignInPath.Contains('?', StringComparison.Ordinal) || LocalSignInPath.Contains('#', StringComparison.Ordinal)))
        {
            throw new ArgumentException("FederationKit:Authentication:LocalSignInPath must be a local path such as /login, without query or fragment.");
        }

        if (string.IsNullOrWhiteSpace(UserIdClaimType))
        {
            throw new ArgumentException("FederationKit:Authentication:UserIdClaimType must name a claim.");
        }

        if (string.IsNullOrEmpty(CorrelationCookiePrefix) || CorrelationCookiePrefix.Any(c => char.IsWhiteSpace(c) || c is ';' or ',' or '=' || char.IsControl(c)))
        {
            throw new ArgumentException("FederationKit:Authentication:CorrelationCookiePrefix must be a cookie name without whitespace, ';', ',' or '='.");
        }

        if (CorrelationCookieDomain is not null && CorrelationCookiePrefix.StartsWith("__Host-", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("FederationKit:Authentication:CorrelationCookiePrefix cannot start with __Host- when CorrelationCookieDomain is set: browsers refuse __Host- cookies with a domain.");
        }

        if (MaxCorrelationCookies < 1)
        {
            throw new ArgumentException("FederationKit:Authentication:MaxCorrelationCookies must be at least 1.");
        }
    }

    /// <summary>1 once the handler warned that <see cref="PublicOrigin"/> is not set (once per configured scheme).</summary>
    internal int PublicOriginWarningLogged;
}
