using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using FederationKit.Saml.Validation;
using NUnit.Framework;

namespace FederationKit.Saml.Tests.Canonicalization;

/// <summary>Each rule of Exclusive XML Canonicalization 1.0 on a small document, with the exact expected octets.</summary>
[TestFixture]
public sealed class ExclusiveCanonicalizerTests
{
    [Test]
    public void Canonicalize_EnvelopedSignature_IsLeftOutWithItsSubtreeOnly()
    {
        var document = C14nOracles.Load("""<r ID="1"><i>x</i><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature> <b/></r>""");
        var signature = (XmlElement)document.DocumentElement!.ChildNodes[1]!;

        Assert.That(Canonical(document.DocumentElement, excluded: signature), Is.EqualTo("""<r ID="1"><i>x</i> <b></b></r>"""));
    }

    [Test]
    public void Canonicalize_NamespacesNotVisiblyUtilized_AreNotRendered()
    {
        var document = C14nOracles.Load("""<a:r xmlns:a="urn:a" xmlns:b="urn:b" xmlns:c="urn:c" xmlns:unused="urn:u"><b:x c:y="1"/><z/></a:r>""");

        Assert.That(Canonical(document), Is.EqualTo("""<a:r xmlns:a="urn:a"><b:x xmlns:b="urn:b" xmlns:c="urn:c" c:y="1"></b:x><z></z></a:r>"""));
        Assert.That(Canonical(document.DocumentElement!.FirstChild!), Is.EqualTo("""<b:x xmlns:b="urn:b" xmlns:c="urn:c" c:y="1"></b:x>"""));
    }

    [Test]
    public void Canonicalize_PrefixRenderedByAncestor_IsRenderedAgainOnlyWhenRedeclaredWithAnotherUri()
    {
        var document = C14nOracles.Load("""<a:r xmlns:a="urn:a"><a:x xmlns:a="urn:a"><a:y xmlns:a="urn:a2"><a:z/></a:y></a:x></a:r>""");

        Assert.That(Canonical(document), Is.EqualTo("""<a:r xmlns:a="urn:a"><a:x><a:y xmlns:a="urn:a2"><a:z></a:z></a:y></a:x></a:r>"""));
    }

    [Test]
    public void Canonicalize_EmptyDefaultNamespace_RendersXmlnsEmptyOnlyBelowANonEmptyRenderedDefault()
    {
        var document = C14nOracles.Load("""<r xmlns="urn:d"><x xmlns=""><y/></x></r>""");
        var prefixed = C14nOracles.Load("""<p:r xmlns:p="urn:p" xmlns="urn:d"><x xmlns=""/></p:r>""");

        Assert.That(Canonical(document), Is.EqualTo("""<r xmlns="urn:d"><x xmlns=""><y></y></x></r>"""));
        Assert.That(Canonical(document.DocumentElement!.FirstChild!), Is.EqualTo("<x><y></y></x>"));
        Assert.That(Canonical(prefixed), Is.EqualTo("""<p:r xmlns:p="urn:p"><x></x></p:r>"""));
    }

    [Test]
    public void Canonicalize_PrefixList_RendersInScopePrefixesAndDefaultFromAncestors()
    {
        var document = C14nOracles.Load("""<r xmlns="urn:d" xmlns:u="urn:u" xmlns:v="urn:v"><p:x xmlns:p="urn:p"><p:y xmlns:u="urn:u"/><p:y xmlns:u="urn:u2"/></p:x></r>""");
        var x = document.DocumentElement!.FirstChild!;

        Assert.That(Canonical(x, prefixList: " #default\tu unbound "), Is.EqualTo("""<p:x xmlns="urn:d" xmlns:p="urn:p" xmlns:u="urn:u"><p:y></p:y><p:y xmlns:u="urn:u2"></p:y></p:x>"""));
        Assert.That(Canonical(x), Is.EqualTo("""<p:x xmlns:p="urn:p"><p:y></p:y><p:y></p:y></p:x>"""));
    }

    [Test]
    public void Canonicalize_XmlAttributesOfAncestors_AreNotInherited()
    {
        var document = C14nOracles.Load("""<r xml:lang="en" xml:space="preserve"><x xml:lang="de"/><y/></r>""");

        Assert.That(Canonical(document.DocumentElement!.ChildNodes[0]!), Is.EqualTo("""<x xml:lang="de"></x>"""));
        Assert.That(Canonical(document.DocumentElement!.ChildNodes[1]!), Is.EqualTo("<y></y>"));
    }

    [Test]
    public void Canonicalize_Attributes_SortedByNamespaceUriThenLocalNameUnqualifiedFirst()
    {
        var document = C14nOracles.Load("""<r xmlns:b="urn:b" xmlns:a="urn:c" b:z="1" a:z="2" z="3" a="4" b:a="5" xml:lang="x"/>""");

        Assert.That(Canonical(document), Is.EqualTo("""<r xmlns:a="urn:c" xmlns:b="urn:b" a="4" z="3" xml:lang="x" b:a="5" b:z="1" a:z="2"></r>"""));
    }

    [Test]
    public void Canonicalize_Attributes_SortedByCodePointNotUtf16CodeUnit()
    {
        // U+1F600 (surrogates D83D DE00) sorts after U+FB01 by code point (C14N 1.0 section 2.2), before it by UTF-16 unit.
        var document = C14nOracles.Load("<r xmlns:s=\"urn:x:\U0001F600\" xmlns:t=\"urn:x:\uFB01\" s:a=\"1\" t:a=\"2\"/>");

        Assert.That(Canonical(document), Is.EqualTo("<r xmlns:s=\"urn:x:\U0001F600\" xmlns:t=\"urn:x:\uFB01\" t:a=\"2\" s:a=\"1\"></r>"));
        Assert.That(C14nOracles.Show(C14nOracles.DotNet(document)), Is.EqualTo("<r xmlns:s=\"urn:x:\U0001F600\" xmlns:t=\"urn:x:\uFB01\" s:a=\"1\" t:a=\"2\"></r>"), "the documented .NET exception");
    }

