using FederationKit.DirectoryTrust;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using FederationKit.Tests.Directories;

namespace FederationKit.Tests.DirectoryTrust;

/// <summary>
/// Review finding 9: ending a trust never removes the trustee organization's last owner; and an administrator's explicit add of
/// a user through the trust clears the user's earlier removal from that organization (the lifecycle's <c>RemovedFrom</c> marker).
/// </summary>
public sealed class TrustEndKeepsOwnersTests
{
    private static readonly TrustRequester Bea = new(UserId.New(), "Bea Beta", "bea@beta.example", "Beta");

    private sealed record Setup(DirectoryTestContext Context, OwnerRef Owner, IdentityDirectory Directory, Organization Trustee, TrustRequest Trust);

    private static async Task<Setup> ArrangeAsync()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var directory = await context.LinkedDirectoryAsync(owner, "acme.com");
        var trustee = await context.NewOrganizationAsync("Beta");
        var request = (await context.TrustService.RequestAsync(trustee.Id, await context.AdminAsync(trustee.Id), "acme.com", Bea)).Value;
        var accepted = (await context.TrustService.AcceptAsync(owner, await context.AdminAsync(owner), [request.Id])).Value[0];
        return new Setup(context, owner, directory, trustee, accepted);
    }

    // The trustee organization's only owner becomes a user added through the trust: the original owner leaves.
    private static async Task<UserId> MakeTrusteeUserTheOnlyOwnerAsync(Setup s)
    {
        var carol = UserId.New();
        Assert.That((await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), s.Trust.Id, carol, "carol@acme.com", OrganizationRole.Owner)).IsSuccess, Is.True);
        var original = (await s.Context.Memberships.ListAdministratorsAsync(s.Trustee.Id)).Single(m => m.UserId != carol);
        Assert.That((await s.Context.Committer.CommitAsync(MembershipChanges.Leave(original))).IsSuccess, Is.True);
        return carol;
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task RevokeOrWithdraw_WouldRemoveTheLastOwner_IsRefusedAndNothingChanges(bool revoke)
    {
        var s = await ArrangeAsync();
        var carol = await MakeTrusteeUserTheOnlyOwnerAsync(s);

        var ended = revoke ? await s.Context.TrustService.RevokeAsync(s.Owner, await s.Context.AdminAsync(s.Owner), s.Trust.Id) : await s.Context.TrustService.WithdrawAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), s.Trust.Id);

        Assert.That(ended.Error.Code, Is.EqualTo(TrustErrorCodes.LastOwner));
        Assert.That(ended.Error.Details["userId"], Is.EqualTo(carol.ToString()));
        Assert.That((await s.Context.Trust.FindAsync(s.Trust.Id))!.State, Is.EqualTo(TrustRequestState.Accepted));
        Assert.That((await s.Context.Memberships.FindAsync(s.Trustee.Id, carol))?.Role, Is.EqualTo(OrganizationRole.Owner));
    }

    [Test]
    public async Task RevokeMany_WouldRemoveTheLastOwner_IsRefusedAndNothingChanges()
    {
        var s = await ArrangeAsync();
        var carol = await MakeTrusteeUserTheOnlyOwnerAsync(s);

        var ended = await s.Context.TrustService.RevokeManyAsync(s.Owner, await s.Context.AdminAsync(s.Owner), [s.Trust.Id]);

        Assert.That(ended.Error.Code, Is.EqualTo(TrustErrorCodes.LastOwner));
        Assert.That((await s.Context.Trust.FindAsync(s.Trust.Id))!.State, Is.EqualTo(TrustRequestState.Accepted));
        Assert.That(await s.Context.Memberships.FindAsync(s.Trustee.Id, carol), Is.Not.Null);
    }

    [Test]
    public async Task Revoke_AnotherOwnerStays_RemovesTheTrusteeOwner()
    {
        var s = await ArrangeAsync();
        var carol = UserId.New();
        Assert.That((await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), s.Trust.Id, carol, "carol@acme.com", OrganizationRole.Owner)).IsSuccess, Is.True);

        var ended = await s.Context.TrustService.RevokeAsync(s.Owner, await s.Context.AdminAsync(s.Owner), s.Trust.Id);

        Assert.That(ended.IsSuccess, Is.True, () => ended.Error.ToString());
        Assert.That(await s.Context.Memberships.FindAsync(s.Trustee.Id, carol), Is.Null);
        Assert.That((await s.Context.Memberships.ListAdministratorsAsync(s.Trustee.Id)).Count(m => m.Role == OrganizationRole.Owner), Is.EqualTo(1));
    }

    [Test]
    public async Task AddTrusteeUser_UserAnAdministratorRemovedEarlier_ClearsTheRemovalMarker()
    {
        var s = await ArrangeAsync();
        var dave = new FederatedUser
        {
            Id = UserId.New(),
            Subject = "dave@acme.com",
            DirectoryId = s.Directory.Id,
            Email = "dave@acme.com",
            CreatedAt = s.Context.Clock.GetUtcNow(),
            LastSignInAt = s.Context.Clock.GetUtcNow(),
            RemovedFrom = [s.Trustee.Id],
        };
        Assert.That((await s.Context.Committer.CommitAsync(ChangeSet.Empty.AddUser(dave))).IsSuccess, Is.True);

        var added = await s.Context.TrustService.AddTrusteeUserAsync(s.Trustee.Id, await s.Context.AdminAsync(s.Trustee.Id), s.Trust.Id, dave.Id, "dave@acme.com");

        Assert.That(added.IsSuccess, Is.True, () => added.Error.ToString());
        Assert.That(await s.Context.Memberships.FindAsync(s.Trustee.Id, dave.Id), Is.Not.Null);
        Assert.That((await s.Context.Users.FindAsync(dave.Id))!.RemovedFrom, Does.Not.Contain(s.Trustee.Id));
    }
}
