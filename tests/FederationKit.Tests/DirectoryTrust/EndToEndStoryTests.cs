using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.Tests.Directories;

namespace FederationKit.Tests.DirectoryTrust;

/// <summary>The story of issue 4 on the in-memory stores, with a fake of the domain-claims part.</summary>
public sealed class EndToEndStoryTests
{
    [Test]
    public async Task Story_OwnerLinksTrusteeJoinsOwnerMigratesAndRevokes_UserLeavesTrusteeOnly()
    {
        var context = new DirectoryTestContext();

        // The owner (Acme) verifies acme.com and links it to a Federated directory with an active SAML profile.
        var acme = await context.NewOrganizationAsync("Acme");
        var owner = acme.EffectiveOwner;
        context.Domains.Verify(owner, "acme.com");
        var directory = (await context.DirectoryService.CreateDirectoryAsync(owner, context.Admin, "Acme staff", DirectoryIdentityType.Federated)).Value;
        Assert.That((await context.DirectoryService.LinkDomainAsync(directory.Id, context.Admin, "acme.com")).IsSuccess, Is.True);
        var oldProfile = await context.ActiveSamlProfileAsync(directory.Id, "Old IdP");

        // An Acme employee signs in through the old IdP and becomes a member of the directory and of Acme.
        var carol = UserId.New();
        await context.SignedInUserAsync(oldProfile.Id, DirectoryTestContext.SamlIdentity("carol@acme.com"));
        await context.Committer.CommitAsync(MembershipChanges.Join(MembershipChanges.NewLocalMember(acme.Id, carol, "carol@acme.com", OrganizationRole.Member, context.Clock.GetUtcNow())));

        // A second organization (Beta) finds acme.com held by another owner (its claim is refused with a hint to request access).
        var beta = await context.NewOrganizationAsync("Beta");
        Assert.That(await context.Domains.FindOwnerAsync("acme.com"), Is.EqualTo(owner));
        Assert.That(await context.Domains.FindOwnerAsync("acme.com"), Is.Not.EqualTo(beta.EffectiveOwner));

        // Beta requests trustee access; Acme's admins are told who asks; Acme accepts.
        var requester = new TrustRequester((await context.OwnerOfAsync(beta.Id)).UserId, "Bea Beta", "bea@beta.example", "Beta");
        var request = (await context.TrustService.RequestAsync(beta.Id, await context.AdminAsync(beta.Id), "acme.com", requester)).Value;
        Assert.That(context.Events.OfType<TrustRequestChanged>().Single().Requester.Email, Is.EqualTo("bea@beta.example"));
        Assert.That((await context.TrustService.AcceptAsync(owner, await context.AdminAsync(owner), [request.Id])).IsSuccess, Is.True);
        Assert.That((await context.TrustService.ListTrustedDirectoriesAsync(beta.Id, await context.AdminAsync(beta.Id))).Value.Single().Domains, Is.EqualTo(new[] { "acme.com" }));

        // Beta adds Carol as a Business-ID member with its own profile in Beta.
        Assert.That((await context.TrustService.AddTrusteeUserAsync(beta.Id, await context.AdminAsync(beta.Id), request.Id, carol, "carol@acme.com", OrganizationRole.Admin)).IsSuccess, Is.True);
        Assert.That((await context.Memberships.FindAsync(beta.Id, carol))!.Role, Is.EqualTo(OrganizationRole.Admin));

        // Acme migrates the directory to a new IdP: add inactive, test with a sign-in that maps the same way, activate.
        var newSettings = DirectoryTestContext.ValidSaml() with { EntityId = "https://new-idp.acme.example/" };
        var newProfile = (await context.ProfileService.AddSamlProfileAsync(directory.Id, context.Admin, "New IdP", newSettings)).Value;
        Assert.That((await context.ProfileService.ActivateProfileAsync(newProfile.Id, context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileNotTested));
        var test = await context.ProfileService.TestProfileAsync(newProfile.Id, context.Admin, DirectoryTestContext.SamlIdentity("carol@acme.com", issuer: "https://new-idp.acme.example/"));
        Assert.That(test.Value.Passed, Is.True);
        Assert.That((await context.ProfileService.ActivateProfileAsync(newProfile.Id, context.Admin)).Value.IsActive, Is.True);
        var profiles = (await context.ProfileService.ListProfilesAsync(directory.Id, context.Admin)).Value;
        Assert.That(profiles.Single(p => p.IsActive).Id, Is.EqualTo(newProfile.Id));
        Assert.That((await context.ProfileService.DeleteProfileAsync(oldProfile.Id, context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileHasMembers));

        // Acme revokes Beta: Carol is gone from Beta, still in Acme.
        Assert.That((await context.TrustService.RevokeAsync(owner, await context.AdminAsync(owner), request.Id)).IsSuccess, Is.True);
        Assert.That((await context.Memberships.FindAsync(beta.Id, carol)), Is.Null);
        Assert.That((await context.Memberships.FindAsync(acme.Id, carol)), Is.Not.Null);
        Assert.That(context.Events.OfType<TrusteeUserChanged>().Select(e => e.Type), Is.EqualTo(new[] { DirectoryEventTypes.TrusteeUserAdded, DirectoryEventTypes.TrusteeUserRemoved }));

        // The directory still cannot be deleted: it has users and a linked domain.
        Assert.That((await context.DirectoryService.DeleteDirectoryAsync(directory.Id, context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.HasUsers));
    }
}
