using System.Xml;

namespace FederationKit.Saml.Validation;

/// <summary>
/// The state of one exclusive canonicalization: the namespaces rendered by the output ancestors of the current element
/// (with an undo log so leaving an element restores them) and scratch lists for sorting one element's namespaces and
/// attributes. The tree is walked with first-child / next-sibling / parent links, never recursively.
/// </summary>
internal sealed class ExclusiveCanonicalWalker
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private readonly CanonicalUtf8Writer _writer;
    private readonly XmlElement? _excluded;
    private readonly HashSet<string>? _inclusive;

    // Prefix ("" for the default namespace) -> URI rendered by the nearest output ancestor that rendered that prefix.
    private readonly Dictionary<string, string> _rendered = new(StringComparer.Ordinal);

    // Undo log: (prefix, URI rendered before, or null when none was) in the order they were changed; _marks holds the log's
    // length when each open element started.
    private readonly List<(string Prefix, string? Previous)> _undo = [];
    private int[] _marks = new int[16];
    private int _depth;

    private readonly List<(string Prefix, string Uri)> _namespaces = [];
    private readonly List<XmlAttribute> _attributes = [];

    public ExclusiveCanonicalWalker(CanonicalUtf8Writer writer, XmlElement? excluded, IReadOnlyCollection<string>? inclusivePrefixes)
    {
        _writer = writer;
        _excluded = excluded;
        if (inclusivePrefixes is { Count: > 0 })
        {
            _inclusive = new HashSet<string>(StringComparer.Ordinal);
            foreach (var token in inclusivePrefixes)
            {
                _inclusive.Add(token == ExclusiveCanonicalizer.DefaultPrefixToken ? string.Empty : token);
            }
        }
    }

    /// <summary>
    /// Document node-set: the document element, and the processing instructions before it (each followed by a line feed)
    /// and after it (each preceded by one). Comments, whitespace outside the document element, the XML declaration and a
    /// document type are not rendered.
    /// </summary>
    public bool WriteDocument(XmlDocument document)
    {
        var afterRoot = false;
        for (var child = document.FirstChild; child is not null; child = child.NextSibling)
        {
            switch (child)
            {
                case XmlElement element:
                    if (!ReferenceEquals(element, _excluded) && !WriteSubtree(element))
                    {
                        return false;
                    }

                    afterRoot = true;
                    break;
                case XmlProcessingInstruction instruction:
                    if (afterRoot)
                    {
                        _writer.WriteMarkup((byte)'\n');
                    }

                    WriteProcessingInstruction(instruction);
                    if (!afterRoot)
                    {
                        _writer.WriteMarkup((byte)'\n');
                    }

                    break;
            }
        }

        return true;
    }

    /// <summary>
    /// The element <paramref name="apex"/> and its subtree, minus the excluded element. False (output incomplete) when an
    /// element in it declares or renders a relative namespace URI.
    /// </summary>
    public bool WriteSubtree(XmlElement apex)
    {
        if (ReferenceEquals(apex, _excluded))
        {
            return true;
        }

        if (!StartElement(apex, isApex: true))
        {
            return false;
        }

        XmlNode container = apex;
        var child = apex.FirstChild;
        while (true)
        {
            if (child is not null)
            {
                switch (child.NodeType)
                {
                    case XmlNodeType.Element:
                        if (ReferenceEquals(child, _excluded))
                        {
                            break;
                        }

                        if (!StartElement((XmlElement)child, isApex: false))
                        {
                            return false;
                        }

                        container = child;
                        child = child.FirstChild;
                        continue;
                    case XmlNodeType.EntityReference:
                        // Transparent in the XPath data model (none occur: DTDs are refused before parsing).
                        container = child;
                        child = child.FirstChild;
                        continue;
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        _writer.WriteText(child.Value ?? string.Empty);
                        break;
                    case XmlNodeType.ProcessingInstruction:
                        WriteProcessingInstruction((XmlProcessingInstruction)child);
                        break;
                }

                // Comments (the without-comments variant) and anything else are not rendered.
                child = child.NextSibling;
                continue;
            }

            // No more children: close the container and continue with its next sibling.
            if (container is XmlElement element)
            {
                EndElement(element);
            }

            if (ReferenceEquals(container, apex))
            {
                return true;
            }

            child = container.NextSibling;
            container = container.ParentNode!;
        }
    }

    private void WriteProcessingInstruction(XmlProcessingInstruction instruction)
    {
        _writer.WriteMarkup("<?"u8);
        _writer.WriteRaw(instruction.Target);
        var data = instruction.Data;
        if (data.Length > 0)
        {
            _writer.WriteMarkup((byte)' ');
            _writer.WriteRaw(data);
        }

        _writer.WriteMarkup("?>"u8);
    }

    private bool StartElement(XmlElement element, bool isApex)
    {
        if (_depth == _marks.Length)
        {
            Array.Resize(ref _marks, _marks.Length * 2);
        }

        _marks[_depth++] = _undo.Count;
        _namespaces.Clear();
        _attributes.Clear();

        // The element's own prefix is visibly utilized (the default namespace when it has none; "" means no namespace).
        Consider(element.Prefix, element.NamespaceURI);
        var attributes = element.Attributes;
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            if (attribute.NamespaceURI == XmlnsNamespace)
            {
                if (NamespaceUri.IsRelative(attribute.Value))
                {
                    return false;
                }

                // A declaration on a descendant of the apex changes what is in scope for a PrefixList prefix; in-scope values
                // of PrefixList prefixes at the apex come from all its ancestors (below).
                if (_inclusive is not null && !isApex)
                {
                    var prefix = attribute.Prefix.Length == 0 ? string.Empty : attribute.LocalName;
                    if (_inclusive.Contains(prefix))
                    {
                        Consider(prefix, attribute.Value);
                    }
                }

                continue;
            }

            _attributes.Add(attribute);
            if (attribute.Prefix.Length > 0)
            {
                Consider(attribute.Prefix, attribute.NamespaceURI);
            }
        }

        if (_inclusive is not null && isApex)
        {
            ConsiderInclusiveInScope(element);
        }

        // Declarations on the element itself were checked above; those rendered from the apex's ancestors are checked here.
        if (isApex)
        {
            foreach (var (_, uri) in _namespaces)
            {
                if (NamespaceUri.IsRelative(uri))
                {
                    return false;
                }
            }
        }

        _writer.WriteMarkup((byte)'<');
        _writer.WriteRaw(element.Name);
        if (_namespaces.Count > 1)
        {
            _namespaces.Sort(static (a, b) => CanonicalOrder.Compare(a.Prefix, b.Prefix));
        }

        foreach (var (prefix, uri) in _namespaces)
        {
            if (prefix.Length == 0)
            {
                _writer.WriteMarkup(" xmlns=\""u8);
            }
            else
            {
                _writer.WriteMarkup(" xmlns:"u8);
                _writer.WriteRaw(prefix);
                _writer.WriteMarkup("=\""u8);
            }

            _writer.WriteAttributeValue(uri);
            _writer.WriteMarkup((byte)'"');
        }

        if (_attributes.Count > 1)
        {
            _attributes.Sort(CanonicalOrder.CompareAttributes);
        }

        foreach (var attribute in _attributes)
        {
            _writer.WriteMarkup((byte)' ');
            _writer.WriteRaw(attribute.Name);
            _writer.WriteMarkup("=\""u8);
            _writer.WriteAttributeValue(attribute.Value);
            _writer.WriteMarkup((byte)'"');
        }

        _writer.WriteMarkup((byte)'>');
        return true;
    }

    private void EndElement(XmlElement element)
    {
        _writer.WriteMarkup("</"u8);
        _writer.WriteRaw(element.Name);
        _writer.WriteMarkup((byte)'>');

        var mark = _marks[--_depth];
        for (var i = _undo.Count - 1; i >= mark; i--)
        {
            var (prefix, previous) = _undo[i];
            if (previous is null)
            {
                _rendered.Remove(prefix);
            }
            else
            {
                _rendered[prefix] = previous;
            }
        }

        _undo.RemoveRange(mark, _undo.Count - mark);
    }

    /// <summary>
    /// At the apex, every PrefixList prefix in scope is a candidate (nothing is rendered above the apex): the nearest
    /// declaration of each on the apex or its ancestors, found in one pass up the tree.
    /// </summary>
    private void ConsiderInclusiveInScope(XmlElement apex)
    {
        HashSet<string>? seen = null;
        for (XmlNode? node = apex; node is XmlElement element; node = node.ParentNode)
        {
            var attributes = element.Attributes;
            for (var i = 0; i < attributes.Count; i++)
            {
                var attribute = attributes[i];
                if (attribute.NamespaceURI != XmlnsNamespace)
                {
                    continue;
                }

                var prefix = attribute.Prefix.Length == 0 ? string.Empty : attribute.LocalName;
                if (_inclusive!.Contains(prefix) && (seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(prefix))
                {
                    Consider(prefix, attribute.Value);
                }
            }
        }
    }

    /// <summary>
    /// Renders the namespace <paramref name="prefix"/> = <paramref name="uri"/> on the current element unless the nearest
    /// output ancestor rendered the same (above the apex, the default namespace counts as rendered empty and no prefix is
    /// rendered). The xml prefix is never rendered.
    /// </summary>
    private void Consider(string prefix, string uri)
    {
        if (prefix == "xml" || prefix == "xmlns")
        {
            return;
        }

        string? previous = _rendered.TryGetValue(prefix, out var rendered) ? rendered : null;
        var effective = previous ?? (prefix.Length == 0 ? string.Empty : null);
        if (string.Equals(effective, uri, StringComparison.Ordinal))
        {
            return;
        }

        _namespaces.Add((prefix, uri));
        _undo.Add((prefix, previous));
        _rendered[prefix] = uri;
    }
}
