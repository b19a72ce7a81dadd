using FederationKit.MergeProposals;
using FederationKit.Organizations;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;
using FederationKit.Tests.Organizations;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Tests.DependencyInjection;

public sealed class OrganizationsRegistrationTests
{
    [Test]
    public async Task AddFederationKit_RegistersOrganizationAndMergeServices_ThatWorkTogether()
    {
        var services = new ServiceCollection();
        var verified = new FakeVerifiedDomainQuery();
        services.AddSingleton<IVerifiedDomainQuery>(verified);
        services.AddFederationKit(o => o.MergeProposalLifetime = TimeSpan.FromDays(7));
        using var provider = services.BuildServiceProvider();

        var organizations = provider.GetRequiredService<OrganizationService>();
        var merges = provider.GetRequiredService<MergeProposalService>();
        var owner = UserId.New();
        var parent = (await organizations.CreateParentOrganizationAsync("Group", owner, "owner@acme.example")).Value;
        verified.Verify(parent.AsOwner, "acme.example");
        var organization = (await organizations.CreateOrganizationAsync("Acme", owner, "owner@acme.example")).Value;
        var proposal = (await merges.ProposeAsync(organization.Id, parent.Id, owner)).Value;
        var completed = await merges.ApproveAsync(proposal.Id, owner);

        Assert.That(provider.GetRequiredService<IMergeProposalStore>(), Is.InstanceOf<InMemoryMergeProposalStore>());
        Assert.That(proposal.ExpiresAt - proposal.CreatedAt, Is.EqualTo(TimeSpan.FromDays(7)));
        Assert.That(completed.Value.Status, Is.EqualTo(MergeProposalStatus.Completed));
        Assert.That((await provider.GetRequiredService<IOrganizationStore>().FindAsync(organization.Id))!.ParentId, Is.EqualTo(parent.Id));
    }

    [Test]
    public void AddFederationKit_HostStoreRegisteredFirst_Wins()
    {
        var services = new ServiceCollection();
        var own = new InMemoryMergeProposalStore();
        services.AddSingleton<IMergeProposalStore>(own);
        services.AddFederationKit();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IMergeProposalStore>(), Is.SameAs(own));
    }
}
