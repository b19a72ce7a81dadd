namespace FederationKit.SignIn.Flow;

/// <summary>
/// Return URLs are local paths only, so a sign-in can never be turned into an open redirect: a path that starts with one
/// <c>/</c>, not <c>//</c> or <c>/\</c>, without control characters or backslashes, at most 2,048 characters, in printable
/// ASCII only (a URL's other characters are percent-encoded; a raw one cannot go into a <c>Location</c> header, where
/// Kestrel refuses it and the redirect after a completed sign-in would fail).
/// </summary>
public static class SignInReturnUrl
{
    /// <summary>The longest return URL accepted.</summary>
    public const int MaximumLength = 2048;

    /// <summary>Whether <paramref name="url"/> is a local path that is safe to redirect to.</summary>
    /// <param name="url">The candidate.</param>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaximumLength || url[0] != '/')
        {
            return false;
        }

        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return false;
        }

        foreach (var c in url)
        {
            if (c == '\\' || char.IsControl(c) || c > '\u007e')
            {
                return false;
            }
        }

        return true;
    }
}
