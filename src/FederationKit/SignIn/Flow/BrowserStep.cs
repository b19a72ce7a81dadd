using System.Collections.Immutable;

namespace FederationKit.SignIn.Flow;

/// <summary>
/// Where the browser goes next: a redirect (GET) to <see cref="Url"/>, or, when <see cref="FormFields"/> is set, an
/// auto-submitting form that POSTs those fields to <see cref="Url"/> (the SAML HTTP-POST binding).
/// </summary>
/// <param name="Url">The absolute URL to redirect or post to.</param>
public sealed record BrowserStep(Uri Url)
{
    /// <summary>The fields to POST; null for a redirect.</summary>
    public ImmutableDictionary<string, string>? FormFields { get; init; }

    /// <summary>Whether the browser must POST a form rather than follow a redirect.</summary>
    public bool IsFormPost => FormFields is not null;

    /// <summary>A redirect to <paramref name="url"/>.</summary>
    /// <param name="url">The absolute URL.</param>
    public static BrowserStep Redirect(Uri url) => new(url);

    /// <summary>A form POST of <paramref name="fields"/> to <paramref name="url"/>.</summary>
    /// <param name="url">The absolute URL.</param>
    /// <param name="fields">The form fields.</param>
    public static BrowserStep Post(Uri url, IEnumerable<KeyValuePair<string, string>> fields) =>
        new(url) { FormFields = fields.ToImmutableDictionary(StringComparer.Ordinal) };
}
