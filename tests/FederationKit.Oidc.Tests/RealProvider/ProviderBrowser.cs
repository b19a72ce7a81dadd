using System.Net;
using System.Text.RegularExpressions;

namespace FederationKit.Oidc.Tests.RealProvider;

/// <summary>
/// Drives the provider's own login and consent pages without a browser: follows redirects with a cookie jar, submits the
/// login form and the consent form, and stops at the client's redirect URI, returning the callback parameters.
/// </summary>
internal sealed partial class ProviderBrowser : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

    public async Task<Dictionary<string, string>> AuthorizeAsync(Uri authorizationUrl, string redirectUri, string login, string password)
    {
        var next = authorizationUrl;
        HttpContent? form = null;
        for (var step = 0; step < 20; step++)
        {
            using var response = form is null ? await _http.GetAsync(next) : await _http.PostAsync(next, form);
            form = null;
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                var location = new Uri(next, response.Headers.Location!);
                if (location.OriginalString.StartsWith(redirectUri, StringComparison.Ordinal))
                {
                    return Query(location);
                }

                next = location;
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
            var action = new Uri(next, WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value));
            form = html.Contains("id=\"login\"", StringComparison.Ordinal)
                ? new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = login, ["password"] = password })
                : new FormUrlEncodedContent(new Dictionary<string, string>());
            next = action;
        }

        throw new InvalidOperationException("The provider never redirected back to the client.");
    }

    public Task<HttpResponseMessage> GetAsync(Uri url) => _http.GetAsync(url);

    public Task<HttpResponseMessage> PostFormAsync(Uri url, Dictionary<string, string> form) => _http.PostAsync(url, new FormUrlEncodedContent(form));

    public void Dispose() => _http.Dispose();

    private static Dictionary<string, string> Query(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : string.Empty), StringComparer.Ordinal);

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
}
