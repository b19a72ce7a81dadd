using System.Globalization;
using System.Xml;

namespace FederationKit.Saml.Validation;

/// <summary>Small readers over the SAML namespaces: direct children only, so nothing is picked up from elsewhere in the document.</summary>
internal static class SamlXml
{
    public static XmlElement? Child(XmlElement parent, string ns, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == localName && e.NamespaceURI == ns);

    public static IEnumerable<XmlElement> Children(XmlElement parent, string ns, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == localName && e.NamespaceURI == ns);

    public static IEnumerable<XmlElement> Descendants(XmlDocument document, string ns, string localName) =>
        Elements(document).Where(e => e.LocalName == localName && e.NamespaceURI == ns);

    private static readonly string[] IdAttributes = ["ID", "Id", "id"];

    /// <summary>
    /// Whether two elements under <paramref name="root"/> carry the same ID (in any of the ID, Id or id attributes that
    /// signature references resolve): such a document is refused before any signature is checked.
    /// </summary>
    public static bool HasDuplicateIds(XmlNode root)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in Elements(root))
        {
            foreach (var name in IdAttributes)
            {
                if (element.HasAttribute(name) && !ids.Add(element.GetAttribute(name)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Every element under <paramref name="root"/> in document order, walked directly (no live node list).</summary>
    public static IEnumerable<XmlElement> Elements(XmlNode root)
    {
        var node = root.FirstChild;
        while (node is not null && node != root)
        {
            if (node is XmlElement element)
            {
                yield return element;
            }

            if (node.FirstChild is { } child)
            {
                node = child;
                continue;
            }

            while (node is not null && node != root && node.NextSibling is null)
            {
                node = node.ParentNode;
            }

            node = node is null || node == root ? null : node.NextSibling;
        }
    }

    /// <summary>The element's whole text (every text node, comments skipped), so a comment cannot truncate it.</summary>
    public static string Text(XmlElement element) => element.InnerText.Trim();

    public static string? Attribute(XmlElement element, string name) => element.HasAttribute(name) ? element.GetAttribute(name) : null;

    public static DateTimeOffset? Time(XmlElement element, string name) =>
        element.HasAttribute(name) && DateTimeOffset.TryParse(element.GetAttribute(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;
}
