namespace FederationKit.Saml.Validation;

/// <summary>Namespace URI checks for canonicalization.</summary>
internal static class NamespaceUri
{
    /// <summary>
    /// True for a non-empty namespace name without a URI scheme (RFC 3986 section 3.1: a letter, then letters, digits,
    /// '+', '-' or '.', then ':'), i.e. a relative reference. Empty (<c>xmlns=""</c>) is not relative.
    /// </summary>
    public static bool IsRelative(string uri)
    {
        if (uri.Length == 0)
        {
            return false;
        }

        if (!char.IsAsciiLetter(uri[0]))
        {
            return true;
        }

        for (var i = 1; i < uri.Length; i++)
        {
            var c = uri[i];
            if (c == ':')
            {
                return false;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return true;
            }
        }

        return true;
    }
}
