using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Flow;
using FederationKit.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Tests.SignIn.Flow;

/// <summary>
/// The protocol-neutral sign-in: a transaction bound to the browser and consumed once, local return URLs only, the test
/// intent honoured only for the administrator who started it, and the completion handed to provisioning.
/// </summary>
public sealed class FederatedSignInServiceTests : WiredFederationKitTests
{
    private static readonly SignInCallbackUrls Urls = new(new Uri("https://app.example/federation"));
    private FakeSignInProtocol _saml = null!;

    private FederatedSignInService Flow => Services.GetRequiredService<FederatedSignInService>();

    protected override void ConfigureServices(IServiceCollection services)
    {
        _saml = new FakeSignInProtocol();
        services.AddSingleton<ISignInProtocol>(_saml);
    }

    [Test]
    public async Task BeginAsync_EmailOnFederatedDomain_SendsToActiveProfileWithTransactionId()
    {
        var (_, directory, profile) = await FederateAsync();

        var challenge = await Flow.BeginAsync(new SignInBeginRequest { Email = "Alice@ACME.com", ReturnUrl = "/app?tab=1", Urls = Urls });

        Assert.That(challenge.IsSuccess, Is.True, () => challenge.Error.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(challenge.Value.ProfileId, Is.EqualTo(profile.Id));
            Assert.That(challenge.Value.Step.Url.Query, Does.Contain("relay=" + challenge.Value.TransactionId));
            Assert.That(challenge.Value.Step.Url.Query, Does.Contain("hint=Alice@acme.com"));
            Assert.That(challenge.Value.TransactionId, Has.Length.EqualTo(43));
            Assert.That(challenge.Value.BrowserSecret, Has.Length.EqualTo(43).And.Not.EqualTo(challenge.Value.TransactionId));
            Assert.That(challenge.Value.ExpiresAt, Is.EqualTo(Clock.GetUtcNow().AddMinutes(10)));
        });

