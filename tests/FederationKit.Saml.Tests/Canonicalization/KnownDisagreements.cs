using System.Xml;

namespace FederationKit.Saml.Tests.Canonicalization;

/// <summary>
/// Where an oracle departs from the specification, written down so each departure is an explicit, checked exception and
/// never a silent skip. The specification decides; our canonicalizer follows it.
/// </summary>
internal static class KnownDisagreements
{
    /// <summary>
    /// Canonical XML 1.0 section 2.2 ("lexicographic comparison ... based on the UCS codepoint values, which is equivalent to
    /// lexicographic ordering based on UTF-8") orders attributes by code point. .NET's XmlDsigExcC14NTransform compares UTF-16
    /// code units (string.CompareOrdinal), which differs when one name has a supplementary character (surrogates D800..DFFF)
    /// where the other has a character in U+E000..U+FFFF at the same position. libxml2 compares UTF-8 octets and agrees with
    /// the specification. True when <paramref name="node"/>'s subtree has an element whose attributes the two orders sort
    /// differently.
    /// </summary>
    public static bool AttributeOrderByUtf16Differs(XmlNode node)
    {
        var root = node is XmlDocument document ? document.DocumentElement! : (XmlElement)node;
        var stack = new Stack<XmlElement>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            var attributes = element.Attributes.Cast<XmlAttribute>().Where(a => a.NamespaceURI != "http://www.w3.org/2000/xmlns/").ToList();
            var byCodePoint = attributes.OrderBy(a => a, Comparer<XmlAttribute>.Create(FederationKit.Saml.Validation.CanonicalOrder.CompareAttributes)).ToList();
            var byUtf16 = attributes.OrderBy(a => a.NamespaceURI, StringComparer.Ordinal).ThenBy(a => a.LocalName, StringComparer.Ordinal).ToList();
            if (!byCodePoint.SequenceEqual(byUtf16))
            {
                return true;
            }

            foreach (var child in element.ChildNodes.OfType<XmlElement>())
            {
                stack.Push(child);
            }
        }

        return false;
    }

    /// <summary>
    /// The two outputs hold the same octets in another order (what an attribute order difference, and nothing else,
    /// produces): used together with <see cref="AttributeOrderByUtf16Differs"/> and a libxml2 cross-check.
    /// </summary>
    public static bool SameOctetsReordered(byte[] ours, byte[] theirs) =>
        ours.Length == theirs.Length && ours.Order().SequenceEqual(theirs.Order());

    /// <summary>
    /// Canonical XML 1.0 section 2.1 requires an implementation to report failure on documents with relative namespace URIs
    /// (the XML Plenary decision); ours refuses (false from Canonicalize) when an output element declares or renders one,
    /// and so does libxml2, but .NET's XmlDsigExcC14NTransform renders them as they are. True when an element of
    /// <paramref name="node"/>'s subtree declares a relative namespace URI, or the apex has one in scope.
    /// </summary>
    public static bool HasRelativeNamespace(XmlNode node)
    {
        var root = node is XmlDocument document ? document.DocumentElement! : (XmlElement)node;
        return Declarations(root, withAncestors: true).Any(FederationKit.Saml.Validation.NamespaceUri.IsRelative);
    }

    /// <summary>
    /// libxml2 (2.9) parses every namespace URI of the node-set with its URI parser and refuses to canonicalize ("C14N error :
    /// Internal error : parsing namespace uri") when that fails: namespace names with non-ASCII characters (IRIs, allowed by
    /// Namespaces in XML 1.1 and not refused by C14N 1.0), or with whitespace, '"', '&lt;' or '&gt;'. C14N 1.0 asks for failure
    /// only on relative namespace URIs (section 2.1); ours and .NET render these. True when <paramref name="document"/>
    /// declares such a namespace and xmllint's error output is exactly that refusal (or its relative-namespace refusal).
    /// </summary>
    public static bool XmllintRefuses(XmlDocument document, string errors)
    {
        var declarations = Declarations(document.DocumentElement!, withAncestors: false).ToList();
        var unparsable = declarations.Any(v => v.Any(c => c > '~' || c <= ' ' || c is '"' or '<' or '>'));
        var relative = declarations.Any(FederationKit.Saml.Validation.NamespaceUri.IsRelative);
        return (unparsable && errors.Contains("C14N error : Internal error : parsing namespace uri", StringComparison.Ordinal))
            || (relative && errors.Contains("Relative namespace UR is invalid here", StringComparison.Ordinal));
    }

    /// <summary>
    /// Canonical XML 1.0 section 2.3 ("Namespace Nodes"): a rendered namespace node is processed as an attribute node, so
    /// '&amp;' in a namespace URI is written as <c>&amp;amp;</c> (ours and .NET do). libxml2 (2.9) writes namespace URIs without
    /// escaping. True when <paramref name="theirs"/> equals <paramref name="ours"/> with exactly that escaping undone in the
    /// values of namespace declarations (the other escapes cannot occur: libxml2 refuses such URIs, see XmllintRefuses).
    /// </summary>
    public static bool XmllintUnescapedNamespaceUri(byte[] ours, byte[] theirs)
    {
        var text = System.Text.Encoding.UTF8.GetString(ours);
        var unescaped = System.Text.RegularExpressions.Regex.Replace(text, " xmlns(:[^=]+)?=\"([^\"]*)\"", m => m.Value.Replace("&amp;", "&", StringComparison.Ordinal));
        return unescaped != text && System.Text.Encoding.UTF8.GetBytes(unescaped).AsSpan().SequenceEqual(theirs);
    }

    /// <summary>
    /// Exclusive XML Canonicalization 1.0 (section 3, motivated in section 1.1) does not import the <c>xml:*</c> attributes of
    /// ancestors into the canonicalized subtree. XmlDsigExcC14NTransform follows that (our differential tests agree byte for
    /// byte), but SignedXml, for a same-document reference, copies the referenced element's ancestors' <c>xml:*</c>
    /// attributes onto it before the transform: its DigestValue equals the transform's output over the element with the
    /// ancestor's xml:lang added. So a signature SignedXml makes over an element under an <c>xml:lang</c>/<c>xml:space</c>
    /// ancestor does not verify with ours (nor xmlsec1), and SignedXml refuses a valid one made by xmlsec1. Pinned in
    /// SignatureChainTests (Digest_SignedXmlSignatureUnderXmlLangAncestor_DiffersAsDocumented and
    /// DigestAndSignedInfo_SignedByXmlsec1WithPrefixLists_Verify) so a change in .NET is noticed.
    /// </summary>
    public const string SignedXmlInheritsXmlAttributes = "Exc-C14N 1.0 section 3: xml:* attributes are not inherited";

    /// <summary>The values of the namespace declarations (xmlns attributes, which XPath's attribute axis does not list).</summary>
    private static IEnumerable<string> Declarations(XmlElement root, bool withAncestors)
    {
        var elements = new[] { root }.Concat(root.GetElementsByTagName("*").Cast<XmlElement>());
        if (withAncestors)
        {
            for (var parent = root.ParentNode as XmlElement; parent is not null; parent = parent.ParentNode as XmlElement)
            {
                elements = elements.Append(parent);
            }
        }

        return elements.SelectMany(e => e.Attributes.Cast<XmlAttribute>()).Where(a => a.NamespaceURI == "http://www.w3.org/2000/xmlns/").Select(a => a.Value);
    }
}
