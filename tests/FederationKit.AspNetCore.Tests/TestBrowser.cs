using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace FederationKit.AspNetCore.Tests;

/// <summary>
/// One browser against the test server: keeps its own cookies (set, replaced and deleted by Set-Cookie, sent back on every
/// request whatever the path), never follows redirects, and remembers the raw Set-Cookie headers of the last response.
/// </summary>
internal sealed partial class TestBrowser(HttpClient client)
{
    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<SetCookieHeaderValue> LastSetCookies { get; private set; } = [];

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<HttpResponseMessage> PostAsync(string path, IDictionary<string, string> form) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) });

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => c.Key + "=" + c.Value)));
        }

        var response = await client.SendAsync(request);
        var set = response.Headers.TryGetValues("Set-Cookie", out var values) && SetCookieHeaderValue.TryParseList(values.ToList(), out var parsed) ? parsed.ToList() : [];
        LastSetCookies = set;
        foreach (var cookie in set)
        {
            if (cookie.Expires is { } expires && expires.Year < 2000)
            {
                Cookies.Remove(cookie.Name.Value!);
            }
            else
            {
                Cookies[cookie.Name.Value!] = cookie.Value.Value!;
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
}
