using FederationKit.Events;
using FederationKit.MergeProposals;
using FederationKit.Organizations;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;
using FederationKit.Tests.Organizations;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.MergeProposals;

/// <summary>
/// A parent organization (owner <see cref="ParentOwner"/>, verified domain acme.example) and an organization Acme
/// (owner <see cref="OrgOwner"/>, admin <see cref="OrgAdmin"/>, member <see cref="OrgMember"/>, all on acme.example or
/// a subdomain), wired to real in-memory stores, a fake clock and a recording event sink.
/// </summary>
internal sealed class MergeWorld
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);
    public InMemoryFederationEventSink Events { get; } = new();
    public InMemoryOrganizationStore OrganizationStore { get; } = new();
    public InMemoryParentOrganizationStore ParentStore { get; } = new();
    public InMemoryMergeProposalStore ProposalStore { get; } = new();
    public InMemoryMembershipStore MembershipStore { get; } = new();
    public FakeVerifiedDomainQuery VerifiedDomains { get; } = new();
    public FederationKitOptions Options { get; } = new();

    public UserId ParentOwner { get; } = UserId.New();
    public UserId OrgOwner { get; } = UserId.New();
    public UserId OrgAdmin { get; } = UserId.New();
    public UserId OrgMember { get; } = UserId.New();
    public UserId Stranger { get; } = UserId.New();

    public ParentOrganizationId ParentId { get; private set; }
    public OrganizationId OrgId { get; private set; }

    public OrganizationService Organizations { get; private set; } = null!;

    public IOrganizationStore OrganizationStoreForService { get; set; }

    public IMergeProposalStore ProposalStoreForService { get; set; }

    public MergeWorld()
    {
        OrganizationStoreForService = OrganizationStore;
        ProposalStoreForService = ProposalStore;
    }

    public static async Task<MergeWorld> CreateAsync()
    {
        var world = new MergeWorld();
        world.Organizations = new OrganizationService(world.OrganizationStore, world.ParentStore, world.MembershipStore,
            new ChangeSetCommitter(new InMemoryChangeSetStore(new FederationKit.SignIn.Stores.InMemoryFederatedUserStore(), world.MembershipStore, world.OrganizationStore, world.ParentStore), world.Events), world.Time);
        world.ParentId = (await world.Organizations.CreateParentOrganizationAsync("Acme Group", world.ParentOwner, "boss@acme.example")).Value.Id;
        world.VerifiedDomains.Verify(OwnerRef.Parent(world.ParentId), "acme.example");
        world.OrgId = (await world.Organizations.CreateOrganizationAsync("Acme Labs", world.OrgOwner, "Owner@Acme.Example")).Value.Id;
        await world.Organizations.AddMemberAsync(world.OrgId, world.OrgOwner, world.OrgAdmin, "admin@acme.example", OrganizationRole.Admin);
        await world.Organizations.AddMemberAsync(world.OrgId, world.OrgOwner, world.OrgMember, "member@labs.acme.example", OrganizationRole.Member);
        return world;
    }

    public MergeProposalService Merges() =>
        new(ProposalStoreForService, OrganizationStoreForService, ParentStore, MembershipStore, new OwnerAdministrators(ParentStore, MembershipStore), VerifiedDomains, Events, Time, Options);

    public async Task<MergeProposal> ProposeAsync()
    {
        var result = await Merges().ProposeAsync(OrgId, ParentId, OrgAdmin);
        Assert.That(result.IsSuccess, Is.True, () => result.ToString());
        return result.Value;
    }

    public async Task<Organization> OrganizationAsync() => (await OrganizationStore.FindAsync(OrgId))!;

    public async Task<MergeProposal> StoredAsync(MergeProposalId id) => (await ProposalStore.FindAsync(id))!;

    public IReadOnlyList<string> EventTypes() => [.. Events.Events.Select(e => e.Type)];

    public async Task MakeParentAdministratorAsync(UserId userId, string email)
    {
        var parent = (await ParentStore.FindAsync(ParentId))!;
        var updated = await ParentStore.UpdateAsync(parent with { Administrators = parent.Administrators.Add(new OrganizationMember(userId, email, OrganizationRole.Admin)) });
        Assert.That(updated.IsSuccess, Is.True);
    }
}
