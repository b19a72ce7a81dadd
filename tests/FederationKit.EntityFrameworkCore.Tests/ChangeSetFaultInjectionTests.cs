using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Events;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests;

/// <summary>
/// Fault injection on EF Core: a first sign-in's change (a new user, its memberships, and an update and a removal of other
/// rows) fails at each database command in turn. Whatever the step, nothing of it is persisted and no event is published.
/// </summary>
public abstract class ChangeSetFaultInjectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A context factory on a new database whose commands pass through <paramref name="interceptor"/>.</summary>
    protected abstract Task<IDbContextFactory<FederationKitDbContext>> NewDatabaseAsync(FailingCommandInterceptor interceptor);

    [Test]
    public async Task Commit_FailingAtEachCommand_PersistsNothingAndPublishesNothing()
    {
        var interceptor = new FailingCommandInterceptor();
        var contexts = await NewDatabaseAsync(interceptor);
        var users = new EntityFrameworkFederatedUserStore<FederationKitDbContext>(contexts);
        var memberships = new EntityFrameworkMembershipStore<FederationKitDbContext>(contexts);
        var store = new EntityFrameworkChangeSetStore<FederationKitDbContext>(contexts);
        var org = OrganizationId.New();
        var directory = DirectoryId.New();

        // Measure how many commands a successful commit sends, then fail at each of them.
        var (measured, _) = await ArrangeAsync(store, memberships, users, org, directory, "measure");
        interceptor.Arm(0);
        Assert.That((await store.CommitAsync(measured)).IsSuccess, Is.True);
        var commands = interceptor.Count;
        Assert.That(commands, Is.GreaterThanOrEqualTo(4), "update user, remove, update and insert at least");

        for (var step = 1; step <= commands; step++)
        {
            var (change, existing) = await ArrangeAsync(store, memberships, users, org, directory, $"s{step}");
            var sink = new InMemoryFederationEventSink();
            var committer = new ChangeSetCommitter(store, sink);
            interceptor.Arm(step);

            var thrown = Assert.CatchAsync(async () => await committer.CommitAsync(change), $"step {step}");
            Assert.That(thrown!.ToString(), Does.Contain($"Injected fault at command {step}."));

            interceptor.Arm(0);
            var newUser = change.AddedUsers[0];
            Assert.That(await users.FindAsync(newUser.Id), Is.Null, $"step {step}: the new user");
            Assert.That(await memberships.ListByUserAsync(newUser.Id), Is.Empty, $"step {step}: its memberships");
            Assert.That((await users.FindAsync(existing.User.Id))!.Version, Is.EqualTo(1), $"step {step}: the updated user");
            Assert.That(await memberships.FindAsync(org, existing.Leaving.UserId), Is.Not.Null, $"step {step}: the removed membership");
            Assert.That((await memberships.FindAsync(org, existing.Kept.UserId))!.Version, Is.EqualTo(1), $"step {step}: the updated membership");
            Assert.That(sink.Events, Is.Empty, $"step {step}: no event escapes");
        }
    }

    [Test]
    public async Task Commit_WithTheEventOutbox_EventsAreWrittenInTheChangesTransactionAndNeverOnFailure()
    {
        var interceptor = new FailingCommandInterceptor();
        var contexts = await NewDatabaseAsync(interceptor);
        var users = new EntityFrameworkFederatedUserStore<FederationKitDbContext>(contexts);
        var memberships = new EntityFrameworkMembershipStore<FederationKitDbContext>(contexts);
        var outbox = new EntityFrameworkEventOutbox<FederationKitDbContext>(contexts, FederationEventTypeRegistry.Core, TimeProvider.System);
        var outboxSink = new FederationEventOutboxSink(outbox);
        var store = new EntityFrameworkChangeSetStore<FederationKitDbContext>(contexts, outboxSink, outbox, FederationEventTypeRegistry.Core, TimeProvider.System);
        Assert.That(store.AppendsEventsToOutbox, Is.True);
        var org = OrganizationId.New();
        var directory = DirectoryId.New();

        // Success: the change's events are in the outbox (written by the store), and the committer adds no second copy.
        var (committed, _) = await ArrangeAsync(store, memberships, users, org, directory, "ok");
        var arranged = await ClaimAllAsync(outbox);
        var committer = new ChangeSetCommitter(store, outboxSink);
        Assert.That((await committer.CommitAsync(committed)).IsSuccess, Is.True);
        var written = await ClaimAllAsync(outbox);
        Assert.That(written.Select(c => c.Entry.Event.EventId), Is.EqualTo(committed.Events.Select(e => e.EventId)), "exactly the change's events, once");
        Assert.That(arranged, Is.Empty, "the arranging change raises no event");

        // Failure at each command: no event row is left behind.
        interceptor.Arm(0);
        var (measured, _) = await ArrangeAsync(store, memberships, users, org, directory, "measure");
        await ClaimAllAsync(outbox);
        interceptor.Arm(0);
        Assert.That((await store.CommitAsync(measured)).IsSuccess, Is.True);
        var commands = interceptor.Count;
        await ClaimAllAsync(outbox);
        for (var step = 1; step <= commands; step++)
        {
            var (change, _) = await ArrangeAsync(store, memberships, users, org, directory, $"o{step}");
            await ClaimAllAsync(outbox);
            interceptor.Arm(step);
            Assert.CatchAsync(async () => await committer.CommitAsync(change), $"step {step}");
            interceptor.Arm(0);
            Assert.That(await users.FindAsync(change.AddedUsers[0].Id), Is.Null, $"step {step}: the new user");
            Assert.That(await ClaimAllAsync(outbox), Is.Empty, $"step {step}: no event row");
        }
    }

    [Test]
    public async Task CreateOrganization_FailingAtEachCommand_LeavesNoOwnerlessOrganizationAndNoEvent()
    {
        var interceptor = new FailingCommandInterceptor();
        var contexts = await NewDatabaseAsync(interceptor);
        var organizations = new EntityFrameworkOrganizationStore<FederationKitDbContext>(contexts);
        var memberships = new EntityFrameworkMembershipStore<FederationKitDbContext>(contexts);
        var sink = new InMemoryFederationEventSink();
        var service = new OrganizationService(
            organizations, new EntityFrameworkParentOrganizationStore<FederationKitDbContext>(contexts), memberships,
            new ChangeSetCommitter(new EntityFrameworkChangeSetStore<FederationKitDbContext>(contexts), sink), TimeProvider.System);

        interceptor.Arm(0);
        var measured = await service.CreateOrganizationAsync("Measure", UserId.New(), "owner@acme.example");
        Assert.That(measured.IsSuccess, Is.True);
        var commands = interceptor.Count;
        Assert.That(commands, Is.GreaterThanOrEqualTo(1));

        for (var step = 1; step <= commands; step++)
        {
            interceptor.Arm(step);
            Assert.CatchAsync(async () => await service.CreateOrganizationAsync($"Acme {step}", UserId.New(), "owner@acme.example"), $"step {step}");
            interceptor.Arm(0);
            await using var db = await contexts.CreateDbContextAsync();
            Assert.That(await db.Set<Model.OrganizationRow>().CountAsync(), Is.EqualTo(1), $"step {step}: only the measured organization");
            Assert.That(await db.Set<Model.MembershipRow>().CountAsync(), Is.EqualTo(1), $"step {step}: only its owner");
            Assert.That(sink.Events, Has.Count.EqualTo(1), $"step {step}: no event escapes");
        }

        Assert.That((await memberships.FindAsync(measured.Value.Id, (await memberships.ListAdministratorsAsync(measured.Value.Id)).Single().UserId))!.Role, Is.EqualTo(OrganizationRole.Owner));
    }

    [Test]
    public async Task OrganizationAndInvitationWrites_WithTheEventOutbox_FailingAtEachCommand_WriteNeitherTheRowNorTheEvent()
    {
        var interceptor = new FailingCommandInterceptor();
        var contexts = await NewDatabaseAsync(interceptor);
        var outbox = new EntityFrameworkEventOutbox<FederationKitDbContext>(contexts, FederationEventTypeRegistry.Core, TimeProvider.System);
        var sink = new FederationEventOutboxSink(outbox);
        var committer = new ChangeSetCommitter(
            new EntityFrameworkChangeSetStore<FederationKitDbContext>(contexts, sink, outbox, FederationEventTypeRegistry.Core, TimeProvider.System), sink);
        var organizations = new EntityFrameworkOrganizationStore<FederationKitDbContext>(contexts);
        var memberships = new EntityFrameworkMembershipStore<FederationKitDbContext>(contexts);
        var service = new OrganizationService(
            organizations, new EntityFrameworkParentOrganizationStore<FederationKitDbContext>(contexts), memberships, committer, TimeProvider.System);
        var invitations = new FederationKit.SignIn.Invitations.SignInInvitationService(
            new EntityFrameworkSignInInvitationStore<FederationKitDbContext>(contexts), organizations, memberships, committer, new FederationKit.SignIn.SignInOptions(), TimeProvider.System);
        var owner = UserId.New();
        interceptor.Arm(0);
        var organization = (await service.CreateOrganizationAsync("Acme", owner, "owner@acme.example")).Value.Id;
        var invite = new FederationKit.SignIn.Invitations.SignInInvitationRequest { Email = "ann@acme.example" };

        // Each write, measured once, then failed at each of its commands: the row and its event are written together or not at all.
        var writes = new (string Name, Func<Task<bool>> Write, Func<FederationKitDbContext, Task<bool>> Written)[]
        {
            ("invitation", async () => (await invitations.CreateAsync(organization, owner, invite)).IsSuccess,
                async db => await db.Set<Model.SignInInvitationRow>().AnyAsync()),
            ("only SSO", async () => (await service.SetOnlySsoAsync(organization, owner, true, [owner])).IsSuccess,
                async db => (await db.Set<Model.OrganizationRow>().SingleAsync()).OnlySso),
        };
        foreach (var (name, write, written) in writes)
        {
            interceptor.Arm(0);
            var events = await CountEventsAsync(contexts);
            Assert.That(await write(), Is.True, name);
            var commands = interceptor.Count;
            Assert.That(await CountEventsAsync(contexts), Is.EqualTo(events + 1), $"{name}: its event is in the outbox");
            await ResetAsync(contexts);

            for (var step = 1; step <= commands; step++)
            {
                interceptor.Arm(step);
                var succeeded = false;
                try
                {
                    succeeded = await write();
                }
                catch (Exception exception) when (exception.ToString().Contains("Injected fault", StringComparison.Ordinal))
                {
                }

                if (succeeded)
                {
                    // Fewer commands than the first run (EF caches what it looked up): the fault was never reached.
                    Assert.That(interceptor.Count, Is.LessThan(step), $"{name}, step {step}");
                    interceptor.Arm(0);
                    await ResetAsync(contexts);
                    break;
                }

                interceptor.Arm(0);
                await using var db = await contexts.CreateDbContextAsync();
                Assert.That(await written(db), Is.False, $"{name}, step {step}: the row");
                Assert.That(await CountEventsAsync(contexts), Is.EqualTo(events), $"{name}, step {step}: its event");
            }
        }
    }

    private static async Task<int> CountEventsAsync(IDbContextFactory<FederationKitDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Set<Model.EventOutboxRow>().CountAsync();
    }

    // Undoes a measured write (the invitation, the only-SSO switch and the break-glass flag, their events) so the next run starts alike.
    private static async Task ResetAsync(IDbContextFactory<FederationKitDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.Set<Model.SignInInvitationRow>().ExecuteDeleteAsync();
        await db.Set<Model.OrganizationRow>().ExecuteUpdateAsync(s => s.SetProperty(r => r.OnlySso, false));
        await db.Set<Model.MembershipRow>().ExecuteUpdateAsync(s => s.SetProperty(r => r.BreakGlass, false));
        var last = await db.Set<Model.EventOutboxRow>().MaxAsync(r => r.Sequence);
        await db.Set<Model.EventOutboxRow>().Where(r => r.Sequence == last).ExecuteDeleteAsync();
    }

    private static async Task<IReadOnlyList<OutboxClaim>> ClaimAllAsync(IFederationEventOutbox outbox)
    {
        var claims = await outbox.ClaimAsync(1000, TimeSpan.FromHours(1));
        foreach (var claim in claims)
        {
            Assert.That(await outbox.MarkDeliveredAsync(claim.Entry.Sequence, claim.LeaseToken), Is.True);
        }

        return claims;
    }

    private static async Task<(ChangeSet Change, (FederatedUser User, Membership Kept, Membership Leaving) Existing)> ArrangeAsync(
        IChangeSetStore store, IMembershipStore memberships, IFederatedUserStore users, OrganizationId org, DirectoryId directory, string tag)
    {
        var user = NewUser(directory, $"{tag}.old@acme.example");
        var kept = Member(org, UserId.New(), $"{tag}.kept");
        var leaving = Member(org, UserId.New(), $"{tag}.leaving");
        Assert.That((await store.CommitAsync(ChangeSet.Empty.AddUser(user).AddMembership(kept).AddMembership(leaving))).IsSuccess, Is.True);
        var userRead = (await users.FindAsync(user.Id))!;
        var keptRead = (await memberships.FindAsync(org, kept.UserId))!;
        var leavingRead = (await memberships.FindAsync(org, leaving.UserId))!;
        var newUser = NewUser(directory, $"{tag}.new@acme.example");
        var change = ChangeSet.Empty
            .AddUser(newUser)
            .AddMembership(Member(org, newUser.Id, $"{tag}.new"))
            .AddMembership(Member(OrganizationId.New(), newUser.Id, $"{tag}.new"))
            .UpdateUser(userRead with { LastSignInAt = Now.AddHours(1) })
            .UpdateMembership(keptRead with { Groups = ["changed"] })
            .RemoveMembership(leavingRead)
            .Raise(new SignInUserCreated(Now, newUser.Id, directory));
        return (change, (userRead, keptRead, leavingRead));
    }

    private static FederatedUser NewUser(DirectoryId directory, string email) => new()
    {
        Id = UserId.New(), DirectoryId = directory, Subject = Guid.NewGuid().ToString("N"), Email = email, CreatedAt = Now, LastSignInAt = Now,
    };

    private static Membership Member(OrganizationId org, UserId user, string username) => new()
    {
        OrganizationId = org, UserId = user, Role = OrganizationRole.Member, Email = username + "@acme.example", Username = username, JoinedAt = Now,
    };
}
