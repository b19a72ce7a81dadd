using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.Stores;
using FederationKit.Tests.Directories;

namespace FederationKit.Tests.DirectoryTrust;

/// <summary>
/// Every trust operation is authorized by the service: the trustee organization's administrators act on the requester side,
/// the directory owner's administrators on the owner side. Anyone else (a stranger, a plain member, an administrator of the
/// other side, an administrator of an organization linked to a parent owner) is refused with <c>trust.not_authorized</c>
/// and nothing changes; the right administrator succeeds and the event names them as its actor.
/// </summary>
public sealed class TrustAuthorizationTests
{
    private static readonly TrustRequester Bea = new(UserId.New(), "Bea Beta", "bea@beta.example", "Beta");

    public enum Caller
    {
        Stranger,
        TrusteeMember,
        TrusteeAdmin,
        OwnerMember,
        OwnerAdmin,
        ChildOfParentOwnerAdmin,
    }

    public enum Operation
    {
        Request,
        Resend,
        Cancel,
        Withdraw,
        AddTrusteeUser,
        Accept,
        AcceptAll,
        Reject,
        RejectMany,
        Revoke,
        RevokeMany,
        ListForDirectory,
        ListTrustedDirectories,
    }

    private sealed class World
    {
        public DirectoryTestContext Context { get; } = new();

        public OwnerRef Owner { get; set; }

        public IdentityDirectory Directory { get; set; } = null!;

        public Organization Trustee { get; set; } = null!;

        public Dictionary<Caller, UserId> Callers { get; } = [];

        public TrustRequest? Request { get; set; }

        public int EventMark { get; set; }

        public IReadOnlyList<FederationEvent> NewEvents => [.. Context.Events.Events.Skip(EventMark)];
    }

    private static bool IsTrusteeSide(Operation operation) =>
        operation is Operation.Request or Operation.Resend or Operation.Cancel or Operation.Withdraw or Operation.AddTrusteeUser or Operation.ListTrustedDirectories;

    private static bool IsRead(Operation operation) => operation is Operation.ListForDirectory or Operation.ListTrustedDirectories;

    private static async Task<World> ArrangeAsync(Operation operation, bool parentOwner)
    {
        var world = new World();
        var context = world.Context;
        world.Owner = parentOwner ? OwnerRef.Parent(ParentOrganizationId.New()) : DirectoryTestContext.NewOwner();
        world.Callers[Caller.OwnerAdmin] = await context.AdminAsync(world.Owner);
        world.Directory = await context.LinkedDirectoryAsync(world.Owner, "acme.com");
        world.Trustee = await context.NewOrganizationAsync("Beta");
        world.Callers[Caller.TrusteeAdmin] = await context.AdminAsync(world.Trustee.Id);
        world.Callers[Caller.Stranger] = UserId.New();
        world.Callers[Caller.TrusteeMember] = await JoinAsync(context, world.Trustee.Id, OrganizationRole.Member);
        world.Callers[Caller.OwnerMember] = parentOwner ? UserId.New() : await JoinAsync(context, new OrganizationId(world.Owner.Id), OrganizationRole.Member);
        if (parentOwner)
        {
            var child = await context.NewOrganizationAsync("Child");
            Assert.That((await context.Organizations.UpdateAsync(child with { ParentId = new ParentOrganizationId(world.Owner.Id) })).IsSuccess, Is.True);
            world.Callers[Caller.ChildOfParentOwnerAdmin] = await context.AdminAsync(child.Id);
        }
        else
        {
            world.Callers[Caller.ChildOfParentOwnerAdmin] = UserId.New();
        }

        if (operation != Operation.Request)
        {
            world.Request = (await context.TrustService.RequestAsync(world.Trustee.Id, world.Callers[Caller.TrusteeAdmin], "acme.com", Bea)).Value;
        }

        if (operation is Operation.Withdraw or Operation.AddTrusteeUser or Operation.Revoke or Operation.RevokeMany or Operation.ListTrustedDirectories)
        {
            world.Request = (await context.TrustService.AcceptAsync(world.Owner, world.Callers[Caller.OwnerAdmin], [world.Request!.Id])).Value[0];
        }

        world.EventMark = context.Events.Events.Count;
        return world;
    }

    private static async Task<UserId> JoinAsync(DirectoryTestContext context, OrganizationId organizationId, OrganizationRole role)
    {
        var member = MembershipChanges.NewLocalMember(organizationId, UserId.New(), "m" + Guid.NewGuid().ToString("N")[..8] + "@beta.example", role, context.Clock.GetUtcNow());
        Assert.That((await context.Committer.CommitAsync(MembershipChanges.Join(member))).IsSuccess, Is.True);
        return member.UserId;
    }

