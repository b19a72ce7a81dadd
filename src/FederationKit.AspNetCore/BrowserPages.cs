using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using FederationKit.SignIn.Flow;
using Microsoft.AspNetCore.Http;

namespace FederationKit.AspNetCore;

/// <summary>
/// The only HTML the handler writes: the auto-submitting form of the SAML HTTP-POST binding and the error page. Every value
/// is HTML-encoded; each page carries its own Content-Security-Policy (a per-response script nonce, <c>form-action</c>
/// limited to the target's origin) and is never cached.
/// </summary>
internal static class BrowserPages
{
    /// <summary>Sends the browser to <paramref name="step"/>: a 302 redirect, or a form POST page.</summary>
    public static Task SendAsync(HttpResponse response, BrowserStep step)
    {
        NoStore(response);
        if (!step.IsFormPost)
        {
            response.Redirect(step.Url.AbsoluteUri);
            return Task.CompletedTask;
        }

        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var html = new StringBuilder(1024);
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Signing in…</title></head><body>");
        html.Append("<form method=\"post\" action=\"").Append(Encode(step.Url.AbsoluteUri)).Append("\">");
        foreach (var (name, value) in step.FormFields!.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            html.Append("<input type=\"hidden\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode(value)).Append("\">");
        }

        html.Append("<noscript><p>JavaScript is off: press Continue.</p><button type=\"submit\">Continue</button></noscript></form>");
        html.Append("<script nonce=\"").Append(nonce).Append("\">document.forms[0].submit();</script></body></html>");
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'nonce-{nonce}'; form-action {step.Url.GetLeftPart(UriPartial.Authority)}; base-uri 'none'; frame-ancestors 'none'";
        return WriteHtmlAsync(response, html.ToString());
    }

    /// <summary>
    /// Re-posts <paramref name="fields"/> to <paramref name="localPath"/> from a page of this origin: a cross-site POST (the
    /// SAML HTTP-POST binding, OIDC form_post) carries no <c>SameSite=Lax</c> cookie, such as the host's session cookie,
    /// while the same POST started by this origin's own page does.
    /// </summary>
    public static Task RepostAsync(HttpResponse response, string localPath, IReadOnlyDictionary<string, string> fields)
    {
        NoStore(response);
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var html = new StringBuilder(1024);
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Signing in…</title></head><body>");
        html.Append("<form method=\"post\" action=\"").Append(Encode(localPath)).Append("\">");
        foreach (var (name, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            html.Append("<input type=\"hidden\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode(value)).Append("\">");
        }

        html.Append("<noscript><p>JavaScript is off: press Continue.</p><button type=\"submit\">Continue</button></noscript></form>");
        html.Append("<script nonce=\"").Append(nonce).Append("\">document.forms[0].submit();</script></body></html>");
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers.ContentSecurityPolicy = $"default-src 'none'; script-src 'nonce-{nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        return WriteHtmlAsync(response, html.ToString());
    }

    /// <summary>Writes the error page: the stable code and the message, HTML-encoded.</summary>
    public static Task ErrorAsync(HttpResponse response, FederationError error, int statusCode)
    {
        NoStore(response);
        response.StatusCode = statusCode;
        response.Headers.ContentSecurityPolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        var html = string.Create(CultureInfo.InvariantCulture,
            $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Sign-in refused</title></head><body><h1>Sign-in refused</h1><p>{Encode(error.Message)}</p><p>Error code: <code>{Encode(error.Code)}</code></p></body></html>");
        return WriteHtmlAsync(response, html);
    }

    /// <summary>Marks the response as never to be cached or referred from.</summary>
    public static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XContentTypeOptions = "nosniff";
    }

    private static Task WriteHtmlAsync(HttpResponse response, string html)
    {
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync(html, Encoding.UTF8, response.HttpContext.RequestAborted);
    }

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
