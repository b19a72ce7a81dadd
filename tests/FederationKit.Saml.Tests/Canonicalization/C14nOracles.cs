using System.Buffers;
using System.Diagnostics;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using FederationKit.Saml.Validation;

namespace FederationKit.Saml.Tests.Canonicalization;

/// <summary>
/// The canonicalizer under test and its two oracles: .NET's <see cref="XmlDsigExcC14NTransform"/> (the implementation
/// SignedXml signs and verifies with) and libxml2's <c>xmllint --exc-c14n</c>.
/// </summary>
internal static class C14nOracles
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    /// <summary>Ours, over an element or a document, into an array; null when refused (relative namespace URI).</summary>
    public static byte[]? Ours(XmlNode node, string? prefixList = null, XmlElement? excluded = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var complete = ExclusiveCanonicalizer.Canonicalize(node, buffer, excluded, prefixList is null ? null : ExclusiveCanonicalizer.ParsePrefixList(prefixList));
        return complete ? buffer.WrittenSpan.ToArray() : null;
    }

    /// <summary>
    /// .NET's transform. A document is canonicalized as is; an element as SignedXml digests a same-document reference: the
    /// element copied into a document of its own, with the namespace declarations in scope from its ancestors added to it.
    /// </summary>
    public static byte[] DotNet(XmlNode node, string? prefixList = null)
    {
        var transform = prefixList is null ? new XmlDsigExcC14NTransform(false) : new XmlDsigExcC14NTransform(false, prefixList);
        transform.LoadInput(node is XmlDocument document ? document : Detach((XmlElement)node));
        using var output = (Stream)transform.GetOutput(typeof(Stream));
        using var copy = new MemoryStream();
        output.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The element alone in a new document, with every namespace declaration in scope from its ancestors.</summary>
    public static XmlDocument Detach(XmlElement element)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        var copy = (XmlElement)document.ImportNode(element, true);
        document.AppendChild(copy);
        for (var ancestor = element.ParentNode as XmlElement; ancestor is not null; ancestor = ancestor.ParentNode as XmlElement)
        {
            foreach (XmlAttribute attribute in ancestor.Attributes)
            {
                if (attribute.NamespaceURI == XmlnsNamespace && !copy.HasAttribute(attribute.Name))
                {
                    copy.SetAttributeNode((XmlAttribute)document.ImportNode(attribute, true));
                }
            }
        }

        return document;
    }

    public static string Show(byte[]? octets) => octets is null ? "(refused)" : Encoding.UTF8.GetString(octets);

    /// <summary>Whether xmllint (Debian's libxml2-utils, scripts/setup.d/32-libxml2.sh) is installed.</summary>
    public static bool HasXmllint => File.Exists("/usr/bin/xmllint");

    /// <summary>
    /// libxml2's exclusive canonical form of each file (whole documents). xmllint keeps comments (<c>--exc-c14n</c> is the
    /// with-comments variant), so callers pass documents without comments. Runs up to two xmllint processes at a time.
    /// </summary>
    public static (byte[]? Output, string Errors)[] Xmllint(IReadOnlyList<string> files)
    {
        var results = new (byte[]?, string)[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var start = new ProcessStartInfo("/usr/bin/xmllint") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("--exc-c14n");
            start.ArgumentList.Add("--nonet");
            start.ArgumentList.Add(files[i]);
            using var process = Process.Start(start)!;
            using var output = new MemoryStream();
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.BaseStream.CopyTo(output);
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
            }

            results[i] = (process.ExitCode == 0 ? output.ToArray() : null, error.Result);
        });
        return results;
    }

    /// <summary>The document with every comment removed (what xmllint's with-comments form is compared against).</summary>
    public static string WithoutComments(string xml)
    {
        var document = Load(xml);
        foreach (var comment in document.SelectNodes("//comment() | /comment()")!.Cast<XmlNode>().Concat(document.ChildNodes.OfType<XmlDeclaration>()).ToList())
        {
            comment.ParentNode!.RemoveChild(comment);
        }

        // Serialize without reformatting and without the XML declaration writer adding anything.
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Encoding = new UTF8Encoding(false), NewLineHandling = NewLineHandling.Entitize };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            document.Save(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Loads as SamlDocumentReader does: through XmlReader.Create, which normalizes line ends and attribute values as the
    /// XML specification requires (XmlDocument.LoadXml uses an XmlTextReader without normalization and keeps a literal CR).
    /// </summary>
    public static XmlDocument Load(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = false, IgnoreProcessingInstructions = false };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        document.Load(reader);
        return document;
    }

    /// <summary>Writes a document that showed a mismatch to bin/…/c14n-mismatches and returns its path.</summary>
    public static string SaveMismatch(string name, string xml, byte[]? ours = null, byte[]? theirs = null)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "c14n-mismatches");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".xml");
        File.WriteAllText(path, xml, new UTF8Encoding(false));
        if (ours is not null && theirs is not null)
        {
            File.WriteAllBytes(Path.Combine(directory, name + ".ours.c14n"), ours);
            File.WriteAllBytes(Path.Combine(directory, name + ".oracle.c14n"), theirs);
        }

        return path;
    }
}
