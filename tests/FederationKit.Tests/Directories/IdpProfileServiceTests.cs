using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn;

namespace FederationKit.Tests.Directories;

public sealed class IdpProfileServiceTests
{
    [Test]
    public async Task AddSamlProfile_Valid_IsInactiveAndRaisesEvent()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());

        var added = await context.ProfileService.AddSamlProfileAsync(directory.Id, context.Admin, "Okta", DirectoryTestContext.ValidSaml());

        Assert.That(added.IsSuccess, Is.True);
        Assert.That(added.Value.IsActive, Is.False);
        Assert.That(added.Value.Saml!.SigningCertificates, Has.Length.EqualTo(1));
        Assert.That(context.Events.OfType<IdpProfileChanged>().Single().Type, Is.EqualTo(DirectoryEventTypes.ProfileAdded));
    }

    [Test]
    public async Task AddSamlProfile_TwoCertificatesForRollover_Works()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var settings = DirectoryTestContext.ValidSaml() with { SigningCertificates = [DirectoryTestContext.CertificateBase64, DirectoryTestContext.CertificateBase64] };

        Assert.That((await context.ProfileService.AddSamlProfileAsync(directory.Id, context.Admin, "Okta", settings)).IsSuccess, Is.True);
    }

    private static IEnumerable<TestCaseData> BrokenSamlSettings()
    {
        var valid = DirectoryTestContext.ValidSaml();
        yield return new TestCaseData(valid with { EntityId = " " }, "entityId").SetName("AddSamlProfile_NoEntityId_IsRefused");
        yield return new TestCaseData(valid with { SsoUrlRedirect = null, SsoUrlPost = null }, "ssoUrl").SetName("AddSamlProfile_NoSsoUrl_IsRefused");
        yield return new TestCaseData(valid with { SsoUrlRedirect = new Uri("http://idp.acme.example/sso") }, "ssoUrlRedirect").SetName("AddSamlProfile_PlainHttpSsoUrl_IsRefused");
        yield return new TestCaseData(valid with { SsoUrlPost = new Uri("/sso", UriKind.Relative) }, "ssoUrlPost").SetName("AddSamlProfile_RelativeSsoUrl_IsRefused");
        yield return new TestCaseData(valid with { LogoutUrl = new Uri("ftp://idp.acme.example/slo") }, "logoutUrl").SetName("AddSamlProfile_FtpLogoutUrl_IsRefused");
        yield return new TestCaseData(valid with { SigningCertificates = [] }, "signingCertificates").SetName("AddSamlProfile_NoCertificate_IsRefused");
        yield return new TestCaseData(valid with { SigningCertificates = ["not base64!"] }, "signingCertificates").SetName("AddSamlProfile_CertificateNotBase64_IsRefused");
        yield return new TestCaseData(valid with { SigningCertificates = [Convert.ToBase64String(new byte[] { 1, 2, 3 })] }, "signingCertificates").SetName("AddSamlProfile_CertificateNotDer_IsRefused");
    }

    [TestCaseSource(nameof(BrokenSamlSettings))]
    public async Task AddSamlProfile_Broken_IsRefusedNamingTheField(SamlIdpSettings settings, string field)
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());

        var added = await context.ProfileService.AddSamlProfileAsync(directory.Id, context.Admin, "Okta", settings);

        Assert.That(added.Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileSettingsInvalid));
        Assert.That(added.Error.Details["field"], Is.EqualTo(field));
        Assert.That(await context.Profiles.ListByDirectoryAsync(directory.Id), Is.Empty);
    }

    [Test]
    public async Task AddSamlProfile_LoopbackHttp_IsAllowedForLocalIdps()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var settings = DirectoryTestContext.ValidSaml() with { SsoUrlRedirect = new Uri("http://127.0.0.1:8080/sso"), SsoUrlPost = null };

        Assert.That((await context.ProfileService.AddSamlProfileAsync(directory.Id, context.Admin, "Local", settings)).IsSuccess, Is.True);
    }

    [TestCase(DirectoryIdentityType.Enterprise)]
    public async Task AddSamlProfile_NonFederatedDirectory_IsRefused(DirectoryIdentityType type)
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var enterprise = (await context.DirectoryService.CreateDirectoryAsync(owner, context.Admin, "Corp", type)).Value;
        var business = (await context.DirectoryService.EnsureBusinessDirectoryAsync(owner, context.Admin)).Value;

        Assert.That((await context.ProfileService.AddSamlProfileAsync(enterprise.Id, context.Admin, "Okta", DirectoryTestContext.ValidSaml())).Error.Code, Is.EqualTo(DirectoryErrorCodes.NotFederated));
        Assert.That((await context.ProfileService.AddSamlProfileAsync(business.Id, context.Admin, "Okta", DirectoryTestContext.ValidSaml())).Error.Code, Is.EqualTo(DirectoryErrorCodes.NotFederated));
        Assert.That((await context.ProfileService.AddSamlProfileAsync(DirectoryId.New(), context.Admin, "Okta", DirectoryTestContext.ValidSaml())).Error.Code, Is.EqualTo(DirectoryErrorCodes.NotFound));
    }

    [Test]
    public async Task AddSamlProfile_NoName_IsRefused()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());

        var added = await context.ProfileService.AddSamlProfileAsync(directory.Id, context.Admin, " ", DirectoryTestContext.ValidSaml());

        Assert.That(added.Error.Details["field"], Is.EqualTo("name"));
    }

    [Test]
    public async Task AddOidcProfile_Valid_KeepsSecretInSecretStoreAndNeverReturnsIt()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());

        var added = await context.ProfileService.AddOidcProfileAsync(directory.Id, context.Admin, "Entra", DirectoryTestContext.ValidOidc());

        Assert.That(added.Value.HasClientSecret, Is.True);
        Assert.That(added.Value.HasPrivateKey, Is.False);
        Assert.That(added.Value.Oidc!.ClientSecretReference, Is.Null);
        Assert.That(added.Value.Oidc.Scopes, Is.EqualTo(new[] { "openid", "profile", "email" }));
        Assert.That(added.Value.Oidc.UserIdClaim, Is.EqualTo("sub"));
        Assert.That(added.Value.Oidc.UsePkce, Is.True);
        var stored = await context.Profiles.FindAsync(added.Value.Id);
        Assert.That(await context.Secrets.ReadAsync(stored!.Oidc!.ClientSecretReference!.Value), Is.EqualTo("s3cret-value"));
        var view = (await context.ProfileService.GetProfileAsync(added.Value.Id, context.Admin)).Value;
        Assert.That(view.ToString(), Does.Not.Contain("s3cret-value"));
        Assert.That(view.Oidc!.ClientSecretReference, Is.Null);
        Assert.That(((await context.ProfileService.ListProfilesAsync(directory.Id, context.Admin)).Value).Single().HasClientSecret, Is.True);
    }

    [Test]
    public async Task AddOidcProfile_PrivateKeyJwt_StoresKeyReference()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var input = DirectoryTestContext.ValidOidc() with { ClientSecret = null, PrivateKeyPem = "-----BEGIN PRIVATE KEY-----x" };

        var added = await context.ProfileService.AddOidcProfileAsync(directory.Id, context.Admin, "Entra", input);

        Assert.That(added.Value.HasPrivateKey, Is.True);
        Assert.That(added.Value.HasClientSecret, Is.False);
    }

    private static IEnumerable<TestCaseData> BrokenOidcProfiles()
    {
        var valid = DirectoryTestContext.ValidOidc();
        yield return new TestCaseData(valid with { Settings = valid.Settings with { Issuer = new Uri("http://login.acme.example/") } }, "issuer").SetName("AddOidcProfile_HttpIssuer_IsRefused");
        yield return new TestCaseData(valid with { Settings = valid.Settings with { ClientId = "" } }, "clientId").SetName("AddOidcProfile_NoClientId_IsRefused");
        yield return new TestCaseData(valid with { ClientSecret = null }, "clientCredentials").SetName("AddOidcProfile_NoCredential_IsRefused");
        yield return new TestCaseData(valid with { PrivateKeyPem = "key" }, "clientCredentials").SetName("AddOidcProfile_TwoCredentials_IsRefused");
        yield return new TestCaseData(valid with { Settings = valid.Settings with { Scopes = ["profile"] } }, "scopes").SetName("AddOidcProfile_NoOpenidScope_IsRefused");
        yield return new TestCaseData(valid with { Settings = valid.Settings with { UseDiscovery = false } }, "endpoints").SetName("AddOidcProfile_NoDiscoveryNoEndpoints_IsRefused");
        yield return new TestCaseData(valid with { Settings = valid.Settings with { UserInfoEndpoint = new Uri("http://login.acme.example/userinfo") } }, "userInfoEndpoint").SetName("AddOidcProfile_HttpUserInfo_IsRefused");
        yield return new TestCaseData(valid with { Settings = valid.Settings with { UserIdClaim = "" } }, "userIdClaim").SetName("AddOidcProfile_EmptyUserIdClaim_IsRefused");
    }

    [TestCaseSource(nameof(BrokenOidcProfiles))]
    public async Task AddOidcProfile_Broken_IsRefusedAndStoresNoSecret(NewOidcProfile input, string field)
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());

        var added = await context.ProfileService.AddOidcProfileAsync(directory.Id, context.Admin, "Entra", input);

        Assert.That(added.Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileSettingsInvalid));
        Assert.That(added.Error.Details["field"], Is.EqualTo(field));
        Assert.That(added.Error.Message, Does.Not.Contain("s3cret-value"));
    }

    [Test]
    public async Task AddOidcProfile_ExplicitEndpointsWithoutDiscovery_Works()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var valid = DirectoryTestContext.ValidOidc();
        var input = valid with
        {
            Settings = valid.Settings with
            {
                UseDiscovery = false,
                AuthorizationEndpoint = new Uri("https://login.acme.example/authorize"),
                TokenEndpoint = new Uri("https://login.acme.example/token"),
                JwksUri = new Uri("https://login.acme.example/jwks"),
            },
        };

        Assert.That((await context.ProfileService.AddOidcProfileAsync(directory.Id, context.Admin, "Entra", input)).IsSuccess, Is.True);
    }

    [Test]
    public async Task TestProfile_MatchingIdentity_PassesAndIsRecorded()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = (await context.ProfileService.AddSamlProfileAsync(directory.Id, context.Admin, "Okta", DirectoryTestContext.ValidSaml())).Value;

        var tested = await context.ProfileService.TestProfileAsync(profile.Id, context.Admin, DirectoryTestContext.SamlIdentity());

        Assert.That(tested.Value.Passed, Is.True);
        Assert.That(tested.Value.TestedAt, Is.EqualTo(context.Clock.GetUtcNow()));
        Assert.That((await context.ProfileService.GetProfileAsync(profile.Id, context.Admin)).Value.LastTest, Is.EqualTo(tested.Value));
        Assert.That(context.Events.OfType<IdpProfileChanged>().Single(e => e.Type == DirectoryEventTypes.ProfileTested).TestResult!.Passed, Is.True);
    }

    private static IEnumerable<TestCaseData> FailingIdentities()
    {
        yield return new TestCaseData(DirectoryTestContext.OidcIdentity() with { Issuer = DirectoryTestContext.SamlEntityId }, DirectoryErrorCodes.TestProtocolMismatch).SetName("TestProfile_OtherProtocol_Fails");
        yield return new TestCaseData(DirectoryTestContext.SamlIdentity(issuer: "https://evil.example/saml"), DirectoryErrorCodes.TestIssuerMismatch).SetName("TestProfile_OtherIssuer_Fails");
        yield return new TestCaseData(DirectoryTestContext.SamlIdentity(issuer: DirectoryTestContext.SamlEntityId + "/"), DirectoryErrorCodes.TestIssuerMismatch).SetName("TestProfile_IssuerWithTrailingSlash_Fails");
        yield return new TestCaseData(DirectoryTestContext.SamlIdentity(subject: " "), DirectoryErrorCodes.TestSubjectMissing).SetName("TestProfile_NoSubject_Fails");
        yield return new TestCaseData(DirectoryTestContext.SamlIdentity(format: DirectoryTestContext.PersistentFormat), DirectoryErrorCodes.TestSubjectFormatMismatch).SetName("TestProfile_OtherNameIdFormat_Fails");
    }

    [TestCaseSource(nameof(FailingIdentities))]
    public async Task TestProfile_NonMatchingIdentity_FailsWithCodeAndIsRecorded(FederatedIdentity identity, string code)
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = (await context.ProfileService.AddSamlProfileAsync(directory.Id, context.Admin, "Okta", DirectoryTestContext.ValidSaml())).Value;

        var tested = await context.ProfileService.TestProfileAsync(profile.Id, context.Admin, identity);

        Assert.That(tested.Value.Passed, Is.False);
        Assert.That(tested.Value.FailureCode, Is.EqualTo(code));
        Assert.That((await context.ProfileService.GetProfileAsync(profile.Id, context.Admin)).Value.LastTest!.FailureCode, Is.EqualTo(code));
    }

    [Test]
    public async Task TestProfile_SubjectFormatDiffersFromExistingMembers_Fails()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var old = await context.ActiveSamlProfileAsync(directory.Id);
        await context.SignedInUserAsync(old.Id, DirectoryTestContext.SamlIdentity());
        var settings = DirectoryTestContext.ValidSaml() with { EntityId = "https://new-idp.example/", NameIdFormat = null };
        var next = (await context.ProfileService.AddSamlProfileAsync(directory.Id, context.Admin, "New", settings)).Value;

        var mismatch = await context.ProfileService.TestProfileAsync(next.Id, context.Admin, DirectoryTestContext.SamlIdentity(format: DirectoryTestContext.PersistentFormat, issuer: "https://new-idp.example/"));
        var match = await context.ProfileService.TestProfileAsync(next.Id, context.Admin, DirectoryTestContext.SamlIdentity(issuer: "https://new-idp.example/"));

        Assert.That(mismatch.Value.FailureCode, Is.EqualTo(DirectoryErrorCodes.TestSubjectFormatMismatch));
        Assert.That(match.Value.Passed, Is.True);
    }

    [Test]
    public async Task TestProfile_OidcWithOtherUserIdClaim_Fails()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = (await context.ProfileService.AddOidcProfileAsync(directory.Id, context.Admin, "Entra", DirectoryTestContext.ValidOidc())).Value;

        var wrong = await context.ProfileService.TestProfileAsync(profile.Id, context.Admin, DirectoryTestContext.OidcIdentity(claim: "oid"));
        var right = await context.ProfileService.TestProfileAsync(profile.Id, context.Admin, DirectoryTestContext.OidcIdentity());

        Assert.That(wrong.Value.FailureCode, Is.EqualTo(DirectoryErrorCodes.TestSubjectFormatMismatch));
        Assert.That(right.Value.Passed, Is.True);
    }

    [Test]
    public async Task TestProfile_Unknown_IsNotFound()
    {
        var context = new DirectoryTestContext();

        Assert.That((await context.ProfileService.TestProfileAsync(IdpProfileId.New(), context.Admin, DirectoryTestContext.SamlIdentity())).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileNotFound));
    }

    [Test]
    public async Task ActivateProfile_WithoutTest_IsRefused()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = (await context.ProfileService.AddSamlProfileAsync(directory.Id, context.Admin, "Okta", DirectoryTestContext.ValidSaml())).Value;

        Assert.That((await context.ProfileService.ActivateProfileAsync(profile.Id, context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileNotTested));
    }

    [Test]
    public async Task ActivateProfile_AfterFailedTest_IsRefusedUnlessForced()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = (await context.ProfileService.AddSamlProfileAsync(directory.Id, context.Admin, "Okta", DirectoryTestContext.ValidSaml())).Value;
        await context.ProfileService.TestProfileAsync(profile.Id, context.Admin, DirectoryTestContext.SamlIdentity(issuer: "https://evil.example/"));

        var refused = await context.ProfileService.ActivateProfileAsync(profile.Id, context.Admin);
        var forced = await context.ProfileService.ActivateProfileAsync(profile.Id, context.Admin, force: true);

        Assert.That(refused.Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileNotTested));
        Assert.That(forced.Value.IsActive, Is.True);
        Assert.That(context.Events.OfType<IdpProfileChanged>().Single(e => e.Type == DirectoryEventTypes.ProfileActivated).Forced, Is.True);
    }

    [Test]
    public async Task ActivateProfile_Tested_ReplacesTheActiveOneInOneStep()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var old = await context.ActiveSamlProfileAsync(directory.Id);
        var next = (await context.ProfileService.AddSamlProfileAsync(directory.Id, context.Admin, "New", DirectoryTestContext.ValidSaml())).Value;
        await context.ProfileService.TestProfileAsync(next.Id, context.Admin, DirectoryTestContext.SamlIdentity());

        var activated = await context.ProfileService.ActivateProfileAsync(next.Id, context.Admin);

        Assert.That(activated.Value.IsActive, Is.True);
        var profiles = (await context.ProfileService.ListProfilesAsync(directory.Id, context.Admin)).Value;
        Assert.That(profiles.Count(p => p.IsActive), Is.EqualTo(1));
        Assert.That(profiles.Single(p => p.Id == old.Id).IsActive, Is.False);
        var activation = context.Events.OfType<IdpProfileChanged>().Where(e => e.Type == DirectoryEventTypes.ProfileActivated).ToList()[^1];
        Assert.That(activation.PreviousActiveProfileId, Is.EqualTo(old.Id));
        Assert.That(activation.Forced, Is.False);
    }

    [Test]
    public async Task ActivateProfile_AlreadyActive_IsRefused()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = await context.ActiveSamlProfileAsync(directory.Id);

        Assert.That((await context.ProfileService.ActivateProfileAsync(profile.Id, context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileAlreadyActive));
        Assert.That((await context.ProfileService.ActivateProfileAsync(IdpProfileId.New(), context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileNotFound));
    }

    [Test]
    public async Task ActivateProfile_ConcurrentActivationsOfTwoProfiles_LeaveExactlyOneActive()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var ids = new List<IdpProfileId>();
        for (var i = 0; i < 6; i++)
        {
            var profile = (await context.ProfileService.AddSamlProfileAsync(directory.Id, context.Admin, "P" + i, DirectoryTestContext.ValidSaml())).Value;
            await context.ProfileService.TestProfileAsync(profile.Id, context.Admin, DirectoryTestContext.SamlIdentity());
            ids.Add(profile.Id);
        }

        await Task.WhenAll(ids.Select(id => Task.Run(() => context.ProfileService.ActivateProfileAsync(id, context.Admin))));

        Assert.That((await context.Profiles.ListByDirectoryAsync(directory.Id)).Count(p => p.IsActive), Is.EqualTo(1));
    }

    [Test]
    public async Task ActivateProfile_SecondOidcOfOwner_IsRefused()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var first = await context.FederatedDirectoryAsync(owner, "A");
        var second = await context.FederatedDirectoryAsync(owner, "B");
        var a = (await context.ProfileService.AddOidcProfileAsync(first.Id, context.Admin, "Entra", DirectoryTestContext.ValidOidc())).Value;
        var b = (await context.ProfileService.AddOidcProfileAsync(second.Id, context.Admin, "Entra 2", DirectoryTestContext.ValidOidc())).Value;
        Assert.That((await context.ProfileService.ActivateProfileAsync(a.Id, context.Admin, force: true)).IsSuccess, Is.True);

        var refused = await context.ProfileService.ActivateProfileAsync(b.Id, context.Admin, force: true);
        var samlThere = (await context.ProfileService.AddSamlProfileAsync(second.Id, context.Admin, "Okta", DirectoryTestContext.ValidSaml())).Value;
        var samlActivated = await context.ProfileService.ActivateProfileAsync(samlThere.Id, context.Admin, force: true);

        Assert.That(refused.Error.Code, Is.EqualTo(DirectoryErrorCodes.OidcProfileActiveElsewhere));
        Assert.That(samlActivated.IsSuccess, Is.True);
    }

    [Test]
    public async Task UpdateOidcSettings_UserIdClaimAfterMembers_IsRefused()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = (await context.ProfileService.AddOidcProfileAsync(directory.Id, context.Admin, "Entra", DirectoryTestContext.ValidOidc())).Value;
        await context.ProfileService.ActivateProfileAsync(profile.Id, context.Admin, force: true);
        await context.SignedInUserAsync(profile.Id, DirectoryTestContext.OidcIdentity());
        var valid = DirectoryTestContext.ValidOidc();

        var changedClaim = await context.ProfileService.UpdateOidcSettingsAsync(profile.Id, context.Admin, valid with { ClientSecret = null, Settings = valid.Settings with { UserIdClaim = "oid" } });
        var changedScopes = await context.ProfileService.UpdateOidcSettingsAsync(profile.Id, context.Admin, valid with { ClientSecret = null, Settings = valid.Settings with { Scopes = ["openid", "email"] } });

        Assert.That(changedClaim.Error.Code, Is.EqualTo(DirectoryErrorCodes.UserIdClaimLocked));
        Assert.That(changedScopes.Value.Oidc!.Scopes, Is.EqualTo(new[] { "openid", "email" }));
        Assert.That(changedScopes.Value.HasClientSecret, Is.True);
        Assert.That(changedScopes.Value.IsActive, Is.True);
    }

    [Test]
    public async Task UpdateOidcSettings_UserIdClaimBeforeMembers_WorksAndNeedsANewTest()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = (await context.ProfileService.AddOidcProfileAsync(directory.Id, context.Admin, "Entra", DirectoryTestContext.ValidOidc())).Value;
        await context.ProfileService.TestProfileAsync(profile.Id, context.Admin, DirectoryTestContext.OidcIdentity());
        var valid = DirectoryTestContext.ValidOidc();

        var changed = await context.ProfileService.UpdateOidcSettingsAsync(profile.Id, context.Admin, valid with { ClientSecret = null, Settings = valid.Settings with { UserIdClaim = "oid" } });

        Assert.That(changed.Value.Oidc!.UserIdClaim, Is.EqualTo("oid"));
        Assert.That(changed.Value.LastTest, Is.Null);
        Assert.That((await context.ProfileService.ActivateProfileAsync(profile.Id, context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileNotTested));
    }

    [Test]
    public async Task UpdateOidcSettings_NewSecret_ReplacesAndDeletesTheOldOne()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = (await context.ProfileService.AddOidcProfileAsync(directory.Id, context.Admin, "Entra", DirectoryTestContext.ValidOidc())).Value;
        var oldReference = (await context.Profiles.FindAsync(profile.Id))!.Oidc!.ClientSecretReference!.Value;

        await context.ProfileService.UpdateOidcSettingsAsync(profile.Id, context.Admin, DirectoryTestContext.ValidOidc() with { ClientSecret = "rotated" });

        var newReference = (await context.Profiles.FindAsync(profile.Id))!.Oidc!.ClientSecretReference!.Value;
        Assert.That(await context.Secrets.ReadAsync(newReference), Is.EqualTo("rotated"));
        Assert.That(await context.Secrets.ReadAsync(oldReference), Is.Null);
    }

    [Test]
    public async Task UpdateSamlSettings_Valid_ResetsTestAndRaisesEvent()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = (await context.ProfileService.AddSamlProfileAsync(directory.Id, context.Admin, "Okta", DirectoryTestContext.ValidSaml())).Value;
        await context.ProfileService.TestProfileAsync(profile.Id, context.Admin, DirectoryTestContext.SamlIdentity());

        var updated = await context.ProfileService.UpdateSamlSettingsAsync(profile.Id, context.Admin, DirectoryTestContext.ValidSaml() with { WantEncryptedAssertions = true });
        var broken = await context.ProfileService.UpdateSamlSettingsAsync(profile.Id, context.Admin, DirectoryTestContext.ValidSaml() with { EntityId = "" });

        Assert.That(updated.Value.Saml!.WantEncryptedAssertions, Is.True);
        Assert.That(updated.Value.LastTest, Is.Null);
        Assert.That(broken.Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileSettingsInvalid));
        Assert.That(context.Events.OfType<IdpProfileChanged>().Count(e => e.Type == DirectoryEventTypes.ProfileUpdated), Is.EqualTo(1));
    }

    [Test]
    public async Task DeleteProfile_WithMembers_IsRefused()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var old = await context.ActiveSamlProfileAsync(directory.Id);
        await context.SignedInUserAsync(old.Id, DirectoryTestContext.SamlIdentity());
        var next = (await context.ProfileService.AddSamlProfileAsync(directory.Id, context.Admin, "New", DirectoryTestContext.ValidSaml())).Value;
        await context.ProfileService.TestProfileAsync(next.Id, context.Admin, DirectoryTestContext.SamlIdentity());
        await context.ProfileService.ActivateProfileAsync(next.Id, context.Admin);

        Assert.That((await context.ProfileService.DeleteProfileAsync(old.Id, context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileHasMembers));
    }

    [Test]
    public async Task DeleteProfile_Active_IsRefused()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = await context.ActiveSamlProfileAsync(directory.Id);

        Assert.That((await context.ProfileService.DeleteProfileAsync(profile.Id, context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileActive));
        Assert.That((await context.ProfileService.DeleteProfileAsync(IdpProfileId.New(), context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileNotFound));
    }

    [Test]
    public async Task DeleteProfile_InactiveWithoutMembers_DeletesItsSecret()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = (await context.ProfileService.AddOidcProfileAsync(directory.Id, context.Admin, "Entra", DirectoryTestContext.ValidOidc())).Value;
        var reference = (await context.Profiles.FindAsync(profile.Id))!.Oidc!.ClientSecretReference!.Value;

        var deleted = await context.ProfileService.DeleteProfileAsync(profile.Id, context.Admin);

        Assert.That(deleted.IsSuccess, Is.True);
        Assert.That(await context.Secrets.ReadAsync(reference), Is.Null);
        Assert.That(context.Events.OfType<IdpProfileChanged>().Any(e => e.Type == DirectoryEventTypes.ProfileDeleted), Is.True);
    }
}
