using System.Text.Encodings.Web;

namespace FederationKit.Samples.AspNetCore.Pages;

/// <summary>Renders the sample's pages as plain HTML: no front-end build step, every value HTML-encoded.</summary>
internal static class Html
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
        nav a{margin-right:1rem} table{border-collapse:collapse} td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:left}
        .error{background:#fde8e8;border:1px solid #e0a0a0;padding:.6rem} .notice{background:#fff6d6;border:1px solid #e0c060;padding:.6rem} code{background:#f2f4f7;padding:0 .2rem}
        form{margin:.6rem 0} label{display:block;margin:.3rem 0} input[type=text],input[type=email],textarea{width:28rem}
        """;

    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? string.Empty);

    public static IResult Page(string title, string body, int statusCode = StatusCodes.Status200OK) => Results.Content(
        $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{Encode(title)} · FederationKit sample</title><style>{Style}</style></head>
        <body><nav><a href="/">Home</a><a href="/admin">Admin</a><a href="/signin">Sign in</a></nav>
        <h1>{Encode(title)}</h1>
        {body}
        </body></html>
        """,
        "text/html; charset=utf-8",
        statusCode: statusCode);

    /// <summary>Shows an SDK error to the admin: its stable code and message, never secrets or raw protocol messages.</summary>
    public static IResult Error(FederationError error, int statusCode = StatusCodes.Status400BadRequest) => Page(
        "Something was refused",
        $"""<p class="error" id="error">FederationKit refused this: <code id="error-code">{Encode(error.Code)}</code> {Encode(error.Message)}</p><p><a href="javascript:history.back()">Back</a></p>""",
        statusCode);
}
