using FederationKit.Events;
using FederationKit.Stores;
using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;
using FederationKit.Tests.Directories;

namespace FederationKit.Tests.DirectoryTrust;

public sealed class DirectoryTrustServiceTests
{
    private static readonly TrustRequester Bea = new(UserId.New(), "Bea Beta", "bea@beta.example", "Beta");

    private sealed record Setup(DirectoryTestContext Context, OwnerRef Owner, IdentityDirectory Directory, Organization Trustee);

    private static async Task<Setup> ArrangeAsync()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var directory = await context.LinkedDirectoryAsync(owner, "acme.com");
        var trustee = await context.NewOrganizationAsync("Beta");
        return new Setup(context, owner, directory, trustee);
    }

    private static async Task<TrustRequest> RequestAsync(Setup s) => (await s.Context.TrustService.RequestAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), "acme.com", Bea)).Value;

    private static async Task<TrustRequest> AcceptedAsync(Setup s)
    {
        var request = await RequestAsync(s);
        return (await s.Context.TrustService.AcceptAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [request.Id])).Value[0];
    }

    [Test]
    public async Task Request_LinkedDomainOfOtherOwner_IsPendingAndSharesRequesterWithOwner()
    {
        var s = await ArrangeAsync();

        var request = await s.Context.TrustService.RequestAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), "ACME.com", Bea);

        Assert.That(request.Value.State, Is.EqualTo(TrustRequestState.Pending));
        Assert.That(request.Value.DirectoryId, Is.EqualTo(s.Directory.Id));
        var notice = s.Context.Events.OfType<TrustRequestChanged>().Single();
        Assert.That(notice.Type, Is.EqualTo(DirectoryEventTypes.TrustRequested));
        Assert.That(notice.DirectoryOwner, Is.EqualTo(s.Owner));
        Assert.That(notice.Requester, Is.EqualTo(Bea));
    }

    [Test]
    public async Task Request_SubdomainOfLinkedDomain_FindsTheDirectory()
    {
        var s = await ArrangeAsync();

        var request = await s.Context.TrustService.RequestAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), "eu.acme.com", Bea);

        Assert.That(request.Value.DirectoryId, Is.EqualTo(s.Directory.Id));
    }

    [Test]
    public async Task Request_Refusals_HaveExactCodes()
    {
        var s = await ArrangeAsync();
        s.Context.Domains.Verify(s.Owner, "acme.org");
        s.Context.Domains.Verify(s.Trustee.EffectiveOwner, "beta.example");

        Assert.Multiple(async () =>
        {
            Assert.That((await s.Context.TrustService.RequestAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), "*.acme", Bea)).Error.Code, Is.EqualTo(DirectoryErrorCodes.DomainInvalid));
            Assert.That((await s.Context.TrustService.RequestAsync(s.Context.OtherOrganizationId, await s.Context.AdminAsync(s.Context.OtherOrganizationId), "acme.com", Bea)).Error.Code, Is.EqualTo(TrustErrorCodes.OrganizationNotFound));
            Assert.That((await s.Context.TrustService.RequestAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), "nobody.example", Bea)).Error.Code, Is.EqualTo(TrustErrorCodes.DomainNotHeld));
            Assert.That((await s.Context.TrustService.RequestAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), "beta.example", Bea)).Error.Code, Is.EqualTo(TrustErrorCodes.OwnDomain));
            Assert.That((await s.Context.TrustService.RequestAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), "acme.org", Bea)).Error.Code, Is.EqualTo(TrustErrorCodes.DomainNotLinked));
        });
    }

    [Test]
    public async Task Request_Twice_SecondIsRefusedUntilTheFirstEnds()
    {
        var s = await ArrangeAsync();
        var first = await RequestAsync(s);

        var second = await s.Context.TrustService.RequestAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), "acme.com", Bea);
        await s.Context.TrustService.CancelAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), first.Id);
        var third = await s.Context.TrustService.RequestAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), "acme.com", Bea);

        Assert.That(second.Error.Code, Is.EqualTo(TrustErrorCodes.AlreadyRequested));
        Assert.That(third.IsSuccess, Is.True);
    }

    [Test]
    public async Task Request_Concurrently_CreatesExactlyOne()
    {
        var s = await ArrangeAsync();

        var admin = await s.Context.AdminAsync(s.Trustee.Id);
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => s.Context.TrustService.RequestAsync(s.Trustee.Id, admin, "acme.com", Bea))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
        Assert.That(results.Where(r => r.IsFailure).Select(r => r.Error.Code), Is.All.EqualTo(TrustErrorCodes.AlreadyRequested));
    }

    [Test]
    public async Task Resend_AfterInterval_RefreshesAndNotifiesAgain()
    {
        var s = await ArrangeAsync();
        var request = await RequestAsync(s);
        s.Context.Clock.Advance(TimeSpan.FromHours(1));

        var resent = await s.Context.TrustService.ResendAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id);

        Assert.That(resent.Value.LastSentAt, Is.EqualTo(s.Context.Clock.GetUtcNow()));
        Assert.That(resent.Value.ResendCount, Is.EqualTo(1));
        Assert.That(s.Context.Events.OfType<TrustRequestChanged>()[^1].Type, Is.EqualTo(DirectoryEventTypes.TrustResent));
        Assert.That(s.Context.Events.OfType<TrustRequestChanged>()[^1].Requester, Is.EqualTo(Bea));
    }

    [Test]
    public async Task Resend_TooSoon_IsRateLimited()
    {
        var s = await ArrangeAsync();
        var request = await RequestAsync(s);
        s.Context.Clock.Advance(TimeSpan.FromMinutes(59));

        var resent = await s.Context.TrustService.ResendAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id);

        Assert.That(resent.Error.Code, Is.EqualTo(TrustErrorCodes.ResendTooSoon));
        Assert.That(resent.Error.Details["retryAfter"], Is.EqualTo(request.LastSentAt.AddHours(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task Resend_MoreThanMaximum_IsRateLimited()
    {
        var s = await ArrangeAsync();
        var request = await RequestAsync(s);
        for (var i = 0; i < s.Context.TrustOptions.MaximumResends; i++)
        {
            s.Context.Clock.Advance(TimeSpan.FromHours(2));
            Assert.That((await s.Context.TrustService.ResendAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id)).IsSuccess, Is.True);
        }

        s.Context.Clock.Advance(TimeSpan.FromHours(2));

        Assert.That((await s.Context.TrustService.ResendAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id)).Error.Code, Is.EqualTo(TrustErrorCodes.ResendTooSoon));
    }

    [Test]
    public async Task Resend_ByOtherOrganizationOrWhenNotPending_IsRefused()
    {
        var s = await ArrangeAsync();
        var request = await AcceptedAsync(s);
        s.Context.Clock.Advance(TimeSpan.FromHours(2));

        Assert.That((await s.Context.TrustService.ResendAsync(s.Context.OtherOrganizationId, await s.Context.AdminAsync(s.Context.OtherOrganizationId), request.Id)).Error.Code, Is.EqualTo(TrustErrorCodes.WrongParty));
        Assert.That((await s.Context.TrustService.ResendAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id)).Error.Code, Is.EqualTo(TrustErrorCodes.NotPending));
        Assert.That((await s.Context.TrustService.ResendAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), TrustRequestId.New())).Error.Code, Is.EqualTo(TrustErrorCodes.NotFound));
    }

    [Test]
    public async Task Cancel_Pending_CancelsAndRaisesEvent_ThenAcceptIsRefused()
    {
        var s = await ArrangeAsync();
        var request = await RequestAsync(s);

        var cancelled = await s.Context.TrustService.CancelAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id);
        var accepted = await s.Context.TrustService.AcceptAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [request.Id]);

        Assert.That(cancelled.Value.State, Is.EqualTo(TrustRequestState.Cancelled));
        Assert.That(accepted.Error.Code, Is.EqualTo(TrustErrorCodes.NotPending));
        Assert.That(s.Context.Events.OfType<TrustRequestChanged>().Any(e => e.Type == DirectoryEventTypes.TrustCancelled), Is.True);
    }

    [Test]
    public async Task Cancel_Accepted_IsRefused()
    {
        var s = await ArrangeAsync();
        var request = await AcceptedAsync(s);

        Assert.That((await s.Context.TrustService.CancelAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id)).Error.Code, Is.EqualTo(TrustErrorCodes.NotPending));
    }

    [Test]
    public async Task Accept_Several_AcceptsAllAtOnce()
    {
        var s = await ArrangeAsync();
        var gamma = await s.Context.NewOrganizationAsync("Gamma");
        var delta = await s.Context.NewOrganizationAsync("Delta");
        var first = await RequestAsync(s);
        var second = (await s.Context.TrustService.RequestAsync(gamma.Id, await s.Context.AdminAsync(gamma.Id), "acme.com", Bea)).Value;
        var third = (await s.Context.TrustService.RequestAsync(delta.Id, await s.Context.AdminAsync(delta.Id), "acme.com", Bea)).Value;

        var accepted = await s.Context.TrustService.AcceptAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [first.Id, second.Id]);

        Assert.That(accepted.Value.Select(r => r.State), Is.All.EqualTo(TrustRequestState.Accepted));
        Assert.That((await s.Context.Trust.FindAsync(third.Id))!.State, Is.EqualTo(TrustRequestState.Pending));
        Assert.That(s.Context.Events.OfType<TrustRequestChanged>().Count(e => e.Type == DirectoryEventTypes.TrustAccepted), Is.EqualTo(2));
    }

    [Test]
    public async Task Accept_OneNotPending_AcceptsNone()
    {
        var s = await ArrangeAsync();
        var gamma = await s.Context.NewOrganizationAsync("Gamma");
        var first = await RequestAsync(s);
        var second = (await s.Context.TrustService.RequestAsync(gamma.Id, await s.Context.AdminAsync(gamma.Id), "acme.com", Bea)).Value;
        await s.Context.TrustService.CancelAsync(gamma.Id, await s.Context.AdminAsync(gamma.Id), second.Id);

        var accepted = await s.Context.TrustService.AcceptAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [first.Id, second.Id]);

        Assert.That(accepted.Error.Code, Is.EqualTo(TrustErrorCodes.NotPending));
        Assert.That((await s.Context.Trust.FindAsync(first.Id))!.State, Is.EqualTo(TrustRequestState.Pending));
    }

    [Test]
    public async Task AcceptAll_AcceptsEveryPendingRequestOfTheDirectory()
    {
        var s = await ArrangeAsync();
        var gamma = await s.Context.NewOrganizationAsync("Gamma");
        await RequestAsync(s);
        await s.Context.TrustService.RequestAsync(gamma.Id, await s.Context.AdminAsync(gamma.Id), "acme.com", Bea);

        var accepted = await s.Context.TrustService.AcceptAllAsync(s.Owner, await s.Context.AdminAsync(s.Owner), s.Directory.Id);

        Assert.That(accepted.Value, Has.Count.EqualTo(2));
        Assert.That((await s.Context.TrustService.AcceptAllAsync(s.Owner, await s.Context.AdminAsync(s.Owner), s.Directory.Id)).Error.Code, Is.EqualTo(TrustErrorCodes.NothingToAccept));
    }

    [Test]
    public async Task Accept_ByOtherOwner_IsRefused()
    {
        var s = await ArrangeAsync();
        var request = await RequestAsync(s);

        Assert.That((await s.Context.TrustService.AcceptAsync(s.Context.OtherOwner, await s.Context.AdminAsync(s.Context.OtherOwner), [request.Id])).Error.Code, Is.EqualTo(TrustErrorCodes.WrongParty));
        Assert.That((await s.Context.TrustService.AcceptAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [TrustRequestId.New()])).Error.Code, Is.EqualTo(TrustErrorCodes.NotFound));
        Assert.That((await s.Context.TrustService.AcceptAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [])).Error.Code, Is.EqualTo(TrustErrorCodes.NothingToAccept));
    }

    [TestCase("")]
    [TestCase("   ")]
    public async Task Reject_WithoutReason_IsRefused(string reason)
    {
        var s = await ArrangeAsync();
        var request = await RequestAsync(s);

        Assert.That((await s.Context.TrustService.RejectAsync(s.Owner, await s.Context.AdminAsync(s.Owner), request.Id, reason)).Error.Code, Is.EqualTo(TrustErrorCodes.ReasonRequired));
        Assert.That((await s.Context.Trust.FindAsync(request.Id))!.State, Is.EqualTo(TrustRequestState.Pending));
    }

    [Test]
    public async Task Reject_WithReason_RejectsAndTellsTheReason()
    {
        var s = await ArrangeAsync();
        var request = await RequestAsync(s);

        var rejected = await s.Context.TrustService.RejectAsync(s.Owner, await s.Context.AdminAsync(s.Owner), request.Id, " Not a partner ");

        Assert.That(rejected.Value.State, Is.EqualTo(TrustRequestState.Rejected));
        Assert.That(rejected.Value.RejectionReason, Is.EqualTo("Not a partner"));
        Assert.That(s.Context.Events.OfType<TrustRequestChanged>()[^1].Reason, Is.EqualTo("Not a partner"));
        Assert.That((await s.Context.TrustService.RejectAsync(s.Owner, await s.Context.AdminAsync(s.Owner), request.Id, "again")).Error.Code, Is.EqualTo(TrustErrorCodes.NotPending));
    }

    [Test]
    public async Task ListTrustedDirectories_Accepted_ShowsDirectoryAndDomains()
    {
        var s = await ArrangeAsync();
        var request = await AcceptedAsync(s);

        var trusted = (await s.Context.TrustService.ListTrustedDirectoriesAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id))).Value;

        Assert.That(trusted.Single().RequestId, Is.EqualTo(request.Id));
        Assert.That(trusted.Single().Domains, Is.EqualTo(new[] { "acme.com" }));
        Assert.That((await s.Context.TrustService.ListForDirectoryAsync(s.Owner, await s.Context.AdminAsync(s.Owner), s.Directory.Id)).Value, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AddTrusteeUser_DomainUser_BecomesMemberOfTrusteeWithOwnProfile()
    {
        var s = await ArrangeAsync();
        var request = await AcceptedAsync(s);
        var user = UserId.New();

        var added = await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id, user, "carol@eu.acme.com", OrganizationRole.Admin);

        Assert.That(added.Value.TrusteeUsers.Single().UserId, Is.EqualTo(user));
        var profile = await s.Context.Memberships.FindAsync(s.Trustee.Id, user);
        Assert.That(profile?.Role, Is.EqualTo(OrganizationRole.Admin));
        Assert.That(profile, Is.Not.Null, "the trustee organization keeps its own profile of the user");
        Assert.That(profile!.UserType, Is.EqualTo(MemberUserType.Business));
        Assert.That(profile.DirectoryId, Is.EqualTo(s.Directory.Id));
        Assert.That(profile.Email, Is.EqualTo("carol@eu.acme.com"));
        Assert.That(profile.Username, Is.EqualTo("carol1"), "a 5-character local part gets a digit to reach the minimum length");
        Assert.That(s.Context.Events.OfType<TrusteeUserChanged>().Single().Type, Is.EqualTo(DirectoryEventTypes.TrusteeUserAdded));
    }

    [Test]
    public async Task AddTrusteeUser_EmailOnASubdomainAnotherOwnerVerified_IsRefused()
    {
        var s = await ArrangeAsync();
        var request = await AcceptedAsync(s);
        s.Context.Domains.Verify(DirectoryTestContext.NewOwner(), "eu.acme.com");
        var user = UserId.New();

        var added = await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id, user, "erik@eu.acme.com");

        Assert.That(added.Error.Code, Is.EqualTo(TrustErrorCodes.EmailNotInDirectory));
        Assert.That((await s.Context.Memberships.FindAsync(s.Trustee.Id, user)), Is.Null);
    }

    [TestCase("ceo@partner.example@acme.com")]
    [TestCase("\"x y\"@acme.com")]
    [TestCase("Carol <carol@acme.com>")]
    public async Task AddTrusteeUser_EmailNotAPlainAddress_IsRefusedWithoutWriting(string email)
    {
        var s = await ArrangeAsync();
        var request = await AcceptedAsync(s);
        var user = UserId.New();

        var added = await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id, user, email);

        Assert.That(added.Error.Code, Is.EqualTo(OrganizationErrorCodes.EmailInvalid));
        Assert.That((await s.Context.Memberships.FindAsync(s.Trustee.Id, user)), Is.Null);
    }

    [Test]
    public async Task AddTrusteeUser_EmailInMixedCase_IsStoredInItsCanonicalForm()
    {
        var s = await ArrangeAsync();
        var request = await AcceptedAsync(s);

        var added = await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id, UserId.New(), " Carol@ACME.com. ");

        Assert.That(added.IsSuccess, Is.True, () => added.Error.ToString());
        Assert.That(added.Value.TrusteeUsers.Single().Email, Is.EqualTo("Carol@acme.com"));
    }

    [Test]
    public async Task AddTrusteeUser_MembershipCannotBeWritten_AddsNothingAndRaisesNoEvent()
    {
        var s = await ArrangeAsync();
        var request = await AcceptedAsync(s);
        var user = UserId.New();
        var events = new InMemoryFederationEventSink();
        var failing = new DirectoryTrustService(s.Context.Trust, s.Context.Directories, s.Context.Links, s.Context.Domains, s.Context.Organizations,
            s.Context.Memberships, s.Context.Users, new ChangeSetCommitter(new FailingChangeSetStore(), events), s.Context.Administrators, events, s.Context.Clock, s.Context.TrustOptions);

        var added = await failing.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id, user, "carol@acme.com");

        Assert.That(added.Error.Code, Is.EqualTo("test.store_failed"));
        Assert.That(await s.Context.Memberships.FindAsync(s.Trustee.Id, user), Is.Null);
        Assert.That((await s.Context.Trust.FindAsync(request.Id))!.TrusteeUsers, Is.Empty);
        Assert.That(events.Events, Is.Empty);
    }

    private sealed class FailingChangeSetStore : IChangeSetStore
    {
        public Task<Result> CommitAsync(ChangeSet change, CancellationToken cancellationToken = default) =>
            Task.FromResult<Result>(new FederationError("test.store_failed", "The store refused."));
    }

    [Test]
    public async Task AddTrusteeUser_Refusals_HaveExactCodes()
    {
        var s = await ArrangeAsync();
        var pending = await RequestAsync(s);
        var user = UserId.New();

        Assert.That((await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), pending.Id, user, "carol@acme.com")).Error.Code, Is.EqualTo(TrustErrorCodes.NotAccepted));
        await s.Context.TrustService.AcceptAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [pending.Id]);
        Assert.Multiple(async () =>
        {
            Assert.That((await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), pending.Id, user, "carol@evilacme.com")).Error.Code, Is.EqualTo(TrustErrorCodes.EmailNotInDirectory));
            Assert.That((await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), pending.Id, user, "carol")).Error.Code, Is.EqualTo(OrganizationErrorCodes.EmailInvalid));
            Assert.That((await s.Context.TrustService.AddTrusteeUserAsync(s.Context.OtherOrganizationId, await s.Context.AdminAsync(s.Context.OtherOrganizationId), pending.Id, user, "carol@acme.com")).Error.Code, Is.EqualTo(TrustErrorCodes.WrongParty));
        });
        Assert.That((await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), pending.Id, user, "carol@acme.com")).IsSuccess, Is.True);
        Assert.That((await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), pending.Id, user, "carol@acme.com")).Error.Code, Is.EqualTo(TrustErrorCodes.UserAlreadyMember));
        var existingMember = await s.Context.OwnerOfAsync(s.Trustee.Id);
        Assert.That((await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), pending.Id, existingMember.UserId, "owner@acme.com")).Error.Code, Is.EqualTo(TrustErrorCodes.UserAlreadyMember));
        Assert.That((await s.Context.Trust.FindAsync(pending.Id))!.TrusteeUsers, Has.Count.EqualTo(1));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task RevokeOrWithdraw_RemovesTrusteeUsersFromTrusteeOnly(bool revoke)
    {
        var s = await ArrangeAsync();
        var request = await AcceptedAsync(s);
        var carol = UserId.New();
        var dave = UserId.New();
        await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id, carol, "carol@acme.com");
        await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id, dave, "dave@acme.com");

        var ended = revoke
            ? await s.Context.TrustService.RevokeAsync(s.Owner, await s.Context.AdminAsync(s.Owner), request.Id)
            : await s.Context.TrustService.WithdrawAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id);

        Assert.That(ended.Value.State, Is.EqualTo(revoke ? TrustRequestState.Revoked : TrustRequestState.Withdrawn));
        Assert.That(await s.Context.Memberships.FindAsync(s.Trustee.Id, carol), Is.Null);
        Assert.That(await s.Context.Memberships.FindAsync(s.Trustee.Id, dave), Is.Null);
        Assert.That(await s.Context.Memberships.ListByOrganizationAsync(s.Trustee.Id, null, 100), Has.Count.EqualTo(1), "the trustee's own members stay");
        Assert.That(s.Context.Events.OfType<TrusteeUserChanged>().Count(e => e.Type == DirectoryEventTypes.TrusteeUserRemoved), Is.EqualTo(2));
        Assert.That(s.Context.Events.OfType<TrustRequestChanged>()[^1].Type, Is.EqualTo(revoke ? DirectoryEventTypes.TrustRevoked : DirectoryEventTypes.TrustWithdrawn));
        Assert.That((await s.Context.TrustService.ListTrustedDirectoriesAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id))).Value, Is.Empty);
    }

    [Test]
    public async Task RevokeAndWithdraw_Refusals_HaveExactCodes()
    {
        var s = await ArrangeAsync();
        var pending = await RequestAsync(s);

        Assert.That((await s.Context.TrustService.RevokeAsync(s.Owner, await s.Context.AdminAsync(s.Owner), pending.Id)).Error.Code, Is.EqualTo(TrustErrorCodes.NotAccepted));
        Assert.That((await s.Context.TrustService.WithdrawAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), pending.Id)).Error.Code, Is.EqualTo(TrustErrorCodes.NotAccepted));
        Assert.That((await s.Context.TrustService.RevokeAsync(s.Context.OtherOwner, await s.Context.AdminAsync(s.Context.OtherOwner), pending.Id)).Error.Code, Is.EqualTo(TrustErrorCodes.WrongParty));
        Assert.That((await s.Context.TrustService.WithdrawAsync(s.Context.OtherOrganizationId, await s.Context.AdminAsync(s.Context.OtherOrganizationId), pending.Id)).Error.Code, Is.EqualTo(TrustErrorCodes.WrongParty));
    }

    [Test]
    public async Task AcceptAndCancel_Concurrently_ExactlyOneWins()
    {
        for (var round = 0; round < 20; round++)
        {
            var s = await ArrangeAsync();
            var request = await RequestAsync(s);

            var accept = Task.Run(async () => (await s.Context.TrustService.AcceptAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [request.Id])).ToResult());
            var cancel = Task.Run(async () => (await s.Context.TrustService.CancelAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id)).ToResult());
            var results = await Task.WhenAll(accept, cancel);

            Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
            Assert.That(results.Single(r => r.IsFailure).Error.Code, Is.AnyOf(TrustErrorCodes.NotPending, StoreErrorCodes.ConcurrencyConflict));
            var state = (await s.Context.Trust.FindAsync(request.Id))!.State;
            Assert.That(state, Is.EqualTo(results[0].IsSuccess ? TrustRequestState.Accepted : TrustRequestState.Cancelled));
        }
    }

    [Test]
    public async Task RevokeAndWithdraw_Concurrently_ExactlyOneWinsAndUsersAreRemovedOnce()
    {
        for (var round = 0; round < 20; round++)
        {
            var s = await ArrangeAsync();
            var request = await AcceptedAsync(s);
            var carol = UserId.New();
            await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id, carol, "carol@acme.com");

            var revoke = Task.Run(async () => (await s.Context.TrustService.RevokeAsync(s.Owner, await s.Context.AdminAsync(s.Owner), request.Id)).ToResult());
            var withdraw = Task.Run(async () => (await s.Context.TrustService.WithdrawAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id)).ToResult());
            var results = await Task.WhenAll(revoke, withdraw);

            Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
            Assert.That(results.Single(r => r.IsFailure).Error.Code, Is.EqualTo(TrustErrorCodes.NotAccepted));
            Assert.That((await s.Context.Memberships.FindAsync(s.Trustee.Id, carol)), Is.Null);
            Assert.That(s.Context.Events.OfType<TrusteeUserChanged>().Count(e => e.Type == DirectoryEventTypes.TrusteeUserRemoved), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task AddTrusteeUserAndRevoke_Concurrently_LeaveNoOrphanMember()
    {
        for (var round = 0; round < 30; round++)
        {
            var s = await ArrangeAsync();
            var request = await AcceptedAsync(s);
            var users = Enumerable.Range(0, 4).Select(_ => UserId.New()).ToList();

            var adds = users.Select((u, i) => Task.Run(async () => (await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), request.Id, u, $"user{i}@acme.com")).ToResult()));
            var revoke = Task.Run(async () => (await s.Context.TrustService.RevokeAsync(s.Owner, await s.Context.AdminAsync(s.Owner), request.Id)).ToResult());
            var results = await Task.WhenAll(adds.Append(revoke));

            Assert.That(results[^1].IsSuccess, Is.True, "revoke wins over user additions");
            foreach (var user in users)
            {
                Assert.That(await s.Context.Memberships.FindAsync(s.Trustee.Id, user), Is.Null, $"round {round}");
            }
        }
    }

    [Test]
    public async Task RequestAndDeleteDirectory_Concurrently_LeaveNoOpenRequestOnADeletedDirectory()
    {
        for (var round = 0; round < 30; round++)
        {
            var s = await ArrangeAsync();
            // The link exists while the request looks it up; the deletion unlinks it and deletes the directory meanwhile.
            var admin = await s.Context.AdminAsync(s.Trustee.Id);
            var request = Task.Run(() => s.Context.TrustService.RequestAsync(s.Trustee.Id, admin, "acme.com", Bea));
            var delete = Task.Run(async () =>
            {
                await s.Context.Links.DeleteAsync("acme.com", 1);
                return await s.Context.DirectoryService.DeleteDirectoryAsync(s.Directory.Id, s.Context.Admin);
            });
            await Task.WhenAll(request, delete);

            var directoryExists = await s.Context.Directories.FindAsync(s.Directory.Id) is not null;
            var open = (await s.Context.Trust.ListByDirectoryAsync(s.Directory.Id)).Where(r => r.IsOpen).ToList();
            Assert.That(directoryExists || open.Count == 0, Is.True, $"round {round}: an open request points at a deleted directory");
        }
    }
}
