using System.Xml;

namespace FederationKit.Saml.Validation;

/// <summary>
/// The parts of one enveloped <c>ds:Signature</c> that verification uses, read strictly against the XML Signature schema
/// (section 4): <c>Signature</c> holds <c>SignedInfo</c>, <c>SignatureValue</c>, an optional <c>KeyInfo</c> (never read)
/// and <c>Object</c>s, in that order; <c>SignedInfo</c> holds <c>CanonicalizationMethod</c>, <c>SignatureMethod</c> and
/// exactly one <c>Reference</c>; a <c>Reference</c> holds <c>Transforms</c>, <c>DigestMethod</c> and <c>DigestValue</c>.
/// Only whitespace may stand between these elements, no element carries an attribute the schema does not define, the
/// method elements carry no content except one <c>ec:InclusiveNamespaces</c> on exclusive canonicalization, and both
/// values are base64 text (whitespace allowed, nothing else). Anything else is unreadable, so nothing in the signature
/// can mean one thing to us and another to the signer.
/// </summary>
internal sealed class EnvelopedSignature
{
    private static readonly string[] IdOnly = ["Id"];
    private static readonly string[] AlgorithmOnly = ["Algorithm"];
    private static readonly string[] ReferenceAttributes = ["Id", "URI", "Type"];
    private static readonly string[] PrefixListOnly = ["PrefixList"];

    private EnvelopedSignature(XmlElement signedInfo, string[]? signedInfoPrefixes, string signatureMethod, string digestMethod, string[]? referencePrefixes, byte[] digestValue, byte[] signatureValue)
    {
        SignedInfo = signedInfo;
        SignedInfoPrefixes = signedInfoPrefixes;
        SignatureMethod = signatureMethod;
        DigestMethod = digestMethod;
        ReferencePrefixes = referencePrefixes;
        DigestValue = digestValue;
        SignatureValue = signatureValue;
    }

    /// <summary>The <c>SignedInfo</c> element, canonicalized in place for the signature.</summary>
    public XmlElement SignedInfo { get; }

    /// <summary>The PrefixList of the <c>CanonicalizationMethod</c>'s InclusiveNamespaces, or null.</summary>
    public string[]? SignedInfoPrefixes { get; }

    /// <summary>The <c>SignatureMethod</c> algorithm URI.</summary>
    public string SignatureMethod { get; }

    /// <summary>The Reference's <c>DigestMethod</c> algorithm URI.</summary>
    public string DigestMethod { get; }

    /// <summary>The PrefixList of the exclusive canonicalization transform's InclusiveNamespaces, or null.</summary>
    public string[]? ReferencePrefixes { get; }

    /// <summary>The decoded <c>DigestValue</c>.</summary>
    public byte[] DigestValue { get; }

    /// <summary>The decoded <c>SignatureValue</c>.</summary>
    public byte[] SignatureValue { get; }

    /// <summary>
    /// Reads <paramref name="signature"/> strictly. The caller has already required exactly one Reference with the
    /// transforms enveloped-signature then exclusive canonicalization; this checks the rest of the shape.
    /// </summary>
    /// <returns>The parts, or null when the signature is not shaped as the schema requires.</returns>
    public static EnvelopedSignature? Read(XmlElement signature)
    {
        if (!OnlyAttributes(signature, IdOnly))
        {
            return null;
        }

        var children = new ElementCursor(signature);
        var signedInfo = children.Next("SignedInfo");
        var signatureValueElement = children.Next("SignatureValue");
        if (signedInfo is null || signatureValueElement is null || !OnlyAttributes(signedInfo, IdOnly) || !OnlyAttributes(signatureValueElement, IdOnly))
        {
            return null;
        }

        // KeyInfo and Object are never read; they may only follow, in schema order.
        children.Next("KeyInfo");
        while (children.Next("Object") is not null)
        {
        }

        if (!children.AtEnd)
        {
            return null;
        }

        var parts = new ElementCursor(signedInfo);
        var canonicalization = parts.Next("CanonicalizationMethod");
        var signatureMethod = parts.Next("SignatureMethod");
        var reference = parts.Next("Reference");
        if (canonicalization is null || signatureMethod is null || reference is null || !parts.AtEnd
            || !ReadExclusiveC14N(canonicalization, out var signedInfoPrefixes)
            || !IsEmptyMethod(signatureMethod)
            || !OnlyAttributes(reference, ReferenceAttributes))
        {
            return null;
        }

        var referenceParts = new ElementCursor(reference);
        var transforms = referenceParts.Next("Transforms");
        var digestMethod = referenceParts.Next("DigestMethod");
        var digestValueElement = referenceParts.Next("DigestValue");
        if (transforms is null || digestMethod is null || digestValueElement is null || !referenceParts.AtEnd
            || !IsEmptyMethod(digestMethod) || !OnlyAttributes(transforms, []) || !OnlyAttributes(digestValueElement, []))
        {
            return null;
        }

        var transformList = new ElementCursor(transforms);
        var enveloped = transformList.Next("Transform");
        var exclusive = transformList.Next("Transform");
        if (enveloped is null || exclusive is null || !transformList.AtEnd
            || enveloped.GetAttribute("Algorithm") != SamlNames.EnvelopedSignature || !IsEmptyMethod(enveloped)
            || !ReadExclusiveC14N(exclusive, out var referencePrefixes))
        {
            return null;
        }

        var digestValue = Base64(digestValueElement);
        var signatureValue = Base64(signatureValueElement);
        if (digestValue is null || signatureValue is null)
        {
            return null;
        }

        return new EnvelopedSignature(signedInfo, signedInfoPrefixes, signatureMethod.GetAttribute("Algorithm"), digestMethod.GetAttribute("Algorithm"), referencePrefixes, digestValue, signatureValue);
    }

