using System.Xml;

namespace FederationKit.Saml.Validation;

/// <summary>
/// The orders Canonical XML 1.0 (section 2.2) prescribes: strings compared by Unicode code point (the same order as their
/// UTF-8 octets, which differs from UTF-16 ordinal order only between supplementary characters and U+E000..U+FFFF);
/// namespace declarations by prefix (the default namespace, empty, first); attributes by namespace URI (unqualified, empty,
/// first) and then local name.
/// </summary>
internal static class CanonicalOrder
{
    /// <summary>Compares two strings by Unicode code point.</summary>
    public static int Compare(string a, string b)
    {
        var common = a.AsSpan().CommonPrefixLength(b);
        if (common == a.Length || common == b.Length)
        {
            return a.Length - b.Length;
        }

        int x = a[common], y = b[common];
        if (x >= 0xD800 && y >= 0xD800)
        {
            // Surrogates (D800..DFFF) encode code points above FFFF: move them above E000..FFFF.
            x = x >= 0xE000 ? x - 0x800 : x + 0x2000;
            y = y >= 0xE000 ? y - 0x800 : y + 0x2000;
        }

        return x - y;
    }

    /// <summary>Attribute order: namespace URI, then local name.</summary>
    public static int CompareAttributes(XmlAttribute a, XmlAttribute b)
    {
        var byNamespace = Compare(a.NamespaceURI, b.NamespaceURI);
        return byNamespace != 0 ? byNamespace : Compare(a.LocalName, b.LocalName);
    }
}
