using FederationKit.Domains;
using FederationKit.Organizations;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Tests.Domains;

public class DomainClaimsRegistrationTests
{
    [Test]
    public async Task AddFederationKit_ResolvesTheServiceAndAnswersVerifiedDomainQueriesFromTheClaimStore()
    {
        var services = new ServiceCollection();
        services.AddFederationKit(o => o.Domains.RecordPrefix = "acme-verification");
        using var provider = services.BuildServiceProvider();

        var service = provider.GetRequiredService<DomainClaimService>();
        var query = provider.GetRequiredService<IVerifiedDomainQuery>();

        Assert.That(query, Is.SameAs(provider.GetRequiredService<IDomainClaimStore>()));
        Assert.That(provider.GetRequiredService<IDnsTxtResolver>(), Is.InstanceOf<UnconfiguredDnsTxtResolver>());
        Assert.That(provider.GetRequiredService<DomainClaimOptions>().RecordPrefix, Is.EqualTo("acme-verification"));
        Assert.That((await service.GetOwnershipTokenAsync(OwnerRef.Parent(ParentOrganizationId.New()), UserId.New())).Error.Code, Is.EqualTo(DomainErrorCodes.NotAuthorized));
    }

    [Test]
    public async Task AddFederationKit_InvalidDomainOptions_FailsAtStart()
    {
        var refused = await FederationKit.Tests.Shared.OptionsHost.StartFailsAsync((services, _) => services.AddFederationKit(o => o.Domains.LapseGracePeriod = TimeSpan.Zero));

        Assert.That(refused.Message, Does.Contain("FederationKit:Domains:LapseGracePeriod must be positive."));
    }

    [Test]
    public void AddFederationKit_NewerPublicSuffixList_RefusesASuffixOnlyInTheNewerList()
    {
        const string name = PublicSuffixListFiles.SuffixOnlyInNewerList;
        Assert.That(RulesFrom(new ServiceCollection().AddFederationKit().Services).NormalizeAndCheck(name).Value, Is.EqualTo(name), "the embedded list lacks it");

        var services = new ServiceCollection();
        services.AddFederationKit(o => o.Domains.PublicSuffixList = PublicSuffixListFiles.NewerText());

        var rules = RulesFrom(services);
        Assert.That(rules.NormalizeAndCheck(name).Error.Code, Is.EqualTo(DomainErrorCodes.PublicSuffix));
        Assert.That(rules.NormalizeAndCheck("acme." + name).IsSuccess, Is.True);
        Assert.That(rules.NormalizeAndCheck("co.uk").Error.Code, Is.EqualTo(DomainErrorCodes.PublicSuffix), "the rest of the list still applies");
    }

    [TestCase("")]
    [TestCase("<html><body>503 Service Unavailable</body></html>")]
    [TestCase("com\nco.uk\n")]
    public async Task AddFederationKit_GarbagePublicSuffixList_FailsAtStartNamingTheSetting(string text)
    {
        var refused = await FederationKit.Tests.Shared.OptionsHost.StartFailsAsync((services, _) => services.AddFederationKit(o => o.Domains.PublicSuffixList = text));

        Assert.That(refused.Message, Does.Contain("FederationKit:Domains:" + nameof(DomainClaimOptions.PublicSuffixList)));
        Assert.That(refused.Message, Does.Contain(DomainErrorCodes.PublicSuffixListInvalid));
    }

    [Test]
    public void FromOptions_GarbagePublicSuffixList_IsRefused()
    {
        var options = new DomainClaimOptions { PublicSuffixList = "not a list" };

        Assert.Throws<ArgumentException>(() => DomainReferenceData.FromOptions(options));
    }

    private static DomainClaimRules RulesFrom(IServiceCollection services)
    {
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<DomainClaimRules>();
    }
}