    /// <summary>
    /// An exclusive canonicalization method or transform: the Algorithm attribute only, and at most one
    /// <c>ec:InclusiveNamespaces</c> carrying only a PrefixList.
    /// </summary>
    private static bool ReadExclusiveC14N(XmlElement method, out string[]? prefixes)
    {
        prefixes = null;
        if (!OnlyAttributes(method, AlgorithmOnly) || method.GetAttribute("Algorithm") != ExclusiveCanonicalizer.Algorithm)
        {
            return false;
        }

        var children = new ElementCursor(method, ExclusiveCanonicalizer.Algorithm);
        var inclusive = children.Next("InclusiveNamespaces");
        if (!children.AtEnd)
        {
            return false;
        }

        if (inclusive is null)
        {
            return true;
        }

        if (!OnlyAttributes(inclusive, PrefixListOnly) || !inclusive.HasAttribute("PrefixList") || new ElementCursor(inclusive).HasContent)
        {
            return false;
        }

        prefixes = ExclusiveCanonicalizer.ParsePrefixList(inclusive.GetAttribute("PrefixList"));
        return true;
    }

    /// <summary>An Algorithm attribute and no content (whitespace aside).</summary>
    private static bool IsEmptyMethod(XmlElement method) =>
        OnlyAttributes(method, AlgorithmOnly) && method.HasAttribute("Algorithm") && !new ElementCursor(method).HasContent;

    /// <summary>True when every attribute of <paramref name="element"/> other than a namespace declaration is unqualified and in <paramref name="allowed"/>.</summary>
    private static bool OnlyAttributes(XmlElement element, string[] allowed)
    {
        var attributes = element.Attributes;
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            if (attribute.NamespaceURI == "http://www.w3.org/2000/xmlns/")
            {
                continue;
            }

            if (attribute.NamespaceURI.Length != 0 || Array.IndexOf(allowed, attribute.LocalName) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The base64 text content of a value element (text nodes only; whitespace allowed anywhere), or null.</summary>
    private static byte[]? Base64(XmlElement element)
    {
        string text;
        if (element.FirstChild is null)
        {
            text = string.Empty;
        }
        else if (element.FirstChild == element.LastChild && IsText(element.FirstChild))
        {
            text = element.FirstChild.Value ?? string.Empty;
        }
        else
        {
            var builder = new System.Text.StringBuilder();
            for (var child = element.FirstChild; child is not null; child = child.NextSibling)
            {
                if (!IsText(child))
                {
                    return null;
                }

                builder.Append(child.Value);
            }

            text = builder.ToString();
        }

        // Convert skips exactly the XML whitespace characters (space, tab, CR, LF) and refuses everything else that is not base64.
        var buffer = new byte[(text.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written == 0)
        {
            return null;
        }

        return written == buffer.Length ? buffer : buffer.AsSpan(0, written).ToArray();
    }

    private static bool IsText(XmlNode node) => node.NodeType is XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace;

    /// <summary>
    /// Walks the children of an element in order: each <see cref="Next"/> returns the next child if it is the named element
    /// of the expected namespace, skipping whitespace; anything else (text, comments, other elements) stops the walk.
    /// </summary>
    private struct ElementCursor(XmlElement parent, string namespaceUri = SamlNames.XmlDsig)
    {
        private XmlNode? _current = SkipWhitespace(parent.FirstChild);

        /// <summary>True when only whitespace remains.</summary>
        public readonly bool AtEnd => _current is null;

        /// <summary>True when the element has anything but whitespace inside.</summary>
        public readonly bool HasContent => _current is not null;

        public XmlElement? Next(string localName)
        {
            if (_current is XmlElement element && element.LocalName == localName && element.NamespaceURI == namespaceUri)
            {
                _current = SkipWhitespace(element.NextSibling);
                return element;
            }

            return null;
        }

        private static XmlNode? SkipWhitespace(XmlNode? node)
        {
            while (node is not null && (node.NodeType is XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace
                || (node.NodeType == XmlNodeType.Text && IsXmlWhitespace(node.Value))))
            {
                node = node.NextSibling;
            }

            return node;
        }

        private static bool IsXmlWhitespace(string? value) => value is null || value.AsSpan().IndexOfAnyExcept(" \t\r\n") < 0;
    }
}
