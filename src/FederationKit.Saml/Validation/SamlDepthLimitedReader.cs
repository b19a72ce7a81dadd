using System.Xml;
using System.Xml.Schema;

namespace FederationKit.Saml.Validation;

/// <summary>
/// Passes an <see cref="XmlReader"/> through unchanged, but stops at the first element nested deeper than
/// <see cref="MaxDepth"/> levels: the DOM is never built for such a document, so nothing can later walk it recursively
/// (XmlNode.InnerText, XML canonicalization and ImportNode all recurse once per level).
/// </summary>
internal sealed class SamlDepthLimitedReader(XmlReader inner) : XmlReader
{
    /// <summary>The most element levels a document may nest (the root is level 1); SAML messages and metadata use about ten.</summary>
    public const int MaxDepth = 64;

    /// <summary>Whether reading stopped because an element was nested too deep.</summary>
    public bool TooDeep { get; private set; }

    public override int AttributeCount => inner.AttributeCount;

    public override string BaseURI => inner.BaseURI;

    public override int Depth => inner.Depth;

    public override bool EOF => inner.EOF;

    public override bool HasValue => inner.HasValue;

    public override bool IsDefault => inner.IsDefault;

    public override bool IsEmptyElement => inner.IsEmptyElement;

    public override string LocalName => inner.LocalName;

    public override string Name => inner.Name;

    public override string NamespaceURI => inner.NamespaceURI;

    public override XmlNameTable NameTable => inner.NameTable;

    public override XmlNodeType NodeType => inner.NodeType;

    public override string Prefix => inner.Prefix;

    public override char QuoteChar => inner.QuoteChar;

    public override ReadState ReadState => inner.ReadState;

    public override IXmlSchemaInfo? SchemaInfo => inner.SchemaInfo;

    public override XmlReaderSettings? Settings => inner.Settings;

    public override string Value => inner.Value;

    public override Type ValueType => inner.ValueType;

    public override string XmlLang => inner.XmlLang;

    public override XmlSpace XmlSpace => inner.XmlSpace;

    public override bool CanResolveEntity => inner.CanResolveEntity;

    public override bool Read()
    {
        if (!inner.Read())
        {
            return false;
        }

        if (inner.NodeType == XmlNodeType.Element && inner.Depth >= MaxDepth)
        {
            TooDeep = true;
            throw new XmlException($"Elements are nested more than {MaxDepth} levels deep.");
        }

        return true;
    }

    public override string GetAttribute(int i) => inner.GetAttribute(i);

    public override string? GetAttribute(string name) => inner.GetAttribute(name);

    public override string? GetAttribute(string name, string? namespaceURI) => inner.GetAttribute(name, namespaceURI);

    public override string? LookupNamespace(string prefix) => inner.LookupNamespace(prefix);

    public override void MoveToAttribute(int i) => inner.MoveToAttribute(i);

    public override bool MoveToAttribute(string name) => inner.MoveToAttribute(name);

    public override bool MoveToAttribute(string name, string? ns) => inner.MoveToAttribute(name, ns);

    public override bool MoveToElement() => inner.MoveToElement();

    public override bool MoveToFirstAttribute() => inner.MoveToFirstAttribute();

    public override bool MoveToNextAttribute() => inner.MoveToNextAttribute();

    public override bool ReadAttributeValue() => inner.ReadAttributeValue();

    public override void ResolveEntity() => inner.ResolveEntity();

    public override void Close() => inner.Close();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
