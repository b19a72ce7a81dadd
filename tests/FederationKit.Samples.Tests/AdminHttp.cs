using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FederationKit.Samples.Tests;

/// <summary>
/// Plain HTTP requests carrying a browser context's cookies (the admin's session and antiforgery cookie): what a forged
/// cross-site POST delivers, or a hand-made form with the page's own token.
/// </summary>
internal static partial class AdminHttp
{
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>A client that sends every cookie of <paramref name="context"/> and never follows redirects.</summary>
    public static async Task<HttpClient> ClientAsync(IBrowserContext context, Uri baseAddress)
    {
        var cookies = await context.CookiesAsync();
#pragma warning disable CA2000 // the client owns and disposes the handler
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: true) { BaseAddress = baseAddress };
#pragma warning restore CA2000
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        return client;
    }

    /// <summary>The antiforgery token of the page's first form (valid for the signed-in user).</summary>
    public static Task<string> TokenAsync(IPage page) => page.Locator($"input[name={TokenField}]").First.InputValueAsync();

    /// <summary>Posts <paramref name="fields"/> as a form; returns the status and the error code the page shows (or null).</summary>
    /// <remarks>With <paramref name="multipart"/> the form is sent as <c>multipart/form-data</c> (endpoints taking a file need it).</remarks>
    public static async Task<(HttpStatusCode Status, string? Code, string Body)> PostAsync(HttpClient client, string path, IReadOnlyDictionary<string, string>? fields = null, bool multipart = false)
    {
        fields ??= new Dictionary<string, string>();
        using HttpContent content = multipart ? Multipart(fields) : new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(new Uri(path.TrimStart('/'), UriKind.Relative), content);
        return await ReadAsync(response);
    }

    /// <summary>A GET; returns the status, the error code the page shows (or null) and the body.</summary>
    public static async Task<(HttpStatusCode Status, string? Code, string Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative));
        return await ReadAsync(response);
    }

    private static async Task<(HttpStatusCode Status, string? Code, string Body)> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var match = ErrorCode().Match(body);
        return (response.StatusCode, match.Success ? match.Groups[1].Value : null, body);
    }

    private static MultipartFormDataContent Multipart(IReadOnlyDictionary<string, string> fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }

    [GeneratedRegex("""id="error-code">([^<]*)<""")]
    private static partial Regex ErrorCode();
}
