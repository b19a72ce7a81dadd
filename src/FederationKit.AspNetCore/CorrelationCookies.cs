using Microsoft.AspNetCore.Http;

namespace FederationKit.AspNetCore;

/// <summary>
/// The correlation cookie binds a sign-in response to the browser that started it: one cookie per transaction, named with
/// the transaction ID, holding the transaction's browser secret (the server keeps only its hash). HttpOnly, scoped to the
/// prefix path, expiring with the transaction. On https it is <c>SameSite=None; Secure</c>, because the SAML ACS receives a
/// cross-site POST from the IdP; on plain http (development on 127.0.0.1) browsers refuse <c>SameSite=None</c> without
/// <c>Secure</c>, so it is <c>SameSite=Lax</c>, which a same-site IdP (another port of 127.0.0.1) still receives.
/// On https the name starts with <c>__Host-</c> (path <c>/</c>, no domain): browsers accept such a cookie only with
/// <c>Secure</c>, from an https page of this very host, so neither a network attacker (through a plain-http response) nor a
/// sibling subdomain (a customer's page on <c>evil.product.example</c> setting <c>Domain=product.example</c>) can toss one in; a
/// tossed cookie naming the attacker's own transaction and secret would be login CSRF. A host that sets
/// <see cref="FederationKitAuthenticationOptions.CorrelationCookieDomain"/> shares the cookie with its subdomains on purpose
/// and gets <c>__Secure-</c>, which stops the network attacker only. At most
/// <see cref="FederationKitAuthenticationOptions.MaxCorrelationCookies"/> are kept: starting one more sign-in deletes the oldest
/// the browser sent, so sign-ins started over and over (or by a hostile page) cannot grow the request headers without bound.
/// </summary>
internal sealed class CorrelationCookies(FederationKitAuthenticationOptions options, PathString path, bool secure)
{
    /// <summary>The longest transaction ID turned into a cookie name (the core's IDs are 43 characters).</summary>
    private const int MaximumIdLength = 64;

    /// <summary>The cookie name prefix browsers reserve for Secure cookies set by https pages.</summary>
    private const string SecurePrefix = "__Secure-";

    /// <summary>The cookie name prefix browsers reserve for Secure, host-only cookies with path <c>/</c>.</summary>
    private const string HostPrefix = "__Host-";

    /// <summary>Sets the cookie of <paramref name="transactionId"/>.</summary>
    public void Append(HttpContext context, string transactionId, string browserSecret, DateTimeOffset expiresAt)
    {
        // Keep room for this one: the oldest cookies come first in the Cookie header (RFC 6265 section 5.4).
        var pending = context.Request.Cookies.Keys.Where(k => k.StartsWith(NamePrefix, StringComparison.Ordinal)).ToList();
        foreach (var stale in pending.Take(pending.Count - options.MaxCorrelationCookies + 1))
        {
            context.Response.Cookies.Delete(stale, Options());
        }

        var cookie = Options();
        cookie.Expires = expiresAt;
        context.Response.Cookies.Append(NamePrefix + transactionId, browserSecret, cookie);
    }

    /// <summary>
    /// Reads the secret of <paramref name="transactionId"/> and deletes its cookie (it serves one response); null when the
    /// browser sent none or the ID is not one the handler could have issued.
    /// </summary>
    public string? Take(HttpContext context, string? transactionId)
    {
        if (!IsTransactionId(transactionId))
        {
            return null;
        }

        var name = NamePrefix + transactionId;
        if (!context.Request.Cookies.TryGetValue(name, out var secret))
        {
            return null;
        }

        context.Response.Cookies.Delete(name, Options());
        return secret;
    }

    // Host-only on https unless the host shares the cookie with a domain; a prefix the host chose itself is kept.
    private bool HostOnly => secure && options.CorrelationCookieDomain is null
        && !options.CorrelationCookiePrefix.StartsWith(SecurePrefix, StringComparison.OrdinalIgnoreCase);

    private string NamePrefix =>
        (!secure || options.CorrelationCookiePrefix.StartsWith(SecurePrefix, StringComparison.OrdinalIgnoreCase) || options.CorrelationCookiePrefix.StartsWith(HostPrefix, StringComparison.OrdinalIgnoreCase)
            ? string.Empty
            : HostOnly ? HostPrefix : SecurePrefix) + options.CorrelationCookiePrefix;

    private CookieOptions Options() => new()
    {
        HttpOnly = true,
        Path = HostOnly ? "/" : path.Value,
        Domain = options.CorrelationCookieDomain,
        Secure = secure,
        SameSite = secure ? SameSiteMode.None : SameSiteMode.Lax,
        IsEssential = true,
    };

    private static bool IsTransactionId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaximumIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
