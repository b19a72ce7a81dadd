using FederationKit.Domains;
using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.Tests.Domains;

/// <summary>
/// Every administrator operation on domains is authorized by the service: only an administrator or owner of the owner may
/// add, verify now, remove, or read the ownership token and instructions. A stranger, a plain member, an administrator of
/// another owner and (for a parent owner) an administrator of a linked child organization are refused with
/// <c>domain.not_authorized</c> before anything is read or changed; the owner's administrator succeeds and is the events' actor.
/// </summary>
public sealed class DomainAuthorizationTests
{
    public enum Operation
    {
        AddDomains,
        VerifyNow,
        Remove,
        OwnershipToken,
        Instructions,
        List,
    }

    public enum Caller
    {
        Stranger,
        PlainMember,
        AdminOfAnotherOwner,
        AdminOfLinkedChild,
    }

    private sealed record World(DomainClaimHarness Harness, OwnerRef Owner, Dictionary<Caller, UserId> Callers, int EventMark);

    private static async Task<World> ArrangeAsync(Operation operation, bool parentOwner)
    {
        var h = new DomainClaimHarness();
        OwnerRef owner;
        var callers = new Dictionary<Caller, UserId> { [Caller.Stranger] = UserId.New(), [Caller.AdminOfAnotherOwner] = h.Admin(h.Rival) };
        if (parentOwner)
        {
            owner = h.Acme;
            var child = new Organization { Id = OrganizationId.New(), Name = "Child", CreatedAt = DomainClaimHarness.Start, ParentId = new ParentOrganizationId(owner.Id) };
            Assert.That((await h.Organizations.AddAsync(child)).IsSuccess, Is.True);
            callers[Caller.AdminOfLinkedChild] = h.Admin(OwnerRef.Organization(child.Id));
            callers[Caller.PlainMember] = await JoinAsync(h, child.Id, OrganizationRole.Member);
        }
        else
        {
            var organization = new Organization { Id = OrganizationId.New(), Name = "Solo", CreatedAt = DomainClaimHarness.Start };
            Assert.That((await h.Organizations.AddAsync(organization)).IsSuccess, Is.True);
            owner = OwnerRef.Organization(organization.Id);
            callers[Caller.PlainMember] = await JoinAsync(h, organization.Id, OrganizationRole.Member);
            callers[Caller.AdminOfLinkedChild] = UserId.New();
        }

        if (operation is Operation.VerifyNow or Operation.Remove or Operation.List)
        {
            await h.ClaimAsync(owner, "acme.com");
            await h.PublishRecordAsync(owner, "acme.com");
        }

        return new World(h, owner, callers, h.Events.Events.Count);
    }

    private static async Task<UserId> JoinAsync(DomainClaimHarness h, OrganizationId organizationId, OrganizationRole role)
    {
        var member = MembershipChanges.NewLocalMember(organizationId, UserId.New(), "m@solo.example", role, DomainClaimHarness.Start);
        var committer = new FederationKit.Stores.ChangeSetCommitter(
            new FederationKit.Stores.InMemoryChangeSetStore(new FederationKit.SignIn.Stores.InMemoryFederatedUserStore(), h.Memberships), new NullFederationEventSink());
        Assert.That((await committer.CommitAsync(MembershipChanges.Join(member))).IsSuccess, Is.True);
        return member.UserId;
    }

