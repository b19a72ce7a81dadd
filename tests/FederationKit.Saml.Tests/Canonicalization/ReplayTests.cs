using System.Text;
using System.Xml;
using NUnit.Framework;

namespace FederationKit.Saml.Tests.Canonicalization;

/// <summary>
/// Replays every document under Canonicalization/Cases (hand-written cases, and any mismatch file copied there from
/// bin/…/c14n-mismatches): the document and each element, with several PrefixLists, against XmlDsigExcC14NTransform; the
/// document against xmllint when it has no comments; and against <c>NAME.expected</c> (the exact octets the specification
/// gives, or <c>REFUSED</c>) when present. Known oracle departures are the ones in <see cref="KnownDisagreements"/>.
/// </summary>
[TestFixture]
public sealed class ReplayTests
{
    private static string CasesDirectory => Path.Combine(AppContext.BaseDirectory, "Canonicalization", "Cases");

    private static IEnumerable<TestCaseData> Cases() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Canonicalization", "Cases"), "*.xml").Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileName(f)).SetArgDisplayNames(Path.GetFileNameWithoutExtension(f)));

    [Test]
    public void Replay_CasesDirectory_HasCases() => Assert.That(Cases().Count(), Is.GreaterThanOrEqualTo(5));

    [TestCaseSource(nameof(Cases))]
    public void Replay(string file)
    {
        var path = Path.Combine(CasesDirectory, file);
        var xml = File.ReadAllText(path, Encoding.UTF8);
        var document = C14nOracles.Load(xml);
        var failures = new List<string>();

        var expectedPath = Path.ChangeExtension(path, ".expected");
        if (File.Exists(expectedPath))
        {
            var expected = File.ReadAllBytes(expectedPath);
            var ours = C14nOracles.Ours(document);
            var matches = Encoding.ASCII.GetString(expected) == "REFUSED" ? ours is null : ours is not null && ours.AsSpan().SequenceEqual(expected);
            if (!matches)
            {
                failures.Add($"expected (specification): {Encoding.UTF8.GetString(expected)}\n  ours: {C14nOracles.Show(ours)}");
            }
        }

        var prefixes = document.SelectNodes("//*")!.Cast<XmlElement>().SelectMany(e => e.Attributes.Cast<XmlAttribute>())
            .Where(a => a.Prefix == "xmlns").Select(a => a.LocalName).Distinct().Order(StringComparer.Ordinal);
        string?[] prefixLists = [null, "#default", string.Join(' ', prefixes.Prepend("#default"))];
        var nodes = new List<XmlNode> { document };
        nodes.AddRange(document.SelectNodes("//*")!.Cast<XmlElement>());
        foreach (var node in nodes)
        {
            foreach (var prefixList in prefixLists)
            {
                var ours = C14nOracles.Ours(node, prefixList);
                var theirs = C14nOracles.DotNet(node, prefixList);
                var agrees = ours is not null && ours.AsSpan().SequenceEqual(theirs);
                var known = (ours is null && KnownDisagreements.HasRelativeNamespace(node))
                    || (ours is not null && KnownDisagreements.AttributeOrderByUtf16Differs(node) && KnownDisagreements.SameOctetsReordered(ours, theirs));
                if (!agrees && !known)
                {
                    failures.Add($"{node.Name}, PrefixList {prefixList ?? "none"}\n  ours: {C14nOracles.Show(ours)}\n  .NET: {C14nOracles.Show(theirs)}");
                }
            }
        }

        if (!xml.Contains("<!--", StringComparison.Ordinal) && C14nOracles.HasXmllint)
        {
            var ours = C14nOracles.Ours(document);
            var (theirs, errors) = C14nOracles.Xmllint([path])[0];
            var agrees = theirs is not null && ours is not null && ours.AsSpan().SequenceEqual(theirs);
            var known = theirs is null ? KnownDisagreements.XmllintRefuses(document, errors) : ours is not null && KnownDisagreements.XmllintUnescapedNamespaceUri(ours, theirs);
            if (!agrees && !known)
            {
                failures.Add($"xmllint\n  ours:    {C14nOracles.Show(ours)}\n  xmllint: {C14nOracles.Show(theirs)} {errors}");
            }
        }

        Assert.That(failures, Is.Empty, $"{path}\n{string.Join("\n", failures)}");
    }
}
