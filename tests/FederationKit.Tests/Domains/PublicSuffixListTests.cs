using FederationKit.Domains;

namespace FederationKit.Tests.Domains;

public class PublicSuffixListTests
{
    private const string SampleList = """
        // ===BEGIN ICANN DOMAINS===
        com
        uk
        co.uk
        *.ck
        !www.ck
        рф
        // ===END ICANN DOMAINS===
        // ===BEGIN PRIVATE DOMAINS===
        github.io   trailing text is ignored
        // ===END PRIVATE DOMAINS===
        """;

    [TestCase("com", true)]
    [TestCase("co.uk", true)]
    [TestCase("acme.co.uk", false)]
    [TestCase("github.io", true)]
    [TestCase("acme.github.io", false)]
    [TestCase("anything.ck", true)]
    [TestCase("www.ck", false)]
    [TestCase("a.b.ck", false)]
    [TestCase("xn--p1ai", true)]
    [TestCase("unlisted", true)]
    [TestCase("acme.unlisted", false)]
    public void IsPublicSuffix_FollowsPlainWildcardExceptionAndDefaultRules(string name, bool expected)
    {
        Assert.That(PublicSuffixList.Parse(SampleList).IsPublicSuffix(name), Is.EqualTo(expected));
    }

    [Test]
    public void Embedded_HoldsBothSections()
    {
        var list = PublicSuffixList.Embedded;

        Assert.That(list.RuleCount, Is.GreaterThan(5000));
        Assert.That(list.IsPublicSuffix("co.uk"), Is.True, "ICANN section");
        Assert.That(list.IsPublicSuffix("github.io"), Is.True, "private section");
    }

    [TestCase("ai.kr")]
    [TestCase("aem.live")]
    public void Embedded_IsTheMarch2025List_HoldsSuffixesAddedAfterFebruary2023(string suffix)
    {
        Assert.That(PublicSuffixList.Embedded.IsPublicSuffix(suffix), Is.True);
        Assert.That(PublicSuffixList.Embedded.IsPublicSuffix("acme." + suffix), Is.False);
    }

    [Test]
    public void ParseChecked_EmbeddedFile_IsAccepted()
    {
        var parsed = PublicSuffixList.ParseChecked(PublicSuffixListFiles.EmbeddedText());

        Assert.That(parsed.IsSuccess, Is.True, () => parsed.Error.Message);
        Assert.That(parsed.Value.RuleCount, Is.EqualTo(PublicSuffixList.Embedded.RuleCount));
    }

    [Test]
    public void ParseChecked_SampleList_FollowsTheSameRulesAsParse()
    {
        var parsed = PublicSuffixList.ParseChecked(SampleList);

        Assert.That(parsed.Value.IsPublicSuffix("co.uk"), Is.True);
        Assert.That(parsed.Value.IsPublicSuffix("acme.github.io"), Is.False);
    }

    [TestCase("")]
    [TestCase("   \n ")]
    [TestCase("<!DOCTYPE html>\n<html><body>Not found</body></html>\n")]
    [TestCase("com\nco.uk\n")]
    [TestCase("// ===BEGIN ICANN DOMAINS===\n// ===END ICANN DOMAINS===\n")]
    [TestCase("// ===BEGIN ICANN DOMAINS===\ncom\n")]
    [TestCase("// ===BEGIN ICANN DOMAINS===\ncom\nco_uk\n// ===END ICANN DOMAINS===\n")]
    [TestCase("// ===BEGIN ICANN DOMAINS===\ncom\n-bad.uk\n// ===END ICANN DOMAINS===\n")]
    [TestCase("// ===BEGIN ICANN DOMAINS===\ncom\na..uk\n// ===END ICANN DOMAINS===\n")]
    [TestCase("// ===BEGIN ICANN DOMAINS===\ncom\n{\"json\":1}\n// ===END ICANN DOMAINS===\n")]
    public void ParseChecked_NotAWholeList_IsRefused(string text)
    {
        Assert.That(PublicSuffixList.ParseChecked(text).Error.Code, Is.EqualTo(DomainErrorCodes.PublicSuffixListInvalid));
    }

    [Test]
    public void ParseChecked_EmbeddedFileWithOneBrokenLine_IsRefusedNamingTheLine()
    {
        var lines = PublicSuffixListFiles.EmbeddedText().Split('\n');
        var index = Array.IndexOf(lines, "co.uk");
        lines[index] = "co.uk%";

        var error = PublicSuffixList.ParseChecked(string.Join('\n', lines)).Error;

        Assert.That(error.Code, Is.EqualTo(DomainErrorCodes.PublicSuffixListInvalid));
        Assert.That(error.Message, Does.Contain($"line {index + 1} "));
    }
}