    [Test]
    public void Canonicalize_SpecialCharacters_EscapedAsCanonicalXmlRequires()
    {
        var document = C14nOracles.Load("<r v=\"&amp;&lt;&gt;&quot;'&#9;&#10;&#13;\t \u00E9\" xmlns:p=\"urn:x?a=1&amp;b=&quot;2&quot;\" p:w=\"\">&amp;&lt;&gt;\"'&#13;\t\r\n&#x1F600;<![CDATA[<&>\r]]></r>");

        Assert.That(Canonical(document), Is.EqualTo("<r xmlns:p=\"urn:x?a=1&amp;b=&quot;2&quot;\" v=\"&amp;&lt;>&quot;'&#x9;&#xA;&#xD;  \u00E9\" p:w=\"\">&amp;&lt;&gt;\"'&#xD;\t\n\U0001F600&lt;&amp;&gt;\n</r>"));
    }

    [Test]
    public void Canonicalize_CommentsAndProcessingInstructions_CommentsDroppedInstructionsKept()
    {
        var document = C14nOracles.Load("<r><!--c--><?p  d ?>t<!--\n--><?q?></r>");

        Assert.That(Canonical(document), Is.EqualTo("<r><?p d ?>t<?q?></r>"));
    }

    [Test]
    public void Canonicalize_Document_DropsOutsideWhitespaceAndCommentsAndSeparatesInstructionsWithLineFeeds()
    {
        var document = C14nOracles.Load("<?a?>\n<!--c-->\r\n<?a2 x?> <r/>\n<?b x?>\n<!--d--><?b2?>\n");

        Assert.That(Canonical(document), Is.EqualTo("<?a?>\n<?a2 x?>\n<r></r>\n<?b x?>\n<?b2?>"));
    }

    [Test]
    public void Canonicalize_RelativeNamespaceUri_IsRefused()
    {
        var document = C14nOracles.Load("""<r xmlns:p="rel/x"><p:x/><x/></r>""");

        Assert.That(C14nOracles.Ours(document), Is.Null);
        Assert.That(C14nOracles.Ours(document.DocumentElement!.FirstChild!), Is.Null, "rendered from an ancestor");
        Assert.That(Canonical(document.DocumentElement!.LastChild!), Is.EqualTo("<x></x>"), "declared on an ancestor and not rendered");
        Assert.That(ExclusiveCanonicalizer.TryComputeHash(document, HashAlgorithmName.SHA256, out var digest), Is.False);
        Assert.That(digest, Is.Null);
    }

    [Test]
    public void Canonicalize_VeryDeepDocument_IsWalkedWithoutRecursion()
    {
        const int Depth = 100_000;
        // Far deeper than SamlDocumentReader allows (64), so a recursive walk would exhaust the stack.
        var document = C14nOracles.Load(string.Concat(Enumerable.Repeat("<e>", Depth)) + string.Concat(Enumerable.Repeat("</e>", Depth)));

        var output = Canonical(document);

        Assert.That(output, Has.Length.EqualTo(Depth * "<e></e>".Length));
        Assert.That(output, Does.StartWith("<e><e>").And.EndWith("</e></e>"));
    }

    [Test]
    public void Canonicalize_LargeMultibyteText_EqualAcrossSinksAndToTheTransform()
    {
        // Longer than the 8 KB buffer, with 2-, 3- and 4-byte UTF-8 sequences and escapes straddling buffer boundaries.
        var text = string.Concat(Enumerable.Range(0, 3000).Select(i => (i % 4) switch { 0 => "é&", 1 => "日<", 2 => "\U0001F600>", _ => "a\r" }));
        var document = C14nOracles.Load("<r a=\"" + System.Security.SecurityElement.Escape(text).Replace("\r", "&#13;", StringComparison.Ordinal) + "\">" + System.Security.SecurityElement.Escape(text).Replace("\r", "&#13;", StringComparison.Ordinal) + "</r>");
        var buffer = new ArrayBufferWriter<byte>();
        using var stream = new MemoryStream();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        Assert.That(ExclusiveCanonicalizer.Canonicalize(document, buffer), Is.True);
        Assert.That(ExclusiveCanonicalizer.Canonicalize(document, stream), Is.True);
        Assert.That(ExclusiveCanonicalizer.Canonicalize(document, hash), Is.True);

        var expected = C14nOracles.DotNet(document);
        Assert.That(buffer.WrittenSpan.ToArray(), Is.EqualTo(expected));
        Assert.That(stream.ToArray(), Is.EqualTo(expected));
        Assert.That(hash.GetHashAndReset(), Is.EqualTo(SHA256.HashData(expected)));
    }

    [Test]
    public void ParsePrefixList_WhitespaceSeparatedTokens_Split()
    {
        Assert.That(ExclusiveCanonicalizer.ParsePrefixList("  #default\txs\r\n ds "), Is.EqualTo(new[] { "#default", "xs", "ds" }));
        Assert.That(ExclusiveCanonicalizer.ParsePrefixList(null), Is.Empty);
        Assert.That(ExclusiveCanonicalizer.ParsePrefixList(" \t"), Is.Empty);
    }

    private static string Canonical(XmlNode node, string? prefixList = null, XmlElement? excluded = null)
    {
        var octets = C14nOracles.Ours(node, prefixList, excluded);
        Assert.That(octets, Is.Not.Null, "refused");
        return Encoding.UTF8.GetString(octets!);
    }
}
