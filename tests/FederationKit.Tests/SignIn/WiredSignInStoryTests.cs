using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Domains;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Settings;
using FederationKit.Tests.Directories;
using FederationKit.Tests.Domains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.SignIn;

/// <summary>
/// The whole chain through <c>AddFederationKit()</c> with no port filled in by hand: a verified domain linked to a federated
/// directory with an active profile routes, captures and provisions; trust finds the domain's owner; users block removal.
/// </summary>
public sealed class WiredSignInStoryTests : WiredFederationKitTests
{
    protected override void Configure(FederationKitOptions options) => options.SignIn.RouteRefreshInterval = TimeSpan.FromMinutes(1);

    [Test]
    public void AddFederationKit_ResolvesEveryService()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Services.GetService<OrganizationService>(), Is.Not.Null);
            Assert.That(Services.GetService<FederationKit.MergeProposals.MergeProposalService>(), Is.Not.Null);
            Assert.That(Services.GetService<DomainClaimService>(), Is.Not.Null);
            Assert.That(Services.GetService<DirectoryService>(), Is.Not.Null);
            Assert.That(Services.GetService<IdpProfileService>(), Is.Not.Null);
            Assert.That(Services.GetService<DirectoryTrustService>(), Is.Not.Null);
            Assert.That(Services.GetService<DirectorySignInSettingsService>(), Is.Not.Null);
            Assert.That(Services.GetService<SignInRouter>(), Is.Not.Null);
            Assert.That(Services.GetService<JitProvisioner>(), Is.Not.Null);
            Assert.That(Services.GetServices<IDomainDependencyQuery>().Select(q => q.GetType().Name),
                Is.EquivalentTo(new[] { nameof(DirectoryDomainDependencyQuery), nameof(SignInDomainDependencyQuery) }));
        });
    }

    [Test]
    public async Task Story_VerifiedLinkedDomainWithActiveProfile_RoutesCapturesProvisionsAndBlocksRemoval()
    {
        var (owner, directory, profile) = await FederateAsync();
        var settings = Services.GetRequiredService<DirectorySignInSettingsService>();
        var router = Services.GetRequiredService<SignInRouter>();

        // Before SSO is enforced, the domain routes to the IdP but local sign-in stays allowed.
        var route = await router.RouteAsync("Carol@EU.Acme.com");
        Assert.That(route, Is.InstanceOf<FederatedRoute>());
        Assert.That(((FederatedRoute)route).ProfileId, Is.EqualTo(profile.Id));
        Assert.That(((FederatedRoute)route).IdpDisplayName, Is.EqualTo("Acme IdP"));
        Assert.That((await router.CheckLocalSignInAsync("carol@acme.com", LocalSignInMethod.Password)).IsSuccess, Is.True);

        // The admin enforces SSO and maps a group; the settings service drops the directory's cached routes, so the router sees it at once.
        var updated = await settings.UpdateAsync(directory.Id, Admin, s => s with
        {
            SsoEnforced = true,
            GroupMappings = [new GroupMapping("idp-engineers", "engineering")],
        });
        Assert.That(updated.IsSuccess, Is.True, () => updated.Error.ToString());
        var local = await router.CheckLocalSignInAsync("carol@acme.com", LocalSignInMethod.Password);
        Assert.That(local.Error.Code, Is.EqualTo(SignInErrorCodes.SsoRequired));

        // Carol signs in through the active profile: she is created, joins Acme and gets the mapped group.
        var identity = DirectoryTestContext.SamlIdentity("carol@acme.com") with { Groups = ["idp-engineers", "unmapped"] };
        var outcome = await Services.GetRequiredService<JitProvisioner>().SignInAsync(new SignInProfileContext(directory.Id, profile.Id), identity);
        Assert.That(outcome.IsSuccess, Is.True, () => outcome.Error.ToString());
        var membership = outcome.Value.Memberships.Single();
        Assert.That(outcome.Value.UserCreated, Is.True);
        Assert.That(OwnerRef.Organization(membership.OrganizationId), Is.EqualTo(owner));
        Assert.That(membership.Groups, Is.EqualTo(new[] { "engineering" }));

        // The domain now has a user: removing the claim is refused.
        var removal = await Services.GetRequiredService<DomainClaimService>().RemoveAsync(owner, await AdminOfAsync(owner), "acme.com");
        Assert.That(removal.Error.Code, Is.EqualTo(DomainErrorCodes.InUse));
    }

    [Test]
    public async Task SignIn_ThroughAnInactiveProfileOfTheDirectory_IsRefused()
    {
        var (_, directory, _) = await FederateAsync();
        var profiles = Services.GetRequiredService<IdpProfileService>();
        var other = (await profiles.AddSamlProfileAsync(directory.Id, Admin, "Next IdP", DirectoryTestContext.ValidSaml() with { EntityId = "https://next.acme.example/" })).Value;

        var outcome = await Services.GetRequiredService<JitProvisioner>().SignInAsync(
            new SignInProfileContext(directory.Id, other.Id), DirectoryTestContext.SamlIdentity("dave@acme.com", issuer: "https://next.acme.example/"));

        Assert.That(outcome.Error.Code, Is.EqualTo(SignInErrorCodes.ProfileNotActive));
    }

    [Test]
    public async Task Route_DomainWhoseDirectoryHasNoActiveProfile_UsesLocalLogin()
    {
        var owner = await NewOrganizationOwnerAsync("Beta", "boss@beta-corp.com");
        await VerifyAsync(owner, "beta-corp.com");
        var directory = (await Services.GetRequiredService<DirectoryService>().CreateDirectoryAsync(owner, Admin, "Staff", DirectoryIdentityType.Federated)).Value;
        Assert.That((await Services.GetRequiredService<DirectoryService>().LinkDomainAsync(directory.Id, Admin, "beta-corp.com")).IsSuccess, Is.True);

        Assert.That(await Services.GetRequiredService<SignInRouter>().RouteAsync("x@beta-corp.com"), Is.InstanceOf<LocalRoute>());
    }

    [Test]
    public async Task Trust_AnotherOrganizationRequestsAccessToAVerifiedDomain_FindsTheOwnerThroughTheClaimStore()
    {
        var (owner, directory, _) = await FederateAsync();
        var beta = await NewOrganizationOwnerAsync("Beta", "bea@beta-corp.com");
        var betaId = new OrganizationId(beta.Id);
        var trust = Services.GetRequiredService<DirectoryTrustService>();

        var request = await trust.RequestAsync(betaId, await AdminOfAsync(OwnerRef.Organization(betaId)), "acme.com", new TrustRequester(UserId.New(), "Bea", "bea@beta-corp.com", "Beta"));
        Assert.That(request.IsSuccess, Is.True, () => request.Error.ToString());
        Assert.That(request.Value.DirectoryId, Is.EqualTo(directory.Id));
        Assert.That((await trust.AcceptAsync(owner, await AdminOfAsync(owner), [request.Value.Id])).IsSuccess, Is.True);

        var trustees = await Services.GetRequiredService<FederationKit.SignIn.Ports.IDirectoryTrusteeQuery>().ListTrusteesAsync(directory.Id);
        Assert.That(trustees, Is.EqualTo(new[] { betaId }));
    }

    [Test]
    public async Task Settings_NamingAnOrganizationOfAnotherOwner_AreRefusedAndNothingIsStored()
    {
        var (_, directory, _) = await FederateAsync();
        var stranger = await NewOrganizationOwnerAsync("Gamma", "g@gamma-corp.com");
        var settings = Services.GetRequiredService<DirectorySignInSettingsService>();

        var result = await settings.UpdateAsync(directory.Id, Admin, s => s with { Organizations = [new OrganizationId(stranger.Id)], SsoEnforced = true });

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.OrganizationNotUnderOwner));
        Assert.That((await settings.GetAsync(directory.Id, Admin)).Value.SsoEnforced, Is.False);
    }

    [Test]
    public async Task Settings_AdvancedMappingsOnAnOrganizationOwnedDirectory_AreRefused()
    {
        var (owner, directory, _) = await FederateAsync();
        var result = await Services.GetRequiredService<DirectorySignInSettingsService>().UpdateAsync(directory.Id, Admin,
            s => s with { AdvancedGroupMappings = [new AdvancedGroupMapping("g", new OrganizationId(owner.Id), OrganizationRole.Member)] });

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.SettingsInvalid));
        Assert.That(result.Error.Details["field"], Is.EqualTo("advanced_group_mappings"));
    }

    [Test]
    public async Task FirstSignIn_CountsTheMember_SoTheDirectoryAndItsProfileCannotBeDeleted()
    {
        var (_, directory, profile) = await FederateAsync();
        var jit = Services.GetRequiredService<JitProvisioner>();
        var context = new SignInProfileContext(directory.Id, profile.Id);
        Assert.That((await jit.SignInAsync(context, DirectoryTestContext.SamlIdentity("carol@acme.com"))).IsSuccess, Is.True);
        Assert.That((await jit.SignInAsync(context, DirectoryTestContext.SamlIdentity("carol@acme.com"))).IsSuccess, Is.True, "a second sign-in");
        var directories = Services.GetRequiredService<DirectoryService>();

        Assert.That(await Services.GetRequiredService<IDirectoryUserCount>().CountUsersAsync(directory.Id), Is.EqualTo(1), "counted once");
        Assert.That((await Services.GetRequiredService<IdpProfileService>().GetProfileAsync(profile.Id, Admin)).Value.MemberCount, Is.EqualTo(1), "the profile's view counts the user");
        Assert.That((await directories.DeleteDirectoryAsync(directory.Id, Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.HasUsers));
        Assert.That((await Services.GetRequiredService<IdpProfileService>().DeleteProfileAsync(profile.Id, Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileHasMembers));
    }

    [Test]
    public async Task RouteSource_LinkedDomainThatLapsed_NoLongerRoutes_ButItsVerifiedSubdomainLinkStill()
    {
        var (owner, directory, _) = await FederateAsync();
        var claims = Services.GetRequiredService<IDomainClaimStore>();
        var domains = Services.GetRequiredService<DomainClaimService>();
        Assert.That((await domains.AddDomainsAsync(owner, await AdminOfAsync(owner), ["eu.acme.com"])).IsSuccess, Is.True);
        Assert.That((await claims.FindAsync(owner, "eu.acme.com"))!.IsVerified, Is.True, "covered by acme.com, verified at once");
        Assert.That((await Services.GetRequiredService<DirectoryService>().LinkDomainAsync(directory.Id, Admin, "eu.acme.com")).IsSuccess, Is.True);
        var source = Services.GetRequiredService<FederationKit.SignIn.Ports.ISignInRouteSource>();
        Assert.That((await source.ListRoutesAsync()).Select(r => r.Domain), Is.EquivalentTo(new[] { "acme.com", "eu.acme.com" }));

        var parent = (await claims.FindAsync(owner, "acme.com"))!;
        Assert.That((await claims.UpdateAsync(parent with { State = DomainClaimState.Lapsed })).IsSuccess, Is.True);

        Assert.That((await source.ListRoutesAsync()).Select(r => r.Domain), Is.EqualTo(new[] { "eu.acme.com" }), "the subdomain's own verification still holds");
    }

    [Test]
    public async Task RouteSource_WithStoresThatOfferNoBulkReads_ListsTheSameRoutes()
    {
        var (_, directory, profile) = await FederateAsync();
        var beta = await NewOrganizationOwnerAsync("Beta", "b@beta-corp.com");
        await VerifyAsync(beta, "beta-corp.com");
        var betaDirectory = (await Services.GetRequiredService<DirectoryService>().CreateDirectoryAsync(beta, Admin, "Staff", DirectoryIdentityType.Federated)).Value;
        await Services.GetRequiredService<DirectoryService>().LinkDomainAsync(betaDirectory.Id, Admin, "beta-corp.com");
        await Services.GetRequiredService<DirectorySignInSettingsService>().UpdateAsync(directory.Id, Admin, s => s with { SsoEnforced = true, IdpDisplayName = "Acme login" });
        var bulk = Services.GetRequiredService<FederationKit.SignIn.Ports.ISignInRouteSource>();
        var perItem = new FederationKit.SignIn.Wiring.StoreSignInRouteSource(
            Services.GetRequiredService<FederationKit.Stores.IDomainLinkStore>(),
            new PerItemStores.VerifiedDomains(Services.GetRequiredService<IVerifiedDomainQuery>()),
            new PerItemStores.Directories(Services.GetRequiredService<FederationKit.Stores.IDirectoryStore>()),
            new PerItemStores.Profiles(Services.GetRequiredService<FederationKit.Stores.IIdpProfileStore>()),
            new PerItemStores.Settings(Services.GetRequiredService<IDirectorySignInSettingsStore>()));

        var expected = await bulk.ListRoutesAsync();
        var actual = await perItem.ListRoutesAsync();

        Assert.That(expected.Select(r => (r.Domain, r.DirectoryId, r.ActiveProfileId, r.SsoEnforced, r.IdpDisplayName)),
            Is.EquivalentTo(new[] { ("acme.com", directory.Id, (IdpProfileId?)profile.Id, true, "Acme login"), ("beta-corp.com", betaDirectory.Id, (IdpProfileId?)null, false, string.Empty) }));
        Assert.That(actual, Is.EquivalentTo(expected));
    }

    [Test]
    public async Task DeleteDirectory_RemovesItsSignInSettings()
    {
        var owner = await NewOrganizationOwnerAsync("Delta", "d@delta-corp.com");
        var directories = Services.GetRequiredService<DirectoryService>();
        var directory = (await directories.CreateDirectoryAsync(owner, Admin, "Temp", DirectoryIdentityType.Federated)).Value;
        var settings = Services.GetRequiredService<DirectorySignInSettingsService>();
        Assert.That((await settings.UpdateAsync(directory.Id, Admin, s => s with { SsoEnforced = true })).IsSuccess, Is.True);
        var store = Services.GetRequiredService<IDirectorySignInSettingsStore>();
        Assert.That(await store.FindAsync(directory.Id), Is.Not.Null);

        var deleted = await directories.DeleteDirectoryAsync(directory.Id, Admin);

        Assert.That(deleted.IsSuccess, Is.True, () => deleted.Error.ToString());
        Assert.That(await store.FindAsync(directory.Id), Is.Null);
    }

    [Test]
    public async Task MoveDomains_MembersOnTheDomainMoveAlong_KeepTheirUserAndMemberships_AndSignInThroughTheTarget()
    {
        var (owner, source, profile) = await FederateAsync();
        var jit = Services.GetRequiredService<JitProvisioner>();
        var carol = (await jit.SignInAsync(new SignInProfileContext(source.Id, profile.Id), DirectoryTestContext.SamlIdentity("carol@acme.com"))).Value;
        var directories = Services.GetRequiredService<DirectoryService>();
        var target = (await directories.CreateDirectoryAsync(owner, Admin, "New IdP", DirectoryIdentityType.Federated)).Value;
        var profiles = Services.GetRequiredService<IdpProfileService>();
        var next = (await profiles.AddSamlProfileAsync(target.Id, Admin, "Next IdP", DirectoryTestContext.ValidSaml() with { EntityId = "https://next.acme.example/" })).Value;
        await profiles.ActivateProfileAsync(next.Id, Admin, force: true);
        var events = (FederationKit.Events.InMemoryFederationEventSink)Services.GetRequiredService<FederationKit.Events.IFederationEventSink>();

        var moved = await directories.MoveDomainsAsync(source.Id, target.Id, Admin, ["acme.com"]);

        Assert.That(moved.IsSuccess, Is.True, () => moved.Error.ToString());
        var users = Services.GetRequiredService<IDirectoryUserCount>();
        Assert.That(await users.CountUsersAsync(source.Id), Is.Zero);
        Assert.That(await users.CountUsersAsync(target.Id), Is.EqualTo(1));
        Assert.That(await users.CountProfileUsersAsync(profile.Id), Is.Zero, "a moved user no longer counts for the source's profile");
        Clock.Advance(TimeSpan.FromMinutes(2)); // the router's index sees the new link after its refresh interval
        var again = await jit.SignInAsync(new SignInProfileContext(target.Id, next.Id), DirectoryTestContext.SamlIdentity("carol@acme.com", issuer: "https://next.acme.example/"));
        Assert.That(again.IsSuccess, Is.True, () => again.Error.ToString());
        Assert.That((again.Value.UserId, again.Value.UserCreated), Is.EqualTo((carol.UserId, false)), "the same user, not a new one");
        Assert.That(again.Value.Memberships.Select(m => m.OrganizationId), Is.EqualTo(carol.Memberships.Select(m => m.OrganizationId)));
        var done = events.OfType<DomainsMoved>().Single();
        Assert.That((done.MembersMoved, done.MembersLeftBehind.Length), Is.EqualTo((1, 0)));
    }

    [Test]
    public async Task MoveDomains_MemberSubjectAlreadyInTheTarget_IsRefused_AndNothingMoves()
    {
        var (owner, source, profile) = await FederateAsync();
        var jit = Services.GetRequiredService<JitProvisioner>();
        await jit.SignInAsync(new SignInProfileContext(source.Id, profile.Id), DirectoryTestContext.SamlIdentity("carol@acme.com"));
        var directories = Services.GetRequiredService<DirectoryService>();
        var target = (await directories.CreateDirectoryAsync(owner, Admin, "Other", DirectoryIdentityType.Federated)).Value;
        await Services.GetRequiredService<FederationKit.SignIn.Stores.IFederatedUserStore>().AddAsync(new FederationKit.SignIn.Stores.FederatedUser
        {
            Id = UserId.New(), DirectoryId = target.Id, Subject = DirectoryTestContext.SamlIdentity("carol@acme.com").Subject, Email = "carol@acme.com",
            CreatedAt = Clock.GetUtcNow(), LastSignInAt = Clock.GetUtcNow(),
        });

        var moved = await directories.MoveDomainsAsync(source.Id, target.Id, Admin, ["acme.com"]);

        Assert.That(moved.Error.Code, Is.EqualTo(DirectoryErrorCodes.MoveMemberConflict));
        Assert.That(moved.Error.Details["emails"], Is.EqualTo("carol@acme.com"));
        Assert.That((await directories.FindLinkAsync("acme.com"))?.DirectoryId, Is.EqualTo(source.Id));
        Assert.That(await Services.GetRequiredService<IDirectoryUserCount>().CountUsersAsync(source.Id), Is.EqualTo(1));
    }
}
