using System.Collections.Immutable;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.StoreContracts;

/// <summary>
/// What every <see cref="IChangeSetStore"/> must do with organizations and break-glass flags: an organization, a parent
/// organization and memberships added in one change commit together or not at all; an organization update is checked against
/// the version read; the break-glass flag of a membership round-trips and is listed by <see cref="IMembershipStore.ListBreakGlassAsync"/>.
/// </summary>
public abstract class OrganizationChangeSetContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>New, empty stores over one database.</summary>
    protected abstract Task<(IOrganizationStore Organizations, IParentOrganizationStore Parents, IMembershipStore Memberships, IChangeSetStore Changes)> CreateStores();

    private static Organization NewOrganization() => new() { Id = OrganizationId.New(), Name = "Acme", CreatedAt = Now };

    private static Membership Owner(OrganizationId org) => MembershipChanges.NewLocalMember(org, UserId.New(), "owner@acme.example", OrganizationRole.Owner, Now);

    [Test]
    public async Task Commit_OrganizationWithItsOwner_WritesBoth()
    {
        var (organizations, _, memberships, changes) = await CreateStores();
        var organization = NewOrganization();
        var owner = Owner(organization.Id);

        Assert.That((await changes.CommitAsync(ChangeSet.Empty.AddOrganization(organization).AddMembership(owner))).IsSuccess, Is.True);

        Assert.That((await organizations.FindAsync(organization.Id))?.Version, Is.EqualTo(1));
        Assert.That((await memberships.FindAsync(organization.Id, owner.UserId))?.Role, Is.EqualTo(OrganizationRole.Owner));
    }

    [Test]
    public async Task Commit_OrganizationWhoseOwnerIsADuplicate_WritesNeither()
    {
        var (organizations, _, memberships, changes) = await CreateStores();
        var existing = NewOrganization();
        var owner = Owner(existing.Id);
        Assert.That((await changes.CommitAsync(ChangeSet.Empty.AddOrganization(existing).AddMembership(owner))).IsSuccess, Is.True);
        var organization = NewOrganization();

        // The owner's row collides with an existing one: the new organization must not be left without an owner.
        var result = await changes.CommitAsync(ChangeSet.Empty.AddOrganization(organization).AddMembership(owner));

        Assert.That(result.IsFailure ? result.Error.Code : null, Is.EqualTo(StoreErrorCodes.Duplicate));
        Assert.That(await organizations.FindAsync(organization.Id), Is.Null);
    }

    [Test]
    public async Task Commit_StaleOrganizationVersion_IsConcurrencyConflictAndWritesNothing()
    {
        var (organizations, _, memberships, changes) = await CreateStores();
        var organization = NewOrganization();
        var owner = Owner(organization.Id);
        Assert.That((await changes.CommitAsync(ChangeSet.Empty.AddOrganization(organization).AddMembership(owner))).IsSuccess, Is.True);
        var read = (await organizations.FindAsync(organization.Id))!;
        var member = (await memberships.FindAsync(organization.Id, owner.UserId))!;
        Assert.That((await changes.CommitAsync(ChangeSet.Empty.UpdateOrganization(read with { OnlySso = true }))).IsSuccess, Is.True);

        var stale = await changes.CommitAsync(ChangeSet.Empty.UpdateOrganization(read with { Name = "Other" }).UpdateMembership(member with { BreakGlass = true }));

        Assert.That(stale.IsFailure ? stale.Error.Code : null, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        var stored = (await organizations.FindAsync(organization.Id))!;
        Assert.That((stored.Name, stored.OnlySso, stored.Version), Is.EqualTo(("Acme", true, 2L)));
        Assert.That((await memberships.FindAsync(organization.Id, owner.UserId))!.BreakGlass, Is.False);
    }

    [Test]
    public async Task Commit_ParentOrganization_IsWritten()
    {
        var (_, parents, _, changes) = await CreateStores();
        var creator = UserId.New();
        var parent = new ParentOrganization
        {
            Id = ParentOrganizationId.New(),
            Name = "Acme Group",
            Administrators = ImmutableList.Create(new OrganizationMember(creator, "boss@acme.example", OrganizationRole.Owner)),
            CreatedAt = Now,
        };

        Assert.That((await changes.CommitAsync(ChangeSet.Empty.AddParentOrganization(parent))).IsSuccess, Is.True);

        var stored = await parents.FindAsync(parent.Id);
        Assert.That(stored?.Version, Is.EqualTo(1));
        Assert.That(stored!.Administrators.Single().UserId, Is.EqualTo(creator));
    }

    [Test]
    public async Task BreakGlass_SetAndCleared_RoundTripsAndIsListed()
    {
        var (_, _, memberships, changes) = await CreateStores();
        var organization = NewOrganization();
        var owner = Owner(organization.Id);
        var member = MembershipChanges.NewLocalMember(organization.Id, UserId.New(), "member@acme.example", OrganizationRole.Member, Now);
        Assert.That((await changes.CommitAsync(ChangeSet.Empty.AddOrganization(organization).AddMembership(owner).AddMembership(member with { BreakGlass = true }))).IsSuccess, Is.True);

        Assert.That((await memberships.ListBreakGlassAsync(organization.Id)).Select(m => m.UserId), Is.EqualTo(new[] { member.UserId }));
        var read = (await memberships.FindAsync(organization.Id, member.UserId))!;
        Assert.That(read.BreakGlass, Is.True);

        Assert.That((await changes.CommitAsync(ChangeSet.Empty.UpdateMembership(read with { BreakGlass = false }))).IsSuccess, Is.True);
        Assert.That(await memberships.ListBreakGlassAsync(organization.Id), Is.Empty);
        Assert.That((await memberships.FindAsync(organization.Id, member.UserId))!.BreakGlass, Is.False);
    }
}
