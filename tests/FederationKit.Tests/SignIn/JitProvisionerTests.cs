using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Stores;

namespace FederationKit.Tests.SignIn;

public sealed class JitProvisionerTests
{
    private static readonly NewMemberDefaults Defaults = new()
    {
        Role = OrganizationRole.Member,
        UserType = MemberUserType.Enterprise,
        Groups = ["everyone"],
        Settings = ImmutableDictionary<string, string>.Empty.Add("locale", "en-GB"),
    };

    [Test]
    public async Task SignIn_FirstSignInAutomaticJoin_CreatesUserAndMembershipWithDefaults()
    {
        var h = await SignInHarness.CreateAsync((_, p) => p with { Defaults = Defaults });

        var outcome = (await h.SignInAsync(SignInHarness.Identity())).Value;

        Assert.That(outcome.UserCreated, Is.True);
        var membership = outcome.Memberships.Single();
        Assert.That(membership, Is.EqualTo(new MembershipOutcome(h.Acme, OrganizationRole.Member, MemberUserType.Enterprise, "john.smith", membership.Groups, true)));
        Assert.That(membership.Groups, Is.EquivalentTo(new[] { "everyone" }));
        var profile = await h.Memberships.FindAsync(h.Acme, outcome.UserId);
        Assert.That(profile!.Settings["locale"], Is.EqualTo("en-GB"));
        Assert.That((await h.MemberAsync(h.Acme, outcome.UserId))!.Email, Is.EqualTo("john.smith@acme.com"));
        Assert.That(outcome.Changes.Select(c => c.Type), Is.EqualTo(new[] { "signin.user_created", "signin.member_joined" }));
        Assert.That(h.Events.Events, Is.EqualTo(outcome.Changes));
    }

    [Test]
    public async Task SignIn_SecondSignIn_SameUserNoDefaultsReapplied()
    {
        var h = await SignInHarness.CreateAsync((_, p) => p with { Defaults = Defaults });
        var first = (await h.SignInAsync(SignInHarness.Identity())).Value;
        var profile = (await h.Memberships.FindAsync(h.Acme, first.UserId))!;
        await h.Committer.CommitAsync(FederationKit.Stores.ChangeSet.Empty.UpdateMembership(profile with { Groups = profile.Groups.Remove("everyone"), Settings = profile.Settings.SetItem("locale", "fr-FR") }));
        h.SetPolicy(h.Policy with { Defaults = Defaults with { Role = OrganizationRole.Admin, Groups = ["newcomers"] } });

        var second = (await h.SignInAsync(SignInHarness.Identity())).Value;

        Assert.That(second.UserCreated, Is.False);
        Assert.That(second.UserId, Is.EqualTo(first.UserId));
        Assert.That(second.Memberships.Single().Joined, Is.False);
        Assert.That(second.Memberships.Single().Role, Is.EqualTo(OrganizationRole.Member));
        Assert.That(second.Memberships.Single().Groups, Is.Empty);
        Assert.That((await h.Memberships.FindAsync(h.Acme, first.UserId))!.Settings["locale"], Is.EqualTo("fr-FR"));
        Assert.That(second.Changes, Is.Empty);
    }

    [Test]
    public async Task SignIn_SameEmailDifferentSubject_IsADifferentUser()
    {
        var h = await SignInHarness.CreateAsync();
        var first = (await h.SignInAsync(SignInHarness.Identity("sub-1"))).Value;

        var second = (await h.SignInAsync(SignInHarness.Identity("sub-2"))).Value;

        Assert.That(second.UserId, Is.Not.EqualTo(first.UserId));
        Assert.That(second.UserCreated, Is.True);
    }

    [Test]
    public async Task SignIn_SameSubjectNewEmailAndNames_UpdatesProfileEverywhere()
    {
        var h = await SignInHarness.CreateAsync();
        var first = (await h.SignInAsync(SignInHarness.Identity())).Value;

        var renamed = SignInHarness.Identity(email: "john.doe@acme.com") with { FamilyName = "Doe" };
        var second = (await h.SignInAsync(renamed)).Value;

        Assert.That(second.UserId, Is.EqualTo(first.UserId));
        var user = (await h.Users.FindAsync(first.UserId))!;
        Assert.That((user.Email, user.FamilyName), Is.EqualTo(("john.doe@acme.com", "Doe")));
        var profile = (await h.Memberships.FindAsync(h.Acme, first.UserId))!;
        Assert.That((profile.Email, profile.FamilyName, profile.Username), Is.EqualTo(("john.doe@acme.com", "Doe", "john.smith")));
        Assert.That((await h.MemberAsync(h.Acme, first.UserId))!.Email, Is.EqualTo("john.doe@acme.com"));
        Assert.That(second.Changes.Select(c => c.Type), Is.EquivalentTo(new[] { "signin.user_profile_updated", "signin.member_profile_updated" }));
        Assert.That(((SignInUserProfileUpdated)second.Changes[0]).ChangedFields, Is.EquivalentTo(new[] { "email", "family_name" }));
    }

