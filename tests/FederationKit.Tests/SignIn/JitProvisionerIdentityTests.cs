using System.Collections.Immutable;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Stores;

namespace FederationKit.Tests.SignIn;

/// <summary>Identity intake (email verification and syntax) and admin roles from IdP admin groups.</summary>
public sealed class JitProvisionerIdentityTests
{
    [Test]
    public async Task SignIn_UnverifiedEmailNewUser_IsRefusedWithoutWriting()
    {
        var h = await SignInHarness.CreateAsync();

        var result = await h.SignInAsync(SignInHarness.Identity() with { EmailVerified = false });

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.EmailUnverified));
        Assert.That(await h.Users.CountByDirectoryAsync(h.Directory), Is.Zero);
        Assert.That(await h.Memberships.ListByOrganizationAsync(h.Acme, null, 100), Is.Empty);
        Assert.That(h.Events.Events, Is.Empty);
    }

    [TestCase(false, null)]
    [TestCase(true, OrganizationRole.Admin)]
    public async Task SignIn_ExistingUserAssertsInvitedEmail_TakesTheInvitationOnlyWhenVerified(bool verified, OrganizationRole? betaRole)
    {
        var h = await SignInHarness.CreateAsync();
        var first = (await h.SignInAsync(SignInHarness.Identity())).Value;
        var beta = await h.AddOrganizationAsync("Beta", h.Parent);
        h.SetPolicy(h.Policy with
        {
            Organizations = [h.Acme, beta],
            OrganizationSettings = ImmutableDictionary<OrganizationId, OrganizationJoinSettings>.Empty.Add(beta, new OrganizationJoinSettings { JoinMode = JoinMode.InvitationOnly }),
        });
        var invitation = new SignInInvitation(Guid.NewGuid(), beta, OrganizationRole.Admin, h.Clock.GetUtcNow()) { Email = "cfo@acme.com" };
        await h.Invitations.AddAsync(invitation);

        var second = await h.SignInAsync(SignInHarness.Identity(email: "cfo@acme.com") with { EmailVerified = verified });

        Assert.That(second.IsSuccess, Is.True, () => second.Error.ToString());
        Assert.That((await h.MemberAsync(beta, first.UserId))?.Role, Is.EqualTo(betaRole));
        Assert.That(await h.Invitations.FindMatchAsync(beta, "cfo@acme.com", h.Directory, "other", h.Clock.GetUtcNow()) is null, Is.EqualTo(verified));
        Assert.That((await h.Users.FindAsync(first.UserId))!.Email, Is.EqualTo(verified ? "cfo@acme.com" : "john.smith@acme.com"));
        Assert.That((await h.MemberAsync(h.Acme, first.UserId))!.Email, Is.EqualTo(verified ? "cfo@acme.com" : "john.smith@acme.com"));
    }

    [Test]
    public async Task SignIn_ExistingUserUnverifiedEmailOnForeignDomain_SignsInKeepingStoredEmail()
    {
        var h = await SignInHarness.CreateAsync();
        var first = (await h.SignInAsync(SignInHarness.Identity())).Value;

        var second = await h.SignInAsync(SignInHarness.Identity(email: "john@gmail.com") with { EmailVerified = false });

        Assert.That(second.Value.Changes, Is.Empty);
        Assert.That((await h.Users.FindAsync(first.UserId))!.Email, Is.EqualTo("john.smith@acme.com"));
        Assert.That((await h.Memberships.FindAsync(h.Acme, first.UserId))!.Email, Is.EqualTo("john.smith@acme.com"));
    }

    [TestCase("ceo@partner.example@acme.com")]
    [TestCase("\"ceo\"@acme.com")]
    [TestCase("\"ceo@partner.example\"@acme.com")]
    [TestCase("\"CEO\" ceo@acme.com")]
    [TestCase("CEO <ceo@acme.com>")]
    [TestCase("ceo..x@acme.com")]
    [TestCase(".ceo@acme.com")]
    [TestCase("ceo@[10.0.0.1]")]
    [TestCase("c\u00e9o@acme.com")]
    public async Task SignIn_EmailNotAPlainAddrSpec_IsRefusedWithoutWriting(string email)
    {
        var h = await SignInHarness.CreateAsync();

        var result = await h.SignInAsync(SignInHarness.Identity(email: email));

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.EmailInvalid));
        Assert.That(await h.Users.CountByDirectoryAsync(h.Directory), Is.Zero);
    }

    [Test]
    public async Task SignIn_EmailWithUpperCaseDomainAndTrailingDot_IsStoredCanonically()
    {
        var h = await SignInHarness.CreateAsync();

        var outcome = (await h.SignInAsync(SignInHarness.Identity(email: " John.Smith@ACME.com. "))).Value;

        Assert.That((await h.Users.FindAsync(outcome.UserId))!.Email, Is.EqualTo("John.Smith@acme.com"));
    }

    [Test]
    public async Task SignIn_AdminGroupLeft_RoleFallsBackToDefault()
    {
        var h = await SignInHarness.CreateAsync((_, p) => p with { AdminGroups = ["sg-admins"] });
        var first = (await h.SignInAsync(SignInHarness.Identity(groups: ["sg-admins"]))).Value;
        Assert.That(first.Memberships.Single().Role, Is.EqualTo(OrganizationRole.Admin));

        var second = (await h.SignInAsync(SignInHarness.Identity(groups: ["sg-staff"]))).Value;

        Assert.That(second.Memberships.Single().Role, Is.EqualTo(OrganizationRole.Member));
        Assert.That((await h.MemberAsync(h.Acme, first.UserId))!.Role, Is.EqualTo(OrganizationRole.Member));
        var change = second.Changes.OfType<SignInMemberRoleChanged>().Single();
        Assert.That((change.PreviousRole, change.Role), Is.EqualTo((OrganizationRole.Admin, OrganizationRole.Member)));

        var third = (await h.SignInAsync(SignInHarness.Identity(groups: ["sg-admins"]))).Value;
        Assert.That(third.Memberships.Single().Role, Is.EqualTo(OrganizationRole.Admin));
    }

    [Test]
    public async Task SignIn_AdminSubjectRemovedFromPolicy_RoleFallsBackToDefault()
    {
        var h = await SignInHarness.CreateAsync((_, p) => p with { AdminSubjects = ["sub-john"] });
        var first = (await h.SignInAsync(SignInHarness.Identity())).Value;
        Assert.That(first.Memberships.Single().Role, Is.EqualTo(OrganizationRole.Admin));
        h.SetPolicy(h.Policy with { AdminSubjects = [] });

        var second = (await h.SignInAsync(SignInHarness.Identity())).Value;

        Assert.That(second.Memberships.Single().Role, Is.EqualTo(OrganizationRole.Member));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task SignIn_HandPromotedAdminWithoutAdminGroup_StaysAdmin(bool signedInWithAdminGroupMeanwhile)
    {
        var h = await SignInHarness.CreateAsync((_, p) => p with { AdminGroups = ["sg-admins"] });
        var first = (await h.SignInAsync(SignInHarness.Identity())).Value;
        var member = (await h.Memberships.FindAsync(h.Acme, first.UserId))!;
        await h.Committer.CommitAsync(FederationKit.Stores.ChangeSet.Empty.UpdateMembership(member with { Role = OrganizationRole.Admin }));
        if (signedInWithAdminGroupMeanwhile)
        {
            Assert.That((await h.SignInAsync(SignInHarness.Identity(groups: ["sg-admins"]))).Value.Memberships.Single().Role, Is.EqualTo(OrganizationRole.Admin));
        }

        var later = (await h.SignInAsync(SignInHarness.Identity())).Value;

        Assert.That(later.Memberships.Single().Role, Is.EqualTo(OrganizationRole.Admin));
        Assert.That(later.Changes.OfType<SignInMemberRoleChanged>(), Is.Empty);
    }
}
