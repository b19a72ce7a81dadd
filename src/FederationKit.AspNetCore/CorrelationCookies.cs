using Microsoft.AspNetCore.Http;

namespace FederationKit.AspNetCore;

/// <summary>
/// The correlation cookie binds a sign-in response to the browser that started it: one cookie per transaction, named with
/// the transaction ID, holding the transaction's browser secret (the server keeps only its hash). HttpOnly, scoped to the
/// prefix path, expiring with the transaction. On https it is <c>SameSite=None; Secure</c>, because the SAML ACS receives a
/// cross-site POST from the IdP; on plain http (development on 127.0.0.1) browsers refuse <c>SameSite=None</c> without
/// <c>Secure</c>, so it is <c>SameSite=Lax</c>, which a same-site IdP (another port of 127.0.0.1) still receives.
/// On https the name starts with <c>__Secure-</c>: browsers accept such a cookie only with <c>Secure</c> from an https page,
/// so a network attacker cannot toss one in through a plain-http response (a tossed cookie naming the attacker's own
/// transaction and secret would be login CSRF).
/// </summary>
internal sealed class CorrelationCookies(FederationKitAuthenticationOptions options, PathString path, bool secure)
{
    /// <summary>The longest transaction ID turned into a cookie name (the core's IDs are 43 characters).</summary>
    private const int MaximumIdLength = 64;

    /// <summary>The cookie name prefix browsers reserve for Secure cookies set by https pages.</summary>
    private const string SecurePrefix = "__Secure-";

    /// <summary>Sets the cookie of <paramref name="transactionId"/>.</summary>
    public void Append(HttpResponse response, string transactionId, string browserSecret, DateTimeOffset expiresAt)
    {
        var cookie = Options();
        cookie.Expires = expiresAt;
        response.Cookies.Append(Name(transactionId), browserSecret, cookie);
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

        var name = Name(transactionId!);
        if (!context.Request.Cookies.TryGetValue(name, out var secret))
        {
            return null;
        }

        context.Response.Cookies.Delete(name, Options());
        return secret;
    }

    private string Name(string transactionId) =>
        (secure && !options.CorrelationCookiePrefix.StartsWith(SecurePrefix, StringComparison.OrdinalIgnoreCase) && !options.CorrelationCookiePrefix.StartsWith("__Host-", StringComparison.OrdinalIgnoreCase)
            ? SecurePrefix : string.Empty) + options.CorrelationCookiePrefix + transactionId;

    private CookieOptions Options() => new()
    {
        HttpOnly = true,
        Path = path.Value,
        Domain = options.CorrelationCookieDomain,
        Secure = secure,
        SameSite = secure ? SameSiteMode.None : SameSiteMode.Lax,
        IsEssential = true,
    };

    private static bool IsTransactionId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaximumIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