        var completed = await CompleteAsync(challenge.Value);
        Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(completed.Value.Directory.Id, Is.EqualTo(directory.Id));
            Assert.That(completed.Value.Profile.Id, Is.EqualTo(profile.Id));
            Assert.That(completed.Value.ReturnUrl, Is.EqualTo("/app?tab=1"));
            Assert.That(completed.Value.Intent, Is.EqualTo(SignInIntent.SignIn));
            Assert.That(_saml.Completed.Single().Transaction!.ProtocolData["fake.request"], Is.EqualTo("request-1"));
        });
    }

    [TestCase("https://evil.example/")]
    [TestCase("//evil.example/")]
    [TestCase("/\\evil.example/")]
    [TestCase("evil")]
    [TestCase("")]
    [TestCase("/app\r\nLocation: https://evil.example/")]
    [TestCase("/caf\u00e9")]
    [TestCase("/app\u2028")]
    public async Task BeginAsync_ReturnUrlNotLocal_Refused(string returnUrl)
    {
        await FederateAsync();

        var challenge = await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", ReturnUrl = returnUrl, Urls = Urls });

        Assert.That(challenge.Error.Code, Is.EqualTo(SignInErrorCodes.ReturnUrlInvalid));
    }

    [Test]
    public async Task BeginAsync_EmailWithoutSso_NoSso()
    {
        await FederateAsync();

        var challenge = await Flow.BeginAsync(new SignInBeginRequest { Email = "bob@unrelated.example", Urls = Urls });

        Assert.That(challenge.Error.Code, Is.EqualTo(SignInErrorCodes.NoSingleSignOn));
    }

    [Test]
    public async Task BeginAsync_EmailAndProfile_RequestInvalid()
    {
        var (_, _, profile) = await FederateAsync();

        var challenge = await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", ProfileId = profile.Id, Urls = Urls });

        Assert.That(challenge.Error.Code, Is.EqualTo(SignInErrorCodes.RequestInvalid));
    }

    [Test]
    public async Task BeginAsync_SignInThroughInactiveProfile_ProfileNotActive()
    {
        var (_, directory, _) = await FederateAsync();
        var inactive = await AddInactiveProfileAsync(directory.Id);

        var challenge = await Flow.BeginAsync(new SignInBeginRequest { ProfileId = inactive, Urls = Urls });

        Assert.That(challenge.Error.Code, Is.EqualTo(SignInErrorCodes.ProfileNotActive));
    }

    [Test]
    public async Task BeginAsync_UnknownProfile_ProfileNotFound()
    {
        var challenge = await Flow.BeginAsync(new SignInBeginRequest { ProfileId = IdpProfileId.New(), Urls = Urls });

        Assert.That(challenge.Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileNotFound));
    }

    [Test]
    public async Task BeginAsync_TestByMemberWhoIsNotAdministrator_TestNotAllowed()
    {
        var (owner, directory, _) = await FederateAsync();
        var inactive = await AddInactiveProfileAsync(directory.Id);
        var member = UserId.New();
        await AddMemberAsync(owner, member, OrganizationRole.Member);

        var challenge = await Flow.BeginAsync(new SignInBeginRequest { ProfileId = inactive, Intent = SignInIntent.TestProfile, AdministratorId = member, Urls = Urls });

        Assert.That(challenge.Error.Code, Is.EqualTo(SignInErrorCodes.TestNotAllowed));
    }

    [Test]
    public async Task BeginAsync_TestByAdministratorOfAnotherTenant_TestNotAllowed()
    {
        var (_, directory, _) = await FederateAsync();
        var inactive = await AddInactiveProfileAsync(directory.Id);
        var other = await NewOrganizationOwnerAsync("Globex", "owner@globex.example", UserId.New());

        var challenge = await Flow.BeginAsync(new SignInBeginRequest { ProfileId = inactive, Intent = SignInIntent.TestProfile, AdministratorId = await OwnerUserAsync(other), Urls = Urls });

        Assert.That(challenge.Error.Code, Is.EqualTo(SignInErrorCodes.TestNotAllowed));
    }

    [Test]
    public async Task BeginAsync_TestOfParentProfileByAdministratorOfLinkedChild_TestNotAllowed()
    {
        var organizations = Services.GetRequiredService<OrganizationService>();
        var parentAdmin = UserId.New();
        var parent = (await organizations.CreateParentOrganizationAsync("Holding", parentAdmin, "it@holding.example")).Value;
        var child = await NewOrganizationOwnerAsync("Subsidiary", "owner@subsidiary.example");
        Assert.That((await organizations.LinkToParentAsync(new OrganizationId(child.Id), parent.Id)).IsSuccess, Is.True);
        var directory = (await Services.GetRequiredService<DirectoryService>().CreateDirectoryAsync(parent.AsOwner, parentAdmin, "Group", DirectoryIdentityType.Federated)).Value;
        var profile = (await Services.GetRequiredService<IdpProfileService>().AddSamlProfileAsync(directory.Id, parentAdmin, "Group IdP", Directories.DirectoryTestContext.ValidSaml())).Value.Id;

        var byChildAdmin = await Flow.BeginAsync(new SignInBeginRequest { ProfileId = profile, Intent = SignInIntent.TestProfile, AdministratorId = Admin, Urls = Urls });
        var byParentAdmin = await Flow.BeginAsync(new SignInBeginRequest { ProfileId = profile, Intent = SignInIntent.TestProfile, AdministratorId = parentAdmin, Urls = Urls });

        Assert.That(byChildAdmin.Error.Code, Is.EqualTo(SignInErrorCodes.TestNotAllowed), "an administrator of a linked organization does not administer the parent's profiles");
        Assert.That(byParentAdmin.IsSuccess, Is.True, () => byParentAdmin.Error.ToString());
    }

    [Test]
    public async Task RecordTestAsync_SameAdministratorSignedIn_RecordsTheTest()
    {
        var (owner, directory, _) = await FederateAsync();
        var inactive = await AddInactiveProfileAsync(directory.Id);
        var admin = await OwnerUserAsync(owner);
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { ProfileId = inactive, Intent = SignInIntent.TestProfile, AdministratorId = admin, ReturnUrl = "/admin", Urls = Urls })).Value;
        var completed = (await CompleteAsync(challenge)).Value;

        var tested = await Flow.RecordTestAsync(completed, admin);

        Assert.That(tested.IsSuccess, Is.True, () => tested.Error.ToString());
        Assert.That(tested.Value.Passed, Is.True);
        Assert.That((await Services.GetRequiredService<IIdpProfileStore>().FindAsync(inactive))!.LastTest, Is.EqualTo(tested.Value));
    }

    [Test]
    public async Task RecordTestAsync_AnotherUserSignedIn_TestNotAllowedAndNothingRecorded()
    {
        var (owner, directory, _) = await FederateAsync();
        var inactive = await AddInactiveProfileAsync(directory.Id);
        var admin = await OwnerUserAsync(owner);
        var otherAdmin = UserId.New();
        await AddMemberAsync(owner, otherAdmin, OrganizationRole.Admin);
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { ProfileId = inactive, Intent = SignInIntent.TestProfile, AdministratorId = admin, Urls = Urls })).Value;
        var completed = (await CompleteAsync(challenge)).Value;

        var byOther = await Flow.RecordTestAsync(completed, otherAdmin);
        var anonymous = await Flow.RecordTestAsync(completed, null);

        Assert.That(byOther.Error.Code, Is.EqualTo(SignInErrorCodes.TestNotAllowed));
        Assert.That(anonymous.Error.Code, Is.EqualTo(SignInErrorCodes.TestNotAllowed));
        Assert.That((await Services.GetRequiredService<IIdpProfileStore>().FindAsync(inactive))!.LastTest, Is.Null);
    }

    [Test]
    public async Task RecordTestAsync_SignInIntent_TestNotAllowed()
    {
        var (owner, _, _) = await FederateAsync();
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", Urls = Urls })).Value;
        var completed = (await CompleteAsync(challenge)).Value;

        var tested = await Flow.RecordTestAsync(completed, await OwnerUserAsync(owner));

        Assert.That(tested.Error.Code, Is.EqualTo(SignInErrorCodes.TestNotAllowed));
    }

    [Test]
    public async Task CompleteAsync_SameResponseTwice_SecondIsReplay()
    {
        await FederateAsync();
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", Urls = Urls })).Value;
        Assert.That((await CompleteAsync(challenge)).IsSuccess, Is.True);

        var replay = await CompleteAsync(challenge);

        Assert.That(replay.Error.Code, Is.EqualTo(SignInErrorCodes.TransactionReplayed));
        Assert.That(_saml.Completed, Has.Count.EqualTo(1));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("not-a-transaction")]
    public async Task CompleteAsync_UnknownTransactionAtSharedEndpoint_TransactionUnknown(string? transactionId)
    {
        await FederateAsync();

        var completed = await Flow.CompleteAsync(new SignInResponse { Protocol = IdentityProtocol.Saml, TransactionId = transactionId, Parameters = Params(), BrowserSecret = "x", Urls = Urls });

        Assert.That(completed.Error.Code, Is.EqualTo(SignInErrorCodes.TransactionUnknown));
        Assert.That(_saml.Completed, Is.Empty);
    }

    [Test]
    public async Task CompleteAsync_AfterTransactionLifetime_TransactionUnknown()
    {
        await FederateAsync();
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", Urls = Urls })).Value;
        Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        var completed = await CompleteAsync(challenge);

        Assert.That(completed.Error.Code, Is.EqualTo(SignInErrorCodes.TransactionUnknown));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("another-browsers-secret-aaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task CompleteAsync_ResponseInAnotherBrowser_BrowserMismatchAndNotValidated(string? secret)
    {
        await FederateAsync();
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", Urls = Urls })).Value;

        var completed = await Flow.CompleteAsync(new SignInResponse { Protocol = IdentityProtocol.Saml, TransactionId = challenge.TransactionId, Parameters = Params(), BrowserSecret = secret, Urls = Urls });

        Assert.That(completed.Error.Code, Is.EqualTo(SignInErrorCodes.BrowserMismatch));
        Assert.That(_saml.Completed, Is.Empty);
    }

    [Test]
    public async Task CompleteAsync_AnotherBrowsersSecretOfItsOwnSignIn_BrowserMismatch()
    {
        await FederateAsync();
        var attackers = (await Flow.BeginAsync(new SignInBeginRequest { Email = "mallory@acme.com", Urls = Urls })).Value;
        var victims = (await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", Urls = Urls })).Value;

        // Login CSRF: the attacker's response is opened in the victim's browser, which holds only its own secret.
        var completed = await Flow.CompleteAsync(new SignInResponse { Protocol = IdentityProtocol.Saml, TransactionId = attackers.TransactionId, Parameters = Params("mallory@acme.com"), BrowserSecret = victims.BrowserSecret, Urls = Urls });

        Assert.That(completed.Error.Code, Is.EqualTo(SignInErrorCodes.BrowserMismatch));
    }

    [Test]
    public async Task CompleteAsync_PostedFirstWithoutTheBrowserSecret_TheRightBrowserStillCompletes()
    {
        // The transaction ID travels through the IdP (RelayState, state in URLs and logs): whoever learns it must not be able
        // to cancel the victim's sign-in by posting anything with it from a browser without the secret.
        await FederateAsync();
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", Urls = Urls })).Value;
        var burnt = await Flow.CompleteAsync(new SignInResponse { Protocol = IdentityProtocol.Saml, TransactionId = challenge.TransactionId, Parameters = Params("mallory@acme.com"), Urls = Urls });

        var completed = await Flow.CompleteAsync(new SignInResponse { Protocol = IdentityProtocol.Saml, TransactionId = challenge.TransactionId, Parameters = Params(), BrowserSecret = challenge.BrowserSecret, Urls = Urls });
        var replayed = await Flow.CompleteAsync(new SignInResponse { Protocol = IdentityProtocol.Saml, TransactionId = challenge.TransactionId, Parameters = Params(), BrowserSecret = challenge.BrowserSecret, Urls = Urls });

        Assert.That(burnt.Error.Code, Is.EqualTo(SignInErrorCodes.BrowserMismatch));
        Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());
        Assert.That(replayed.Error.Code, Is.EqualTo(SignInErrorCodes.TransactionReplayed), "still consumed once");
    }

    [Test]
    public async Task CompleteAsync_AtAnotherProfilesEndpoint_ProfileMismatch()
    {
        await FederateAsync();
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", Urls = Urls })).Value;

        var completed = await Flow.CompleteAsync(new SignInResponse
        {
            Protocol = IdentityProtocol.Saml, TransactionId = challenge.TransactionId, ProfileId = IdpProfileId.New(), Parameters = Params(), BrowserSecret = challenge.BrowserSecret, Urls = Urls,
        });

        Assert.That(completed.Error.Code, Is.EqualTo(SignInErrorCodes.ProfileMismatch));
    }

    [Test]
    public async Task CompleteAsync_AtTheOtherProtocolsEndpoint_ProfileMismatch()
    {
        await FederateAsync();
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", Urls = Urls })).Value;

        var completed = await Flow.CompleteAsync(new SignInResponse { Protocol = IdentityProtocol.Oidc, TransactionId = challenge.TransactionId, Parameters = Params(), BrowserSecret = challenge.BrowserSecret, Urls = Urls });

        Assert.That(completed.Error.Code, Is.EqualTo(SignInErrorCodes.ProfileMismatch));
    }

    [Test]
    public async Task CompleteAsync_NoTransactionAtProfileAcs_ProtocolDecidesIdpInitiated()
    {
        var (_, _, profile) = await FederateAsync();

        var refused = await Flow.CompleteAsync(new SignInResponse { Protocol = IdentityProtocol.Saml, TransactionId = "https://app.example/deep-link", ProfileId = profile.Id, Parameters = Params(), Urls = Urls });
        var allowed = await Flow.CompleteAsync(new SignInResponse
        {
            Protocol = IdentityProtocol.Saml, ProfileId = profile.Id, Parameters = Params().Add("idp_initiated_allowed", "1"), Urls = Urls,
        });

        var refusedWithoutRelayState = await Flow.CompleteAsync(new SignInResponse { Protocol = IdentityProtocol.Saml, ProfileId = profile.Id, Parameters = Params(), Urls = Urls });

        Assert.That(refused.Error.Code, Is.EqualTo(SignInErrorCodes.TransactionUnknown), "a RelayState that names no live transaction is reported as such");
        Assert.That(refusedWithoutRelayState.Error.Code, Is.EqualTo(SignInErrorCodes.IdpInitiatedNotAllowed));
        Assert.That(allowed.IsSuccess, Is.True, () => allowed.Error.ToString());
        Assert.That(allowed.Value.IsIdpInitiated, Is.True);
        Assert.That(allowed.Value.ReturnUrl, Is.EqualTo("/"));
    }

    [TestCase("/reports?id=7", "/reports?id=7")]
    [TestCase("https://evil.example/", "/")]
    [TestCase("//evil.example/", "/")]
    [TestCase("/caf\u00e9", "/")]
    public async Task CompleteAsync_IdpInitiatedWithRelayState_ReturnsOnlyToALocalPath(string relayState, string expected)
    {
        var (_, _, profile) = await FederateAsync();

        var completed = await Flow.CompleteAsync(new SignInResponse
        {
            Protocol = IdentityProtocol.Saml, TransactionId = relayState, ProfileId = profile.Id, Parameters = Params().Add("idp_initiated_allowed", "1"), Urls = Urls,
        });

        Assert.That(completed.Value.ReturnUrl, Is.EqualTo(expected));
    }

    [Test]
    public async Task ProvisionAsync_CompletedSignIn_ProvisionsTheUser()
    {
        await FederateAsync();
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", Urls = Urls })).Value;
        var completed = (await CompleteAsync(challenge)).Value;

        var outcome = await Flow.ProvisionAsync(completed);

        Assert.That(outcome.IsSuccess, Is.True, () => outcome.Error.ToString());
        Assert.That(outcome.Value.UserCreated, Is.True);
    }

    [Test]
    public async Task ProvisionAsync_EnrichedIdentityWithAnotherSubject_RequestInvalid()
    {
        await FederateAsync();
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", Urls = Urls })).Value;
        var completed = (await CompleteAsync(challenge)).Value;

        var outcome = await Flow.ProvisionAsync(completed, completed.Validated.Identity with { Subject = "ceo@acme.com" });

        Assert.That(outcome.Error.Code, Is.EqualTo(SignInErrorCodes.RequestInvalid));
    }

    [Test]
    public async Task ProvisionAsync_ProfileTest_RequestInvalid()
    {
        var (owner, directory, _) = await FederateAsync();
        var inactive = await AddInactiveProfileAsync(directory.Id);
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { ProfileId = inactive, Intent = SignInIntent.TestProfile, AdministratorId = await OwnerUserAsync(owner), Urls = Urls })).Value;
        var completed = (await CompleteAsync(challenge)).Value;

        var outcome = await Flow.ProvisionAsync(completed);

        Assert.That(outcome.Error.Code, Is.EqualTo(SignInErrorCodes.RequestInvalid));
    }

    [Test]
    public async Task BeginSignOutAsync_Session_AsksTheProtocol()
    {
        var (_, _, profile) = await FederateAsync();

        var step = await Flow.BeginSignOutAsync(profile.Id, ImmutableDictionary<string, string>.Empty.Add("fake.session", "alice"), Urls, "s1");

        Assert.That(step.Value!.Url.Query, Is.EqualTo("?state=s1&who=alice"));
    }

    private Task<Result<SignInCompletion>> CompleteAsync(SignInChallenge challenge) =>
        Flow.CompleteAsync(new SignInResponse { Protocol = IdentityProtocol.Saml, TransactionId = challenge.TransactionId, Parameters = Params(), BrowserSecret = challenge.BrowserSecret, Urls = Urls });

    private static ImmutableDictionary<string, string> Params(string subject = "alice@acme.com") => ImmutableDictionary<string, string>.Empty.Add("subject", subject);

    private async Task<IdpProfileId> AddInactiveProfileAsync(DirectoryId directory)
    {
        var added = await Services.GetRequiredService<IdpProfileService>().AddSamlProfileAsync(directory, Admin, "New IdP", Directories.DirectoryTestContext.ValidSaml() with { EntityId = "https://idp2.acme.example/saml" });
        Assert.That(added.IsSuccess, Is.True, () => added.Error.ToString());
        return added.Value.Id;
    }

    private async Task<UserId> OwnerUserAsync(OwnerRef owner) =>
        (await Services.GetRequiredService<IMembershipStore>().ListAdministratorsAsync(new OrganizationId(owner.Id))).Single(m => m.Role == OrganizationRole.Owner).UserId;

    private async Task AddMemberAsync(OwnerRef owner, UserId user, OrganizationRole role)
    {
        var committer = Services.GetRequiredService<FederationKit.Stores.ChangeSetCommitter>();
        var updated = await committer.CommitAsync(MembershipChanges.Join(MembershipChanges.NewLocalMember(new OrganizationId(owner.Id), user, user + "@acme.com", role, DateTimeOffset.UnixEpoch)));
        Assert.That(updated.IsSuccess, Is.True, () => updated.Error.ToString());
    }
}
