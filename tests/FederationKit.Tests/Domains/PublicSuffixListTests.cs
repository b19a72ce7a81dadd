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
}
