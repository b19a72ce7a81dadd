using System.Text;
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
    public static IEnumerable<XmlElement> Elements(XmlNode root) => Nodes(root).OfType<XmlElement>();

    /// <summary>
    /// Every node under <paramref name="root"/> (not the root itself) in document order, walked with a loop rather than
    /// recursion, so no input can exhaust the stack.
    /// </summary>
    public static IEnumerable<XmlNode> Nodes(XmlNode root)
    {
        var node = root.FirstChild;
        while (node is not null && node != root)
        {
            yield return node;
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

    /// <summary>
    /// The element's whole text (every text node at any depth, comments skipped), so a comment cannot truncate it; read
    /// with <see cref="Nodes"/> instead of the recursive <see cref="XmlNode.InnerText"/>.
    /// </summary>
    public static string Text(XmlElement element)
    {
        if (element.FirstChild is { NextSibling: null, NodeType: XmlNodeType.Text or XmlNodeType.CDATA } only)
        {
            return only.Value!.Trim();
        }

        var text = new StringBuilder();
        foreach (var node in Nodes(element))
        {
            if (node.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                text.Append(node.Value);
            }
        }

        return text.ToString().Trim();
    }

    public static string? Attribute(XmlElement element, string name) => element.HasAttribute(name) ? element.GetAttribute(name) : null;

    /// <summary>
    /// A SAML time attribute, parsed strictly by <see cref="SamlTime"/>; null when absent. The document was checked by
    /// <see cref="SamlTime.FindInvalid"/> first, so an unreadable value here is a programming error, never a silent pass.
    /// </summary>
    public static DateTimeOffset? Time(XmlElement element, string name)
    {
        if (!element.HasAttribute(name))
        {
            return null;
        }

        return SamlTime.TryParse(element.GetAttribute(name), out var value)
            ? value
            : throw new InvalidOperationException($"The time attribute {element.LocalName}/@{name} was read without SamlTime.FindInvalid checking the document first.");
    }
}
