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
        Assert.That((await service.GetOwnershipTokenAsync(OwnerRef.Parent(ParentOrganizationId.New()))).Error.Code, Is.EqualTo(DomainErrorCodes.OwnerNotFound));
    }

    [Test]
    public void AddFederationKit_InvalidDomainOptions_FailsAtRegistration()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddFederationKit(o => o.Domains.LapseGracePeriod = TimeSpan.Zero));
    }
}