    [Test]
    public async Task SignIn_ProfileUpdateDisabled_KeepsStoredProfile()
    {
        var h = await SignInHarness.CreateAsync((_, p) => p with { UpdateProfileOnSignIn = false });
        var first = (await h.SignInAsync(SignInHarness.Identity())).Value;

        var second = (await h.SignInAsync(SignInHarness.Identity(email: "john.doe@acme.com") with { FamilyName = "Doe" })).Value;

        Assert.That((await h.Users.FindAsync(first.UserId))!.Email, Is.EqualTo("john.smith@acme.com"));
        Assert.That((await h.Memberships.FindAsync(h.Acme, first.UserId))!.FamilyName, Is.EqualTo("Smith"));
        Assert.That((await h.MemberAsync(h.Acme, first.UserId))!.Email, Is.EqualTo("john.smith@acme.com"));
        Assert.That(second.Changes, Is.Empty);
    }

    [Test]
    public async Task SignIn_InvitationOnlyUnknownUser_IsRefusedWithoutWritingAnything()
    {
        var h = await SignInHarness.CreateAsync((_, p) => p with { JoinMode = JoinMode.InvitationOnly });

        var result = await h.SignInAsync(SignInHarness.Identity());

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.InvitationRequired));
        Assert.That(await h.Users.CountByDirectoryAsync(h.Directory), Is.Zero);
        Assert.That(await h.Memberships.ListByOrganizationAsync(h.Acme, null, 100), Is.Empty);
        Assert.That(h.Events.Events, Is.Empty);
    }

    [Test]
    public async Task SignIn_InvitationOnlyInvitedByEmail_JoinsWithInvitedRoleAndConsumesInvitation()
    {
        var h = await SignInHarness.CreateAsync((_, p) => p with { JoinMode = JoinMode.InvitationOnly });
        var invitation = new SignInInvitation(Guid.NewGuid(), h.Acme, OrganizationRole.Admin, h.Clock.GetUtcNow()) { Email = "John.Smith@ACME.com" };
        await h.Invitations.AddAsync(invitation);

        var outcome = (await h.SignInAsync(SignInHarness.Identity())).Value;

        Assert.That(outcome.Memberships.Single().Role, Is.EqualTo(OrganizationRole.Admin));
        Assert.That(outcome.Changes.OfType<SignInInvitationAccepted>().Single().InvitationId, Is.EqualTo(invitation.Id));
        Assert.That(await h.Invitations.FindMatchAsync(h.Acme, "john.smith@acme.com", h.Directory, "sub-john", h.Clock.GetUtcNow()), Is.Null);
        Assert.That((await h.SignInAsync(SignInHarness.Identity())).IsSuccess, Is.True, "an existing member needs no new invitation");
        Assert.That((await h.SignInAsync(SignInHarness.Identity("sub-other"))).Error.Code, Is.EqualTo(SignInErrorCodes.InvitationRequired));
    }

    [Test]
    public async Task SignIn_InvitationOnlyInvitedByUserId_Joins()
    {
        var h = await SignInHarness.CreateAsync((_, p) => p with { JoinMode = JoinMode.InvitationOnly });
        await h.Invitations.AddAsync(new SignInInvitation(Guid.NewGuid(), h.Acme, OrganizationRole.Member, h.Clock.GetUtcNow()) { DirectoryId = h.Directory, Subject = "sub-john" });

        Assert.That((await h.SignInAsync(SignInHarness.Identity(email: null))).IsSuccess, Is.True);
    }

    [Test]
    public async Task SignIn_OrganizationOverrideInvitationOnly_OverridesAutomaticDirectory()
    {
        var h = await SignInHarness.CreateAsync((h, p) => p with
        {
            OrganizationSettings = ImmutableDictionary<OrganizationId, OrganizationJoinSettings>.Empty.Add(h.Acme, new OrganizationJoinSettings { JoinMode = JoinMode.InvitationOnly }),
        });

        Assert.That((await h.SignInAsync(SignInHarness.Identity())).Error.Code, Is.EqualTo(SignInErrorCodes.InvitationRequired));
    }

    private static IEnumerable<TestCaseData> BrokenSignIns()
    {
        yield return new TestCaseData((Func<SignInHarness, (SignInProfileContext, FederatedIdentity)>)(h =>
            (new SignInProfileContext(h.Directory, h.Profile), SignInHarness.Identity(subject: " "))), SignInErrorCodes.SubjectMissing).SetName("SignIn_SubjectMissing_IsRefused");
        yield return new TestCaseData((Func<SignInHarness, (SignInProfileContext, FederatedIdentity)>)(h =>
            (new SignInProfileContext(DirectoryId.New(), h.Profile), SignInHarness.Identity())), SignInErrorCodes.DirectoryNotConfigured).SetName("SignIn_UnknownDirectory_IsRefused");
        yield return new TestCaseData((Func<SignInHarness, (SignInProfileContext, FederatedIdentity)>)(h =>
            (new SignInProfileContext(h.Directory, IdpProfileId.New()), SignInHarness.Identity())), SignInErrorCodes.ProfileNotActive).SetName("SignIn_InactiveProfile_IsRefused");
        yield return new TestCaseData((Func<SignInHarness, (SignInProfileContext, FederatedIdentity)>)(h =>
            (new SignInProfileContext(h.Directory, h.Profile), SignInHarness.Identity(email: "john@gmail.com"))), SignInErrorCodes.EmailDomainNotCovered).SetName("SignIn_EmailOnUncoveredDomain_IsRefused");
        yield return new TestCaseData((Func<SignInHarness, (SignInProfileContext, FederatedIdentity)>)(h =>
            (new SignInProfileContext(h.Directory, h.Profile), SignInHarness.Identity(email: "john@evilacme.com"))), SignInErrorCodes.EmailDomainNotCovered).SetName("SignIn_EmailOnLookalikeDomain_IsRefused");
        yield return new TestCaseData((Func<SignInHarness, (SignInProfileContext, FederatedIdentity)>)(h =>
            (new SignInProfileContext(h.Directory, h.Profile), SignInHarness.Identity(email: "john@other.example"))), SignInErrorCodes.EmailDomainNotCovered).SetName("SignIn_EmailOnAnotherDirectorysDomain_IsRefused");
        yield return new TestCaseData((Func<SignInHarness, (SignInProfileContext, FederatedIdentity)>)(h =>
            (new SignInProfileContext(h.Directory, h.Profile), SignInHarness.Identity(email: "not-an-email"))), SignInErrorCodes.EmailInvalid).SetName("SignIn_InvalidEmail_IsRefused");
    }

    [TestCaseSource(nameof(BrokenSignIns))]
    public async Task SignIn_BrokenInput_IsRefusedWithoutWriting(Func<SignInHarness, (SignInProfileContext, FederatedIdentity)> breakIt, string code)
    {
        var h = await SignInHarness.CreateAsync();
        h.Routes.Set(new SignInRoute("other.example", OwnerRef.Parent(h.Parent), DirectoryId.New()));
        await h.Router.RefreshAsync();
        var (context, identity) = breakIt(h);

        var result = await h.Provisioner.SignInAsync(context, identity);

        Assert.That(result.Error.Code, Is.EqualTo(code));
        Assert.That(await h.Users.CountByDirectoryAsync(h.Directory), Is.Zero);
        Assert.That(h.Events.Events, Is.Empty);
    }

    [Test]
    public async Task SignIn_RouterNeverRefreshed_LoadsRoutesFirst()
    {
        var h = await SignInHarness.CreateAsync();
        var fresh = new JitProvisioner(h.Policies, h.Trustees, new SignInRouter(h.Routes, h.Options), h.Organizations, h.Users, h.Memberships, h.Invitations, h.Committer, h.Clock, h.Options);

        Assert.That((await fresh.SignInAsync(new SignInProfileContext(h.Directory, h.Profile), SignInHarness.Identity())).IsSuccess, Is.True);
    }

    [Test]
    public async Task SignIn_EmailOnSubdomainOfDirectoryDomain_IsAccepted()
    {
        var h = await SignInHarness.CreateAsync();

        Assert.That((await h.SignInAsync(SignInHarness.Identity(email: "john@eu.ACME.com"))).IsSuccess, Is.True);
    }

    [Test]
    public async Task SignIn_TwoUsersNormalizingToOneName_GetDistinctDeterministicNames()
    {
        var h = await SignInHarness.CreateAsync();

        var first = (await h.SignInAsync(SignInHarness.Identity("sub-1") with { Username = "john smith" })).Value;
        var second = (await h.SignInAsync(SignInHarness.Identity("sub-2") with { Username = "john_smith" })).Value;
        var third = (await h.SignInAsync(SignInHarness.Identity("sub-3") with { Username = "john-smith" })).Value;

        Assert.That(new[] { first, second, third }.Select(o => o.Memberships.Single().Username), Is.EqualTo(new[] { "john_smith", "john_smith1", "john_smith2" }));
    }

    [Test]
    public async Task SignIn_TwoUsersRacingForOneName_EndWithTwoDistinctNames()
    {
        for (var round = 0; round < 20; round++)
        {
            var h = await SignInHarness.CreateAsync();
            var identities = new[] { SignInHarness.Identity("sub-a") with { Username = "ann lee" }, SignInHarness.Identity("sub-b") with { Username = "ann_lee" } };

            var results = await Task.WhenAll(identities.Select(i => Task.Run(() => h.SignInAsync(i))));

            var names = results.Select(r => r.Value.Memberships.Single().Username).ToList();
            Assert.That(names, Is.EquivalentTo(new[] { "ann_lee", "ann_lee1" }), $"round {round}");
        }
    }

    [Test]
    public async Task SignIn_SameUserRacingFirstSignIn_OneUserOneMembership()
    {
        var h = await SignInHarness.CreateAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => h.SignInAsync(SignInHarness.Identity()))));

        Assert.That(results.All(r => r.IsSuccess), Is.True);
        Assert.That(results.Select(r => r.Value.UserId).Distinct().Count(), Is.EqualTo(1));
        Assert.That(results.Count(r => r.Value.UserCreated), Is.EqualTo(1));
        Assert.That(await h.Memberships.ListByOrganizationAsync(h.Acme, null, 100), Has.Count.EqualTo(1));
        Assert.That((await h.Memberships.ListByUserAsync(results[0].Value.UserId)).Single().Username, Is.EqualTo("john.smith"));
    }

    [Test]
    public async Task SignIn_ShortNameAndSuffix_AppendsDigitsThenSuffix()
    {
        var h = await SignInHarness.CreateAsync((_, p) => p with { UsernameSuffix = "_acme" });

        var outcome = (await h.SignInAsync(SignInHarness.Identity(email: "jo@acme.com"))).Value;

        Assert.That(outcome.Memberships.Single().Username, Is.EqualTo("jo0001_acme"));
    }

    [Test]
    public async Task SignIn_NoUsernameNoEmail_UsesUserId()
    {
        var h = await SignInHarness.CreateAsync();

        var outcome = (await h.SignInAsync(SignInHarness.Identity("00u1abcdef", email: null))).Value;

        Assert.That(outcome.Memberships.Single().Username, Is.EqualTo("00u1abcdef"));
    }

    [Test]
    public async Task SignIn_GroupMappings_AddedThenRemovedOnNextSignIn()
    {
        var h = await SignInHarness.CreateAsync((_, p) => p with
        {
            Defaults = Defaults,
            GroupMappings = [new GroupMapping("sg-eng", "engineering"), new GroupMapping("sg-ops", "operations"), new GroupMapping("SG-ENG", "shouting")],
        });

        var first = (await h.SignInAsync(SignInHarness.Identity(groups: ["sg-eng", "sg-ops", "unmapped"]))).Value;
        Assert.That(first.Memberships.Single().Groups, Is.EquivalentTo(new[] { "everyone", "engineering", "operations" }));

        var second = (await h.SignInAsync(SignInHarness.Identity(groups: ["sg-eng"]))).Value;

        Assert.That(second.Memberships.Single().Groups, Is.EquivalentTo(new[] { "everyone", "engineering" }));
        var change = second.Changes.OfType<SignInMemberGroupsChanged>().Single();
        Assert.That((change.Added, change.Removed), Is.EqualTo((ImmutableArray<string>.Empty, ImmutableArray.Create("operations"))).Using<(ImmutableArray<string>, ImmutableArray<string>)>((a, b) => a.Item1.SequenceEqual(b.Item1) && a.Item2.SequenceEqual(b.Item2)));

        var third = (await h.SignInAsync(SignInHarness.Identity(groups: ["sg-eng", "sg-ops"]))).Value;
        Assert.That(third.Memberships.Single().Groups, Is.EquivalentTo(new[] { "everyone", "engineering", "operations" }));
    }

    [Test]
    public async Task SignIn_GroupMappingForOneOrganization_DoesNotApplyToAnother()
    {
        var h = await SignInHarness.CreateAsync();
        var beta = await h.AddOrganizationAsync("Beta", h.Parent);
        h.SetPolicy(h.Policy with { Organizations = [h.Acme, beta], GroupMappings = [new GroupMapping("sg-eng", "engineering") { Organization = beta }] });

        var outcome = (await h.SignInAsync(SignInHarness.Identity(groups: ["sg-eng"]))).Value;

        Assert.That(outcome.Memberships.Single(m => m.OrganizationId == h.Acme).Groups, Is.Empty);
        Assert.That(outcome.Memberships.Single(m => m.OrganizationId == beta).Groups, Is.EquivalentTo(new[] { "engineering" }));
    }

    [Test]
    public async Task SignIn_AdvancedMappingsAcrossTwoOrganizations_GrantEachWithItsRole()
    {
        var h = await SignInHarness.CreateAsync();
        var beta = await h.AddOrganizationAsync("Beta", h.Parent);
        h.SetPolicy(h.Policy with
        {
            Organizations = [],
            AdvancedGroupMappings =
            [
                new AdvancedGroupMapping("sg-acme", h.Acme, OrganizationRole.Member),
                new AdvancedGroupMapping("sg-beta-admins", beta, OrganizationRole.Admin),
                new AdvancedGroupMapping("sg-beta", beta, OrganizationRole.Member),
            ],
        });

        var outcome = (await h.SignInAsync(SignInHarness.Identity(groups: ["sg-acme", "sg-beta", "sg-beta-admins"]))).Value;

        Assert.That(outcome.Memberships.Select(m => (m.OrganizationId, m.Role)), Is.EquivalentTo(new[] { (h.Acme, OrganizationRole.Member), (beta, OrganizationRole.Admin) }));
        Assert.That((await h.MemberAsync(beta, outcome.UserId))!.Role, Is.EqualTo(OrganizationRole.Admin));

        var onlyBeta = (await h.SignInAsync(SignInHarness.Identity("sub-2", groups: ["sg-beta"]))).Value;
        Assert.That(onlyBeta.Memberships.Select(m => (m.OrganizationId, m.Role)), Is.EqualTo(new[] { (beta, OrganizationRole.Member) }));
    }

    [Test]
    public async Task SignIn_AdvancedMappingGroupRemoved_LosesThatOrganizationOnNextSignIn()
    {
        var h = await SignInHarness.CreateAsync();
        var beta = await h.AddOrganizationAsync("Beta", h.Parent);
        h.SetPolicy(h.Policy with
        {
            AdvancedGroupMappings = [new AdvancedGroupMapping("sg-acme", h.Acme, OrganizationRole.Member), new AdvancedGroupMapping("sg-beta", beta, OrganizationRole.Member)],
        });
        var first = (await h.SignInAsync(SignInHarness.Identity(groups: ["sg-acme", "sg-beta"]))).Value;

        var second = (await h.SignInAsync(SignInHarness.Identity(groups: ["sg-acme"]))).Value;

        Assert.That(second.Memberships.Select(m => m.OrganizationId), Is.EqualTo(new[] { h.Acme }));
        Assert.That(await h.MemberAsync(beta, first.UserId), Is.Null);
        Assert.That(second.Changes.OfType<SignInMemberRemoved>().Single().OrganizationId, Is.EqualTo(beta));

        var third = (await h.SignInAsync(SignInHarness.Identity(groups: ["sg-acme", "sg-beta"]))).Value;
        Assert.That(third.Memberships.Single(m => m.OrganizationId == beta).Username, Is.EqualTo("john.smith"), "the profile and username are kept");
    }

    [Test]
    public async Task SignIn_AdvancedMappingsAndNoGrantingGroup_IsRefused()
    {
        var h = await SignInHarness.CreateAsync((h, p) => p with { AdvancedGroupMappings = [new AdvancedGroupMapping("sg-acme", h.Acme, OrganizationRole.Member)] });

        var result = await h.SignInAsync(SignInHarness.Identity(groups: ["sg-other"]));

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.NoOrganizationGranted));
        Assert.That(await h.Users.CountByDirectoryAsync(h.Directory), Is.Zero);
    }

    [Test]
    public async Task SignIn_AdvancedMappingToOrganizationOutsideTheOwner_GrantsNothing()
    {
        var h = await SignInHarness.CreateAsync();
        var foreign = await h.AddOrganizationAsync("Foreign", ParentOrganizationId.New());
        h.SetPolicy(h.Policy with { AdvancedGroupMappings = [new AdvancedGroupMapping("sg-x", foreign, OrganizationRole.Admin)] });

        Assert.That((await h.SignInAsync(SignInHarness.Identity(groups: ["sg-x"]))).Error.Code, Is.EqualTo(SignInErrorCodes.NoOrganizationGranted));
        Assert.That(await h.Memberships.ListByOrganizationAsync(foreign, null, 100), Is.Empty);
    }

    [Test]
    public async Task SignIn_AdminGroup_DesignatesAdministratorOnLaterSignIn()
    {
        var h = await SignInHarness.CreateAsync((_, p) => p with { AdminGroups = ["sg-admins"] });
        var first = (await h.SignInAsync(SignInHarness.Identity())).Value;
        Assert.That(first.Memberships.Single().Role, Is.EqualTo(OrganizationRole.Member));

        var second = (await h.SignInAsync(SignInHarness.Identity(groups: ["sg-admins"]))).Value;

        Assert.That(second.Memberships.Single().Role, Is.EqualTo(OrganizationRole.Admin));
        Assert.That((await h.MemberAsync(h.Acme, first.UserId))!.IsAdministrator, Is.True);
        var change = second.Changes.OfType<SignInMemberRoleChanged>().Single();
        Assert.That((change.PreviousRole, change.Role), Is.EqualTo((OrganizationRole.Member, OrganizationRole.Admin)));
    }

    [Test]
    public async Task SignIn_AdminSubject_JoinsAsAdministrator()
    {
        var h = await SignInHarness.CreateAsync((_, p) => p with { AdminSubjects = ["sub-it"] });

        Assert.That((await h.SignInAsync(SignInHarness.Identity("sub-it"))).Value.Memberships.Single().Role, Is.EqualTo(OrganizationRole.Admin));
        Assert.That((await h.SignInAsync(SignInHarness.Identity("SUB-IT"))).Value.Memberships.Single().Role, Is.EqualTo(OrganizationRole.Member));
    }

    [Test]
    public async Task SignIn_DirectoryWithTrustee_JoinsTrusteeAsBusinessMemberWithOwnProfile()
    {
        var h = await SignInHarness.CreateAsync((_, p) => p with { Defaults = Defaults, GroupMappings = [new GroupMapping("sg-eng", "engineering")] });
        var partner = await h.AddOrganizationAsync("Partner", ParentOrganizationId.New());
        h.Trustees.AddTrustee(h.Directory, partner);

        var outcome = (await h.SignInAsync(SignInHarness.Identity(groups: ["sg-eng"]))).Value;

        var home = outcome.Memberships.Single(m => m.OrganizationId == h.Acme);
        var trustee = outcome.Memberships.Single(m => m.OrganizationId == partner);
        Assert.That(home.UserType, Is.EqualTo(MemberUserType.Enterprise));
        Assert.That(trustee.UserType, Is.EqualTo(MemberUserType.Business));
        Assert.That(trustee.Role, Is.EqualTo(OrganizationRole.Member));
        Assert.That((await h.MemberAsync(partner, outcome.UserId))!.Email, Is.EqualTo("john.smith@acme.com"));
        Assert.That(await h.Memberships.ListByUserAsync(outcome.UserId), Has.Count.EqualTo(2));
        Assert.That(outcome.Changes.OfType<SignInMemberJoined>().Select(e => (e.OrganizationId, e.UserType)),
            Is.EquivalentTo(new[] { (h.Acme, MemberUserType.Enterprise), (partner, MemberUserType.Business) }));
    }

    [Test]
    public async Task SignIn_ExistingMemberAddedElsewhere_KeepsOtherMembers()
    {
        var h = await SignInHarness.CreateAsync();
        var other = UserId.New();
        await h.Committer.CommitAsync(MembershipChanges.Join(MembershipChanges.NewLocalMember(h.Acme, other, "owner@acme.com", OrganizationRole.Owner, h.Clock.GetUtcNow())));

        var outcome = (await h.SignInAsync(SignInHarness.Identity())).Value;

        Assert.That((await h.Memberships.ListByOrganizationAsync(h.Acme, null, 100)).Select(m => m.UserId), Is.EquivalentTo(new[] { other, outcome.UserId }));
    }
}
