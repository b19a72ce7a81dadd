using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace FederationKit.AspNetCore.Tests;

/// <summary>
/// One browser against the test server: keeps its own cookies (set, replaced and deleted by Set-Cookie, sent back on every
/// request whatever the path, oldest first as browsers order them), never follows redirects, and remembers the raw
/// Set-Cookie headers of the last response.
/// </summary>
internal sealed partial class TestBrowser(HttpClient client)
{
    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    /// <summary>The cookies set with <c>SameSite=None</c>: the only ones a cross-site POST carries.</summary>
    private readonly HashSet<string> _sameSiteNone = new(StringComparer.Ordinal);

    /// <summary>When each cookie was set by a response (cookies a test put in directly count as oldest).</summary>
    private readonly Dictionary<string, long> _setAt = new(StringComparer.Ordinal);
    private long _clock;

    public IReadOnlyList<SetCookieHeaderValue> LastSetCookies { get; private set; } = [];

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<HttpResponseMessage> PostAsync(string path, IDictionary<string, string> form) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) });

    /// <summary>
    /// A form POST from another site (the IdP's auto-submitting form), as a browser sends it: flagged
    /// <c>Sec-Fetch-Site: cross-site</c> and carrying only the <c>SameSite=None</c> cookies.
    /// </summary>
    public Task<HttpResponseMessage> CrossSitePostAsync(string path, IDictionary<string, string> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        return SendAsync(request, crossSite: true);
    }

    /// <summary>Submits the auto-submitting form of <paramref name="page"/> as the browser would (same origin).</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync();
        var action = WebUtility.HtmlDecode(ActionPattern().Match(html).Groups[1].Value);
        var fields = InputPattern().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return await SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, bool crossSite = false)
    {
        var sent = (crossSite ? Cookies.Where(c => _sameSiteNone.Contains(c.Key)) : Cookies).OrderBy(c => _setAt.GetValueOrDefault(c.Key)).ToList();
        if (sent.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", sent.Select(c => c.Key + "=" + c.Value)));
        }

        var response = await client.SendAsync(request);
        var set = response.Headers.TryGetValues("Set-Cookie", out var values) && SetCookieHeaderValue.TryParseList(values.ToList(), out var parsed) ? parsed.ToList() : [];
        LastSetCookies = set;
        foreach (var cookie in set)
        {
            if (cookie.Expires is { } expires && expires.Year < 2000)
            {
                Cookies.Remove(cookie.Name.Value!);
                _setAt.Remove(cookie.Name.Value!);
            }
            else
            {
                Cookies[cookie.Name.Value!] = cookie.Value.Value!;
                _setAt.TryAdd(cookie.Name.Value!, ++_clock);
                if (cookie.SameSite == SameSiteMode.None)
                {
                    _sameSiteNone.Add(cookie.Name.Value!);
                }
                else
                {
                    _sameSiteNone.Remove(cookie.Name.Value!);
                }
            }
        }

        return response;
    }

    /// <summary>The error code shown on the handler's error page.</summary>
    public static async Task<string?> ErrorCodeAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var match = CodePattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<code>([^<]*)</code>")]
    private static partial Regex CodePattern();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*)\"")]
    private static partial Regex ActionPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex InputPattern();
}
