using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Organizations;
using FederationKit.Stores;
using FederationKit.Tests.Directories;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Tests.Directories;

public sealed class DirectoriesRegistrationTests
{
    [Test]
    public async Task AddFederationKit_WithDomainPorts_ResolvesDirectoryServicesThatWork()
    {
        var domains = new FakeDomainRegistry();
        var services = new ServiceCollection();
        services.AddSingleton<IVerifiedDomainQuery>(domains);
        services.AddSingleton<IDomainOwnerQuery>(domains);
        services.AddFederationKit(o => o.DirectoryTrust.MinimumResendInterval = TimeSpan.FromMinutes(5));
        await using var provider = services.BuildServiceProvider();

        var directoryService = provider.GetRequiredService<DirectoryService>();
        var admin = UserId.New();
        var owner = OwnerRef.Organization((await provider.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", admin, "owner@acme.com")).Value.Id);
        domains.Verify(owner, "acme.com");
        var directory = (await directoryService.CreateDirectoryAsync(owner, admin, "Staff", DirectoryIdentityType.Federated)).Value;
        await directoryService.LinkDomainAsync(directory.Id, admin, "acme.com");

        Assert.That(provider.GetRequiredService<IdpProfileService>(), Is.Not.Null);
        Assert.That(provider.GetRequiredService<DirectoryTrustService>(), Is.Not.Null);
        Assert.That(provider.GetRequiredService<ISecretStore>(), Is.InstanceOf<InMemorySecretStore>());
        Assert.That(provider.GetRequiredService<DirectoryTrustOptions>().MinimumResendInterval, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That((await directoryService.GetDirectoryAsync(directory.Id, admin)).Value.Name, Is.EqualTo("Staff"));
        var dependents = provider.GetServices<IDomainDependencyQuery>().ToList();
        Assert.That(dependents.OfType<DirectoryDomainDependencyQuery>().Count(), Is.EqualTo(1));
        Assert.That(await dependents[0].DescribeDependentsAsync(owner, "acme.com"), Is.EqualTo(new[] { "linked to directory 'Staff'" }));
    }

    [Test]
    public void AddFederationKit_HostStoreRegisteredFirst_Wins()
    {
        var services = new ServiceCollection();
        var mine = new FederationKit.Stores.InMemory.InMemoryDirectoryStore();
        services.AddSingleton<IDirectoryStore>(mine);
        services.AddFederationKit();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IDirectoryStore>(), Is.SameAs(mine));
    }

    [TestCase(-1, 5)]
    [TestCase(60, -1)]
    public async Task AddFederationKit_BadTrustOptions_FailsAtStart(int resendSeconds, int maximumResends)
    {
        var refused = await FederationKit.Tests.Shared.OptionsHost.StartFailsAsync((services, _) => services.AddFederationKit(o =>
        {
            o.DirectoryTrust.MinimumResendInterval = TimeSpan.FromSeconds(resendSeconds);
            o.DirectoryTrust.MaximumResends = maximumResends;
        }));

        Assert.That(refused.Message, Does.Contain("FederationKit:DirectoryTrust:" + (resendSeconds < 0 ? "MinimumResendInterval" : "MaximumResends")));
    }

    [Test]
    public async Task GetDirectory_Unknown_IsNotFound()
    {
        var context = new DirectoryTestContext();

        Assert.That((await context.DirectoryService.GetDirectoryAsync(DirectoryId.New(), context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.NotFound));
    }
}
