using System.Text.RegularExpressions;
using FederationKit.Domains;
using FederationKit.Organizations;

namespace FederationKit.Tests.Domains;

public partial class OwnershipProofTests
{
    [Test]
    public async Task GetOwnershipToken_SameOwnerTwice_ReturnsOneTokenOfAtLeast128UrlSafeBits()
    {
        var h = new DomainClaimHarness();

        var first = (await h.Service.GetOwnershipTokenAsync(h.Acme, h.Admin(h.Acme))).Value;
        var second = (await h.Service.GetOwnershipTokenAsync(h.Acme, h.Admin(h.Acme))).Value;
        var rival = (await h.Service.GetOwnershipTokenAsync(h.Rival, h.Admin(h.Rival))).Value;

        Assert.That(second.Value, Is.EqualTo(first.Value));
        Assert.That(rival.Value, Is.Not.EqualTo(first.Value));
        Assert.That(UrlSafe().IsMatch(first.Value), Is.True, first.Value);
        Assert.That(first.Value.Length * 6, Is.GreaterThanOrEqualTo(128));
        Assert.That(first.ToString(), Does.Not.Contain(first.Value), "the token is not echoed in logs");
    }

    [Test]
    public async Task GetOwnershipToken_ConcurrentFirstCalls_AgreeOnOneToken()
    {
        var h = new DomainClaimHarness();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => h.Service.GetOwnershipTokenAsync(h.Acme, h.Admin(h.Acme)))));

        Assert.That(tokens.Select(t => t.Value.Value).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task GetInstructions_Defaults_TxtAtTheDomainWithPrefixedToken()
    {
        var h = new DomainClaimHarness();
        var token = (await h.Service.GetOwnershipTokenAsync(h.Acme, h.Admin(h.Acme))).Value.Value;

        var instructions = (await h.Service.GetInstructionsAsync(h.Acme, h.Admin(h.Acme), "Acme.COM.")).Value;

        Assert.That(instructions, Is.EqualTo(new VerificationInstructions("acme.com", "TXT", "acme.com", "federationkit-verification=" + token)));
        Assert.That(instructions.ToText(), Does.Contain("TXT").And.Contain("Host:  acme.com").And.Contain("Value: federationkit-verification=" + token));
    }

    [Test]
    public async Task GetInstructions_BrandedPrefixAndHostLabel_AreUsed()
    {
        var h = new DomainClaimHarness(new DomainClaimOptions { RecordPrefix = "acmesaas-domain-verification", RecordHostLabel = "_acmesaas-challenge" });
        var token = (await h.Service.GetOwnershipTokenAsync(h.Acme, h.Admin(h.Acme))).Value.Value;

        var instructions = (await h.Service.GetInstructionsAsync(h.Acme, h.Admin(h.Acme), "bücher.example")).Value;

        Assert.That(instructions.Host, Is.EqualTo("_acmesaas-challenge.xn--bcher-kva.example"));
        Assert.That(instructions.Value, Is.EqualTo("acmesaas-domain-verification=" + token));
    }

    [TestCase("gmail.com", DomainErrorCodes.FreeMail)]
    [TestCase("co.uk", DomainErrorCodes.PublicSuffix)]
    [TestCase("*.acme.com", DomainErrorCodes.Wildcard)]
    public async Task GetInstructions_UnclaimableDomain_IsRefused(string domain, string code)
    {
        var h = new DomainClaimHarness();

        Assert.That((await h.Service.GetInstructionsAsync(h.Acme, h.Admin(h.Acme), domain)).Error.Code, Is.EqualTo(code));
    }

    [Test]
    public async Task GetInstructions_UnknownOwner_IsNotAuthorized()
    {
        var h = new DomainClaimHarness();

        var result = await h.Service.GetInstructionsAsync(OwnerRef.Parent(ParentOrganizationId.New()), UserId.New(), "acme.com");

        Assert.That(result.Error.Code, Is.EqualTo(DomainErrorCodes.NotAuthorized));
    }

    [TestCase("")]
    [TestCase("has space")]
    [TestCase("a=b")]
    [TestCase("ünicode")]
    public void Validate_BadRecordPrefix_Throws(string prefix)
    {
        Assert.Throws<ArgumentException>(() => new DomainClaimOptions { RecordPrefix = prefix }.Validate());
    }

    [TestCase("two.labels")]
    [TestCase("-leading")]
    [TestCase("")]
    public void Validate_BadRecordHostLabel_Throws(string label)
    {
        Assert.Throws<ArgumentException>(() => new DomainClaimOptions { RecordHostLabel = label }.Validate());
    }

    [Test]
    public void Validate_Defaults_Pass()
    {
        var options = new DomainClaimOptions();

        Assert.DoesNotThrow(options.Validate);
        Assert.That(options.MaxDomainsPerRequest, Is.EqualTo(15));
        Assert.That(options.VerificationWindow, Is.EqualTo(TimeSpan.FromDays(7)));
        Assert.That(options.RecheckInterval, Is.EqualTo(TimeSpan.FromHours(6)));
        Assert.That(options.LapseGracePeriod, Is.EqualTo(TimeSpan.FromHours(72)));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex UrlSafe();
}
