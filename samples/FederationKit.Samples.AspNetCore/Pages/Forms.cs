using Microsoft.AspNetCore.Antiforgery;

namespace FederationKit.Samples.AspNetCore.Pages;

/// <summary>Form helpers: every form posts an antiforgery token (the endpoints reject forms without one).</summary>
internal static class Forms
{
    /// <summary>A POST form to <paramref name="action"/> with the antiforgery field and <paramref name="fields"/> inside.</summary>
    public static string Post(HttpContext context, string action, string fields, string button, string? id = null, bool multipart = false)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var idAttribute = id is null ? string.Empty : $" id=\"{Html.Encode(id)}\"";
        var encoding = multipart ? " enctype=\"multipart/form-data\"" : string.Empty;
        return $"""<form method="post" action="{Html.Encode(action)}"{idAttribute}{encoding}><input type="hidden" name="{Html.Encode(tokens.FormFieldName)}" value="{Html.Encode(tokens.RequestToken)}">{fields}<button type="submit">{Html.Encode(button)}</button></form>""";
    }

    /// <summary>A labelled text input.</summary>
    public static string Text(string name, string label, string? value = null, string type = "text") =>
        $"""<label>{Html.Encode(label)} <input type="{type}" name="{Html.Encode(name)}" id="{Html.Encode(name)}" value="{Html.Encode(value)}"></label>""";
}
