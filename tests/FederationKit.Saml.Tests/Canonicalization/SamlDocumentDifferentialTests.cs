using System.Xml;
using NUnit.Framework;

namespace FederationKit.Saml.Tests.Canonicalization;

/// <summary>
/// Every document the SAML test suites build (<see cref="SamlDocumentCorpus"/>): each element and the document, with and
/// without PrefixLists, canonicalized by ours and by XmlDsigExcC14NTransform; the documents also against xmllint.
/// </summary>
[TestFixture]
public sealed class SamlDocumentDifferentialTests
{
    private static readonly string?[] PrefixLists = [null, "#default", "xs", "#default saml samlp xs xsi ds md"];

    private static IEnumerable<TestCaseData> Documents() => SamlDocumentCorpus.All().Select(d => new TestCaseData(d.Name, d.Xml).SetName($"Canonicalize_SamlDocument_MatchesXmlDsigExcC14NTransform({d.Name})"));

    [TestCaseSource(nameof(Documents))]
    public void Canonicalize_SamlDocument_MatchesXmlDsigExcC14NTransform(string name, string xml)
    {
        var document = C14nOracles.Load(xml);
        var nodes = new List<XmlNode> { document };
        nodes.AddRange(document.SelectNodes("//*")!.Cast<XmlElement>());
        var failures = new List<string>();
        foreach (var node in nodes)
        {
            foreach (var prefixList in PrefixLists)
            {
                var ours = C14nOracles.Ours(node, prefixList);
                var theirs = C14nOracles.DotNet(node, prefixList);
                if (ours is null || !ours.AsSpan().SequenceEqual(theirs))
                {
                    failures.Add($"{node.Name}, PrefixList {prefixList ?? "none"}: {C14nOracles.SaveMismatch("saml-" + name, xml, ours ?? [], theirs)}\n  ours: {C14nOracles.Show(ours)}\n  .NET: {C14nOracles.Show(theirs)}");
                }
            }
        }

        TestContext.Out.WriteLine($"{name}: {nodes.Count} nodes x {PrefixLists.Length} PrefixLists compared");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(5)));
    }

    [Test]
    public void Canonicalize_SamlDocuments_MatchXmllint()
    {
        if (!C14nOracles.HasXmllint)
        {
            Assert.Fail("xmllint is missing: run scripts/setup.sh (scripts/setup.d/32-libxml2.sh installs libxml2-utils).");
        }

        var directory = Directory.CreateTempSubdirectory("fedkit-c14n-saml-").FullName;
        try
        {
            // xmllint's --exc-c14n keeps comments: documents are given to it with their comments removed.
            var corpus = SamlDocumentCorpus.All().ToList();
            var files = corpus.Select(d =>
            {
                var file = Path.Combine(directory, d.Name + ".xml");
                File.WriteAllText(file, d.Xml.Replace("<!---->", string.Empty, StringComparison.Ordinal));
                return file;
            }).ToList();
            var results = C14nOracles.Xmllint(files);
            var failures = new List<string>();
            for (var i = 0; i < corpus.Count; i++)
            {
                var ours = C14nOracles.Ours(C14nOracles.Load(corpus[i].Xml));
                var (theirs, errors) = results[i];
                if (theirs is null || ours is null || !ours.AsSpan().SequenceEqual(theirs))
                {
                    failures.Add($"{corpus[i].Name}: {C14nOracles.SaveMismatch("saml-xmllint-" + corpus[i].Name, corpus[i].Xml, ours ?? [], theirs ?? [])} {errors}");
                }
            }

            TestContext.Out.WriteLine($"{corpus.Count} SAML documents compared with xmllint --exc-c14n");
            Assert.That(failures, Is.Empty, string.Join("\n", failures));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
