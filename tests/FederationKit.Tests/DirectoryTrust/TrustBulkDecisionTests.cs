using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Organizations;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using FederationKit.Tests.Directories;

namespace FederationKit.Tests.DirectoryTrust;

/// <summary>Rejecting and revoking several trust requests in one call: all or none, as accepting several.</summary>
public sealed class TrustBulkDecisionTests
{
    private static readonly TrustRequester Bea = new(UserId.New(), "Bea Beta", "bea@beta.example", "Beta");

    private sealed record Setup(DirectoryTestContext Context, OwnerRef Owner, IdentityDirectory Directory, IReadOnlyList<Organization> Trustees, IReadOnlyList<TrustRequest> Requests);

    private static async Task<Setup> ArrangeAsync(int trustees = 3)
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var directory = await context.LinkedDirectoryAsync(owner, "acme.com");
        var organizations = new List<Organization>();
        var requests = new List<TrustRequest>();
        foreach (var name in new[] { "Beta", "Gamma", "Delta" }.Take(trustees))
        {
            var organization = await context.NewOrganizationAsync(name);
            organizations.Add(organization);
            requests.Add((await context.TrustService.RequestAsync(organization.Id, await context.AdminAsync(organization.Id), "acme.com", Bea)).Value);
        }

        return new Setup(context, owner, directory, organizations, requests);
    }

    private static async Task<TrustRequestState> StateAsync(Setup s, TrustRequest request) => (await s.Context.Trust.FindAsync(request.Id))!.State;

    [Test]
    public async Task RejectMany_Several_RejectsEachWithTheReasonAndOneEventEach()
    {
        var s = await ArrangeAsync();

        var rejected = await s.Context.TrustService.RejectManyAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [s.Requests[0].Id, s.Requests[1].Id], " Not a partner ");

        Assert.That(rejected.IsSuccess, Is.True, () => rejected.Error.ToString());
        Assert.That(rejected.Value.Select(r => r.Id), Is.EquivalentTo(new[] { s.Requests[0].Id, s.Requests[1].Id }));
        foreach (var request in s.Requests.Take(2))
        {
            var stored = (await s.Context.Trust.FindAsync(request.Id))!;
            Assert.That((stored.State, stored.RejectionReason), Is.EqualTo((TrustRequestState.Rejected, "Not a partner")));
        }

        Assert.That(await StateAsync(s, s.Requests[2]), Is.EqualTo(TrustRequestState.Pending), "a request not named stays pending");
        var events = s.Context.Events.OfType<TrustRequestChanged>().Where(e => e.Type == DirectoryEventTypes.TrustRejected).ToList();
        Assert.That(events.Select(e => e.RequestId), Is.EquivalentTo(new[] { s.Requests[0].Id, s.Requests[1].Id }));
        Assert.That(events.Select(e => e.Reason), Is.All.EqualTo("Not a partner"));
    }

    [Test]
    public async Task RejectMany_OneNotPending_RejectsNoneAndNamesIt()
    {
        var s = await ArrangeAsync();
        await s.Context.TrustService.CancelAsync(s.Trustees[1].Id, await s.Context.AdminAsync(s.Trustees[1].Id), s.Requests[1].Id);

        var rejected = await s.Context.TrustService.RejectManyAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [s.Requests[0].Id, s.Requests[1].Id, s.Requests[2].Id], "No");

        Assert.That(rejected.Error.Code, Is.EqualTo(TrustErrorCodes.NotPending));
        Assert.That(rejected.Error.Details["requestId"], Is.EqualTo(s.Requests[1].Id.ToString()));
        Assert.That(await StateAsync(s, s.Requests[0]), Is.EqualTo(TrustRequestState.Pending));
        Assert.That(await StateAsync(s, s.Requests[2]), Is.EqualTo(TrustRequestState.Pending));
        Assert.That(s.Context.Events.OfType<TrustRequestChanged>().Where(e => e.Type == DirectoryEventTypes.TrustRejected), Is.Empty);
    }

    [TestCase("")]
    [TestCase("  ")]
    [TestCase(null)]
    public async Task RejectMany_WithoutReason_IsRefused(string? reason)
    {
        var s = await ArrangeAsync();

        var rejected = await s.Context.TrustService.RejectManyAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [s.Requests[0].Id], reason!);

        Assert.That(rejected.Error.Code, Is.EqualTo(TrustErrorCodes.ReasonRequired));
        Assert.That(await StateAsync(s, s.Requests[0]), Is.EqualTo(TrustRequestState.Pending));
    }

    [Test]
    public async Task RejectMany_Refusals_HaveExactCodes()
    {
        var s = await ArrangeAsync();
        var unknown = TrustRequestId.New();

        Assert.That((await s.Context.TrustService.RejectManyAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [], "No")).Error.Code, Is.EqualTo(TrustErrorCodes.NothingToDecide));
        var notFound = await s.Context.TrustService.RejectManyAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [s.Requests[0].Id, unknown], "No");
        Assert.That((notFound.Error.Code, notFound.Error.Details["requestId"]), Is.EqualTo((TrustErrorCodes.NotFound, unknown.ToString())));
        Assert.That((await s.Context.TrustService.RejectManyAsync(s.Context.OtherOwner, await s.Context.AdminAsync(s.Context.OtherOwner), [s.Requests[0].Id], "No")).Error.Code, Is.EqualTo(TrustErrorCodes.WrongParty));
        Assert.That(await StateAsync(s, s.Requests[0]), Is.EqualTo(TrustRequestState.Pending));
    }

    [Test]
    public async Task RevokeMany_Several_RevokesEachAndRemovesMembersAddedByHandAndByJit()
    {
        var s = await ArrangeAsync();
        await s.Context.TrustService.AcceptAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [.. s.Requests.Select(r => r.Id)]);
        var carol = UserId.New();
        Assert.That((await s.Context.TrustService.AddTrusteeUserAsync(s.Trustees[0].Id, await s.Context.AdminAsync(s.Trustees[0].Id), s.Requests[0].Id, carol, "carol@acme.com")).IsSuccess, Is.True);
        var dave = await JitAddedMemberAsync(s, s.Trustees[1], "dave@acme.com");
        var erin = await JitAddedMemberAsync(s, s.Trustees[2], "erin@acme.com");

        var revoked = await s.Context.TrustService.RevokeManyAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [s.Requests[0].Id, s.Requests[1].Id]);

        Assert.That(revoked.IsSuccess, Is.True, () => revoked.Error.ToString());
        Assert.That(revoked.Value.Select(r => r.State), Is.All.EqualTo(TrustRequestState.Revoked));
        Assert.That((await s.Context.Memberships.FindAsync(s.Trustees[0].Id, carol)), Is.Null, "the member added by hand left");
        Assert.That((await s.Context.Memberships.FindAsync(s.Trustees[1].Id, dave)), Is.Null, "the JIT-added member left");
        Assert.That((await s.Context.Memberships.FindAsync(s.Trustees[2].Id, erin)), Is.Not.Null, "the trust not named stays, with its members");
        Assert.That(await StateAsync(s, s.Requests[2]), Is.EqualTo(TrustRequestState.Accepted));
        Assert.That(s.Context.Events.OfType<TrustRequestChanged>().Where(e => e.Type == DirectoryEventTypes.TrustRevoked).Select(e => e.RequestId), Is.EquivalentTo(new[] { s.Requests[0].Id, s.Requests[1].Id }));
        Assert.That(s.Context.Events.OfType<TrusteeUserChanged>().Where(e => e.Type == DirectoryEventTypes.TrusteeUserRemoved).Select(e => e.UserId), Is.EquivalentTo(new[] { carol, dave }));
    }

    [Test]
    public async Task RevokeMany_OneNotAccepted_RevokesNoneAndRemovesNobody()
    {
        var s = await ArrangeAsync();
        await s.Context.TrustService.AcceptAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [s.Requests[0].Id, s.Requests[1].Id]);
        var dave = await JitAddedMemberAsync(s, s.Trustees[0], "dave@acme.com");

        var revoked = await s.Context.TrustService.RevokeManyAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [s.Requests[0].Id, s.Requests[2].Id, s.Requests[1].Id]);

        Assert.That(revoked.Error.Code, Is.EqualTo(TrustErrorCodes.NotAccepted));
        Assert.That(revoked.Error.Details["requestId"], Is.EqualTo(s.Requests[2].Id.ToString()));
        Assert.That(await StateAsync(s, s.Requests[0]), Is.EqualTo(TrustRequestState.Accepted));
        Assert.That(await StateAsync(s, s.Requests[1]), Is.EqualTo(TrustRequestState.Accepted));
        Assert.That((await s.Context.Memberships.FindAsync(s.Trustees[0].Id, dave)), Is.Not.Null);
        Assert.That(s.Context.Events.OfType<TrustRequestChanged>().Where(e => e.Type == DirectoryEventTypes.TrustRevoked), Is.Empty);
    }

    [Test]
    public async Task RevokeMany_Refusals_HaveExactCodes()
    {
        var s = await ArrangeAsync();
        await s.Context.TrustService.AcceptAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [s.Requests[0].Id]);

        Assert.That((await s.Context.TrustService.RevokeManyAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [])).Error.Code, Is.EqualTo(TrustErrorCodes.NothingToDecide));
        Assert.That((await s.Context.TrustService.RevokeManyAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [TrustRequestId.New()])).Error.Code, Is.EqualTo(TrustErrorCodes.NotFound));
        var wrongParty = await s.Context.TrustService.RevokeManyAsync(s.Context.OtherOwner, await s.Context.AdminAsync(s.Context.OtherOwner), [s.Requests[0].Id]);
        Assert.That((wrongParty.Error.Code, wrongParty.Error.Details["requestId"]), Is.EqualTo((TrustErrorCodes.WrongParty, s.Requests[0].Id.ToString())));
        Assert.That(await StateAsync(s, s.Requests[0]), Is.EqualTo(TrustRequestState.Accepted));
    }

    [Test]
    public async Task RevokeMany_UserAddedMeanwhile_RevokesOnTheFreshStateAndRemovesThatUserToo()
    {
        var s = await ArrangeAsync();
        await s.Context.TrustService.AcceptAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [s.Requests[0].Id, s.Requests[1].Id]);
        var racing = new RacingTrustStore(s.Context.Trust);
        var service = new DirectoryTrustService(racing, s.Context.Directories, s.Context.Links, s.Context.Domains, s.Context.Organizations,
            s.Context.Memberships, s.Context.Users, s.Context.Committer, s.Context.Administrators, s.Context.Events, s.Context.Clock, s.Context.TrustOptions);
        var frank = UserId.New();
        racing.BeforeNextUpdate = async () =>
            Assert.That((await s.Context.TrustService.AddTrusteeUserAsync(s.Trustees[0].Id, await s.Context.AdminAsync(s.Trustees[0].Id), s.Requests[0].Id, frank, "frank@acme.com")).IsSuccess, Is.True);

        var revoked = await service.RevokeManyAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [s.Requests[0].Id, s.Requests[1].Id]);

        Assert.That(revoked.IsSuccess, Is.True, () => revoked.Error.ToString());
        Assert.That(revoked.Value.Select(r => r.State), Is.All.EqualTo(TrustRequestState.Revoked));
        Assert.That((await s.Context.Memberships.FindAsync(s.Trustees[0].Id, frank)), Is.Null, "the user added during the revoke left too");
    }

    [Test]
    public async Task AcceptSeveral_OneNotFound_NamesIt()
    {
        var s = await ArrangeAsync();
        var unknown = TrustRequestId.New();

        var accepted = await s.Context.TrustService.AcceptAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [s.Requests[0].Id, unknown]);

        Assert.That((accepted.Error.Code, accepted.Error.Details["requestId"]), Is.EqualTo((TrustErrorCodes.NotFound, unknown.ToString())));
        Assert.That(await StateAsync(s, s.Requests[0]), Is.EqualTo(TrustRequestState.Pending));
    }

    /// <summary>Runs a concurrent change just before the next multi-request update reaches the store.</summary>
    private sealed class RacingTrustStore(IDirectoryTrustStore inner) : IDirectoryTrustStore
    {
        public Func<Task>? BeforeNextUpdate { get; set; }

        public Task<TrustRequest?> FindAsync(TrustRequestId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public Task<IReadOnlyList<TrustRequest>> ListByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) => inner.ListByDirectoryAsync(directoryId, cancellationToken);

        public Task<IReadOnlyList<TrustRequest>> ListByTrusteeAsync(OrganizationId trustee, CancellationToken cancellationToken = default) => inner.ListByTrusteeAsync(trustee, cancellationToken);

        public Task<Result<TrustRequest>> AddAsync(TrustRequest request, CancellationToken cancellationToken = default) => inner.AddAsync(request, cancellationToken);

        public async Task<Result<IReadOnlyList<TrustRequest>>> UpdateAsync(IReadOnlyList<TrustRequest> requests, CancellationToken cancellationToken = default)
        {
            if (requests.Count > 1 && BeforeNextUpdate is { } race)
            {
                BeforeNextUpdate = null;
                await race();
            }

            return await inner.UpdateAsync(requests, cancellationToken);
        }
    }

    // What JIT does when a user of the trusted directory signs in: a member of the trustee organization with a Business-ID
    // profile naming the directory.
    private static async Task<UserId> JitAddedMemberAsync(Setup s, Organization trustee, string email)
    {
        var userId = UserId.New();
        var member = new Membership
        {
            OrganizationId = trustee.Id,
            UserId = userId,
            Role = OrganizationRole.Member,
            DirectoryId = s.Directory.Id,
            Username = email[..email.IndexOf('@', StringComparison.Ordinal)],
            UserType = MemberUserType.Business,
            Email = email,
            JoinedAt = s.Context.Clock.GetUtcNow(),
        };
        Assert.That((await s.Context.Committer.CommitAsync(MembershipChanges.Join(member))).IsSuccess, Is.True);
        return userId;
    }
}