    private static async Task<FederationError?> RunAsync(World world, Operation operation, UserId actor)
    {
        var trust = world.Context.TrustService;
        var id = world.Request?.Id ?? default;
        world.Context.Clock.Advance(TimeSpan.FromDays(1)); // past the resend interval
        return operation switch
        {
            Operation.Request => ErrorOf(await trust.RequestAsync(world.Trustee.Id, actor, "acme.com", Bea)),
            Operation.Resend => ErrorOf(await trust.ResendAsync(world.Trustee.Id, actor, id)),
            Operation.Cancel => ErrorOf(await trust.CancelAsync(world.Trustee.Id, actor, id)),
            Operation.Withdraw => ErrorOf(await trust.WithdrawAsync(world.Trustee.Id, actor, id)),
            Operation.AddTrusteeUser => ErrorOf(await trust.AddTrusteeUserAsync(world.Trustee.Id, actor, id, UserId.New(), "carol@acme.com")),
            Operation.Accept => ErrorOf(await trust.AcceptAsync(world.Owner, actor, [id])),
            Operation.AcceptAll => ErrorOf(await trust.AcceptAllAsync(world.Owner, actor, world.Directory.Id)),
            Operation.Reject => ErrorOf(await trust.RejectAsync(world.Owner, actor, id, "No.")),
            Operation.RejectMany => ErrorOf(await trust.RejectManyAsync(world.Owner, actor, [id], "No.")),
            Operation.Revoke => ErrorOf(await trust.RevokeAsync(world.Owner, actor, id)),
            Operation.RevokeMany => ErrorOf(await trust.RevokeManyAsync(world.Owner, actor, [id])),
            Operation.ListForDirectory => ErrorOf(await trust.ListForDirectoryAsync(world.Owner, actor, world.Directory.Id)),
            Operation.ListTrustedDirectories => ErrorOf(await trust.ListTrustedDirectoriesAsync(world.Trustee.Id, actor)),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    private static FederationError? ErrorOf<T>(Result<T> result) => result.IsFailure ? result.Error : null;

    private static IEnumerable<TestCaseData> Refusals()
    {
        foreach (var operation in Enum.GetValues<Operation>())
        {
            var trusteeSide = IsTrusteeSide(operation);
            var wrong = trusteeSide
                ? new[] { Caller.Stranger, Caller.TrusteeMember, Caller.OwnerAdmin }
                : new[] { Caller.Stranger, Caller.OwnerMember, Caller.TrusteeAdmin };
            foreach (var caller in wrong)
            {
                yield return new TestCaseData(operation, caller, false).SetName($"{operation}_{caller}_IsRefusedAndNothingChanges");
            }

            if (!trusteeSide)
            {
                yield return new TestCaseData(operation, Caller.ChildOfParentOwnerAdmin, true).SetName($"{operation}_ParentOwner_AdminOfLinkedChild_IsRefusedAndNothingChanges");
                yield return new TestCaseData(operation, Caller.TrusteeMember, true).SetName($"{operation}_ParentOwner_TrusteeMember_IsRefusedAndNothingChanges");
            }
        }
    }

    private static IEnumerable<TestCaseData> Successes()
    {
        foreach (var operation in Enum.GetValues<Operation>().Where(o => !IsRead(o)))
        {
            yield return new TestCaseData(operation, false).SetName($"{operation}_RightAdministrator_SucceedsAndIsTheEventsActor");
            if (!IsTrusteeSide(operation))
            {
                yield return new TestCaseData(operation, true).SetName($"{operation}_ParentOwnerAdministrator_SucceedsAndIsTheEventsActor");
            }
        }
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task Operation_WrongCaller_IsRefusedAndNothingChanges(Operation operation, Caller caller, bool parentOwner)
    {
        var world = await ArrangeAsync(operation, parentOwner);
        var requestsBefore = await world.Context.Trust.ListByTrusteeAsync(world.Trustee.Id);
        var membersBefore = await world.Context.Memberships.ListByOrganizationAsync(world.Trustee.Id, null, 100);

        var error = await RunAsync(world, operation, world.Callers[caller]);

        Assert.That(error?.Code, Is.EqualTo(TrustErrorCodes.NotAuthorized));
        Assert.That(await world.Context.Trust.ListByTrusteeAsync(world.Trustee.Id), Is.EqualTo(requestsBefore));
        Assert.That(await world.Context.Memberships.ListByOrganizationAsync(world.Trustee.Id, null, 100), Is.EqualTo(membersBefore));
        Assert.That(world.NewEvents, Is.Empty);
    }

    [TestCaseSource(nameof(Successes))]
    public async Task Operation_RightAdministrator_SucceedsAndIsTheEventsActor(Operation operation, bool parentOwner)
    {
        var world = await ArrangeAsync(operation, parentOwner);
        var actor = world.Callers[IsTrusteeSide(operation) ? Caller.TrusteeAdmin : Caller.OwnerAdmin];

        var error = await RunAsync(world, operation, actor);

        Assert.That(error, Is.Null, () => error!.ToString());
        Assert.That(world.NewEvents, Is.Not.Empty);
        Assert.That(world.NewEvents.Select(e => e.Actor), Is.All.EqualTo(EventActor.User(actor)));
    }

    [TestCase(Operation.ListForDirectory, false)]
    [TestCase(Operation.ListForDirectory, true)]
    [TestCase(Operation.ListTrustedDirectories, false)]
    public async Task Read_RightAdministrator_ListsTheRequest(Operation operation, bool parentOwner)
    {
        var world = await ArrangeAsync(operation, parentOwner);
        var actor = world.Callers[IsTrusteeSide(operation) ? Caller.TrusteeAdmin : Caller.OwnerAdmin];
        var trust = world.Context.TrustService;

        var listed = operation == Operation.ListForDirectory
            ? (await trust.ListForDirectoryAsync(world.Owner, actor, world.Directory.Id)).Value.Select(r => r.Id)
            : (await trust.ListTrustedDirectoriesAsync(world.Trustee.Id, actor)).Value.Select(d => d.RequestId);

        Assert.That(listed, Is.EqualTo(new[] { world.Request!.Id }));
    }

    [Test]
    public async Task ListForDirectory_AnotherOwnersDirectory_ListsNothing()
    {
        var world = await ArrangeAsync(Operation.ListForDirectory, parentOwner: false);
        var other = DirectoryTestContext.NewOwner();
        var otherAdmin = await world.Context.AdminAsync(other);

        var listed = await world.Context.TrustService.ListForDirectoryAsync(other, otherAdmin, world.Directory.Id);

        Assert.That(listed.Value, Is.Empty, "an administrator of one owner reads nothing of another owner's directory");
    }
}
