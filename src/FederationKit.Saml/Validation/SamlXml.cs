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
        document.GetElementsByTagName(localName, ns).OfType<XmlElement>();

    /// <summary>The element's whole text (every text node, comments skipped), so a comment cannot truncate it.</summary>
    public static string Text(XmlElement element) => element.InnerText.Trim();

    public static string? Attribute(XmlElement element, string name) => element.HasAttribute(name) ? element.GetAttribute(name) : null;

    public static DateTimeOffset? Time(XmlElement element, string name) =>
        element.HasAttribute(name) && DateTimeOffset.TryParse(element.GetAttribute(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;
}