    private static async Task<FederationError?> RunAsync(World world, Operation operation, UserId actor)
    {
        var service = world.Harness.Service;
        return operation switch
        {
            Operation.AddDomains => (await service.AddDomainsAsync(world.Owner, actor, ["acme.com"])) is { IsFailure: true } a ? a.Error : null,
            Operation.VerifyNow => (await service.VerifyNowAsync(world.Owner, actor, "acme.com")) is { IsFailure: true } v ? v.Error : null,
            Operation.Remove => (await service.RemoveAsync(world.Owner, actor, "acme.com")) is { IsFailure: true } r ? r.Error : null,
            Operation.OwnershipToken => (await service.GetOwnershipTokenAsync(world.Owner, actor)) is { IsFailure: true } t ? t.Error : null,
            Operation.Instructions => (await service.GetInstructionsAsync(world.Owner, actor, "acme.com")) is { IsFailure: true } i ? i.Error : null,
            Operation.List => ListedError(await service.ListAsync(world.Owner, actor)),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    private static FederationError? ListedError(Result<IReadOnlyList<DomainClaim>> listed) =>
        listed.IsFailure ? listed.Error : listed.Value.Count == 1 ? null : new FederationError("test.list", "The owner's claim is not listed.");

    private static IEnumerable<TestCaseData> Refusals()
    {
        foreach (var operation in Enum.GetValues<Operation>())
        {
            foreach (var caller in new[] { Caller.Stranger, Caller.PlainMember, Caller.AdminOfAnotherOwner })
            {
                yield return new TestCaseData(operation, caller, false).SetName($"{operation}_OrganizationOwner_{caller}_IsRefusedAndNothingChanges");
            }

            foreach (var caller in new[] { Caller.AdminOfLinkedChild, Caller.PlainMember, Caller.AdminOfAnotherOwner })
            {
                yield return new TestCaseData(operation, caller, true).SetName($"{operation}_ParentOwner_{caller}_IsRefusedAndNothingChanges");
            }
        }
    }

    private static IEnumerable<TestCaseData> Successes()
    {
        foreach (var operation in Enum.GetValues<Operation>())
        {
            yield return new TestCaseData(operation, false).SetName($"{operation}_OrganizationOwnerAdministrator_Succeeds");
            yield return new TestCaseData(operation, true).SetName($"{operation}_ParentOwnerAdministrator_Succeeds");
        }
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task Operation_WrongCaller_IsRefusedAndNothingChanges(Operation operation, Caller caller, bool parentOwner)
    {
        var world = await ArrangeAsync(operation, parentOwner);
        var claimsBefore = await world.Harness.Claims.ListByOwnerAsync(world.Owner);
        var tokenBefore = await world.Harness.Tokens.FindAsync(world.Owner);

        var error = await RunAsync(world, operation, world.Callers[caller]);

        Assert.That(error?.Code, Is.EqualTo(DomainErrorCodes.NotAuthorized));
        Assert.That(await world.Harness.Claims.ListByOwnerAsync(world.Owner), Is.EqualTo(claimsBefore));
        Assert.That(await world.Harness.Tokens.FindAsync(world.Owner), Is.EqualTo(tokenBefore));
        Assert.That(world.Harness.Events.Events.Skip(world.EventMark), Is.Empty);
    }

    [TestCaseSource(nameof(Successes))]
    public async Task Operation_OwnersAdministrator_SucceedsAndIsTheEventsActor(Operation operation, bool parentOwner)
    {
        var world = await ArrangeAsync(operation, parentOwner);
        var admin = world.Harness.Admin(world.Owner);

        var error = await RunAsync(world, operation, admin);

        Assert.That(error, Is.Null, () => error!.ToString());
        var raised = world.Harness.Events.Events.Skip(world.EventMark).ToList();
        if (operation is Operation.AddDomains or Operation.VerifyNow or Operation.Remove)
        {
            Assert.That(raised, Is.Not.Empty);
        }

        Assert.That(raised.Select(e => e.Actor), Is.All.EqualTo(EventActor.User(admin)));
    }

    [Test]
    public async Task RunDueChecks_ScheduledCheck_ActsAsTheSystem()
    {
        var h = new DomainClaimHarness();
        await h.ClaimAsync(h.Acme, "acme.com");
        await h.PublishRecordAsync(h.Acme, "acme.com");
        var mark = h.Events.Events.Count;

        await h.Service.RunDueChecksAsync(10);

        var raised = h.Events.Events.Skip(mark).OfType<DomainClaimEvent>().ToList();
        Assert.That(raised, Is.Not.Empty);
        Assert.That(raised.Select(e => e.Actor), Is.All.EqualTo(EventActor.System));
    }
}
