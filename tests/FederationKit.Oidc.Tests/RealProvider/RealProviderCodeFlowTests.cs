using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.Http;
using FederationKit.OneTime;
using FederationKit.Outbound;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc.Tests.RealProvider;

/// <summary>The whole code flow against a real oidc-provider: login and consent pages, token exchange with each client authentication, userinfo, logout.</summary>
[NonParallelizable]
public sealed class RealProviderCodeFlowTests : IDisposable
{
    private const string RedirectUri = "http://127.0.0.1:9/callback";
    private const string PostLogoutUri = "http://127.0.0.1:9/signed-out";
    private const string Secret = "a-long-client-secret-0123456789-abcdef";

    private static readonly RsaSecurityKey ClientKey = new(RSA.Create(2048)) { KeyId = "client-key-1" };

    private OidcProviderServer _server = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartProvider()
    {
        var jwks = JsonSerializer.Deserialize<JsonElement>(OidcClientJwks.Create([ClientKey]));
        _server = await OidcProviderServer.StartAsync(new
        {
            clients = new object[]
            {
                Client("basic-client", "client_secret_basic"),
                Client("post-client", "client_secret_post"),
                new
                {
                    client_id = "jwt-client",
                    token_endpoint_auth_method = "private_key_jwt",
                    token_endpoint_auth_signing_alg = "RS256",
                    jwks,
                    redirect_uris = new[] { RedirectUri },
                    post_logout_redirect_uris = new[] { PostLogoutUri },
                },
            },
            accounts = new Dictionary<string, object>
            {
                ["carol-0001"] = new
                {
                    password = "correct horse",
                    email = "carol@acme-corp.com",
                    email_verified = true,
                    name = "Carol Clark",
                    given_name = "Carol",
                    family_name = "Clark",
                    preferred_username = "carol",
                    groups = new[] { "engineers", "admins" },
                },
                ["mallory-0002"] = new { password = "correct horse", email = "cfo@acme-corp.com", email_verified = false },
                ["erin-0003"] = new { password = "correct horse", email = "erin@acme-corp.com" },
            },
        });
        _http = OutboundHttp.CreateClient(new OutboundUrlPolicy { AllowHttp = true, AllowLoopback = true }); // the provider runs on http://127.0.0.1
    }

    [OneTimeTearDown]
    public async Task StopProvider()
    {
        Dispose();
        await _server.DisposeAsync();
    }

    public void Dispose() => _http?.Dispose();

    [TestCase("basic-client", OidcClientAuthentication.ClientSecretBasic)]
    [TestCase("post-client", OidcClientAuthentication.ClientSecretPost)]
    [TestCase("jwt-client", OidcClientAuthentication.PrivateKeyJwt)]
    public async Task CodeFlow_WithEachClientAuthentication_SignsCarolInWithHerClaims(string clientId, OidcClientAuthentication authentication)
    {
        var signIn = SignIn(clientId, authentication);
        using var browser = new ProviderBrowser();

        var start = await signIn.StartAsync("carol@acme-corp.com", "/after");
        var callback = await browser.AuthorizeAsync(start.Value, RedirectUri, "carol-0001", "correct horse");
        var result = await signIn.CompleteAsync(callback);

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString() + " " + string.Join(",", result.Error.Details));
        var carol = result.Value;
        Assert.Multiple(() =>
        {
            Assert.That(carol.Issuer, Is.EqualTo(_server.Issuer));
            Assert.That(carol.UserId, Is.EqualTo("carol-0001"));
            Assert.That(carol.Username, Is.EqualTo("carol"));
            Assert.That(carol.Email, Is.EqualTo("carol@acme-corp.com"));
            Assert.That(carol.EmailVerified, Is.True);
            Assert.That(carol.GivenName, Is.EqualTo("Carol"));
            Assert.That(carol.FamilyName, Is.EqualTo("Clark"));
            Assert.That(carol.Groups, Is.EquivalentTo(new[] { "engineers", "admins" }));
            Assert.That(carol.ReturnUrl, Is.EqualTo("/after"));
        });
        var identity = carol.ToFederatedIdentity();
        Assert.That((identity.Protocol, identity.Issuer, identity.Subject, identity.SubjectFormat), Is.EqualTo((IdentityProtocol.Oidc, _server.Issuer, "carol-0001", "sub")));
        Assert.That(identity.Attributes["groups"], Is.EquivalentTo(new[] { "engineers", "admins" }));
    }

    [TestCase("mallory-0002", false, false)]
    [TestCase("mallory-0002", true, false)]
    [TestCase("erin-0003", false, false)]
    [TestCase("erin-0003", true, true)]
    [TestCase("carol-0001", false, true)]
    public async Task CodeFlow_EmailVerification_IsCarriedIntoTheIdentity(string account, bool trustEmailWithoutVerifiedClaim, bool verified)
    {
        var signIn = SignIn("basic-client", OidcClientAuthentication.ClientSecretBasic, trustEmailWithoutVerifiedClaim: trustEmailWithoutVerifiedClaim);
        using var browser = new ProviderBrowser();
        var callback = await browser.AuthorizeAsync((await signIn.StartAsync(null, null)).Value, RedirectUri, account, "correct horse");

        var result = await signIn.CompleteAsync(callback);

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That(result.Value.Email, Does.EndWith("@acme-corp.com"));
        Assert.That((result.Value.EmailVerified, result.Value.ToFederatedIdentity().EmailVerified), Is.EqualTo((verified, verified)));
    }

    [Test]
    public async Task Callback_Replayed_IsRefusedAsReplay()
    {
        var signIn = SignIn("basic-client", OidcClientAuthentication.ClientSecretBasic);
        using var browser = new ProviderBrowser();
        var callback = await browser.AuthorizeAsync((await signIn.StartAsync(null, null)).Value, RedirectUri, "carol-0001", "correct horse");
        Assert.That((await signIn.CompleteAsync(callback)).IsSuccess, Is.True);

        var replay = await signIn.CompleteAsync(callback);

        Assert.That(replay.Error.Code, Is.EqualTo(OidcErrorCodes.StateReplayed));
    }

    [Test]
    public async Task Callback_WithAnotherState_IsRefused()
    {
        var signIn = SignIn("basic-client", OidcClientAuthentication.ClientSecretBasic);
        using var browser = new ProviderBrowser();
        var callback = await browser.AuthorizeAsync((await signIn.StartAsync(null, null)).Value, RedirectUri, "carol-0001", "correct horse");

        callback["state"] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

        Assert.That((await signIn.CompleteAsync(callback)).Error.Code, Is.EqualTo(OidcErrorCodes.StateMismatch));
    }

    [Test]
    public async Task Callback_WithAnotherIssuer_IsRefusedAsMixUp()
    {
        var signIn = SignIn("basic-client", OidcClientAuthentication.ClientSecretBasic);
        using var browser = new ProviderBrowser();
        var callback = await browser.AuthorizeAsync((await signIn.StartAsync(null, null)).Value, RedirectUri, "carol-0001", "correct horse");
        Assert.That(callback["iss"], Is.EqualTo(_server.Issuer), "the provider sends RFC 9207 iss");

        callback["iss"] = "https://attacker.example";

        Assert.That((await signIn.CompleteAsync(callback)).Error.Code, Is.EqualTo(OidcErrorCodes.IssuerParameterMismatch));
    }

    [Test]
    public async Task Login_WithAWrongPassword_ComesBackAsTheProvidersError()
    {
        var signIn = SignIn("basic-client", OidcClientAuthentication.ClientSecretBasic);
        using var browser = new ProviderBrowser();
        var callback = await browser.AuthorizeAsync((await signIn.StartAsync(null, null)).Value, RedirectUri, "carol-0001", "wrong");

        var result = await signIn.CompleteAsync(callback);

        Assert.That(result.Error.Code, Is.EqualTo(OidcErrorCodes.ProviderError));
        Assert.That(result.Error.Details["error"], Is.EqualTo("access_denied"));
    }

    [Test]
    public async Task TokenExchange_WithAWrongSecret_IsRefusedByTheProvider()
    {
        var signIn = SignIn("basic-client", OidcClientAuthentication.ClientSecretBasic, secret: "not-the-secret-0123456789-abcdefgh");
        using var browser = new ProviderBrowser();
        var callback = await browser.AuthorizeAsync((await signIn.StartAsync(null, null)).Value, RedirectUri, "carol-0001", "correct horse");

        var result = await signIn.CompleteAsync(callback);

        Assert.That(result.Error.Code, Is.EqualTo(OidcErrorCodes.TokenRequestFailed));
        Assert.That(result.Error.Details["error"], Is.EqualTo("invalid_client"));
    }

    [Test]
    public async Task Logout_Url_IsAcceptedByTheProvider()
    {
        var signIn = SignIn("basic-client", OidcClientAuthentication.ClientSecretBasic);
        using var browser = new ProviderBrowser();
        var callback = await browser.AuthorizeAsync((await signIn.StartAsync(null, null)).Value, RedirectUri, "carol-0001", "correct horse");
        var carol = (await signIn.CompleteAsync(callback)).Value;

        var logout = (await signIn.CreateLogoutUrlAsync(carol.IdToken, new Uri(PostLogoutUri), "bye")).Value!;
        using var accepted = await browser.GetAsync(logout);
        var unregistered = (await signIn.CreateLogoutUrlAsync(carol.IdToken, new Uri("http://127.0.0.1:9/elsewhere"), "bye")).Value!;
        using var refused = await browser.GetAsync(unregistered);

        Assert.That(logout.GetLeftPart(UriPartial.Path), Is.EqualTo(_server.Issuer + "/session/end"));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the provider shows its sign-out confirmation");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "an unregistered post_logout_redirect_uri is refused");
    }

    [Test]
    public async Task DirectoryProfile_RoutedEmail_SignsInThroughTheProviderAndIsProvisionedWithMappedGroups()
    {
        var (sp, directory, profile) = await ActiveDirectoryProfileAsync();
        await using var _ = sp;

        var outcome = await sp.GetRequiredService<JitProvisioner>().SignInAsync(new SignInProfileContext(directory, profile), await SignInThroughAsync(sp, profile));

        Assert.That(outcome.IsSuccess, Is.True, () => outcome.Error.ToString());
        var membership = outcome.Value.Memberships.Single();
        Assert.That(membership.Username, Is.EqualTo("carol1"), "usernames shorter than 6 characters get digits appended");
        Assert.That(membership.Groups, Is.EqualTo(new[] { "Engineering" }));
    }

    [Test]
    public async Task DirectoryProfile_EmailTheProviderDidNotVerify_IsRefusedAtProvisioning()
    {
        var (sp, directory, profile) = await ActiveDirectoryProfileAsync();
        await using var _ = sp;

        var identity = await SignInThroughAsync(sp, profile, "mallory-0002");
        var outcome = await sp.GetRequiredService<JitProvisioner>().SignInAsync(new SignInProfileContext(directory, profile), identity);

        Assert.That((identity.Email, identity.EmailVerified), Is.EqualTo(("cfo@acme-corp.com", false)));
        Assert.That(outcome.Error.Code, Is.EqualTo(SignInErrorCodes.EmailUnverified));
    }

    [TestCase(false, SignInErrorCodes.EmailUnverified)]
    [TestCase(true, null)]
    public async Task DirectoryProfile_ProviderSendsNoEmailVerified_TheProfileSettingDecides(bool trustEmailWithoutVerifiedClaim, string? code)
    {
        var (sp, directory, profile) = await ActiveDirectoryProfileAsync(trustEmailWithoutVerifiedClaim);
        await using var _ = sp;

        var outcome = await sp.GetRequiredService<JitProvisioner>().SignInAsync(new SignInProfileContext(directory, profile), await SignInThroughAsync(sp, profile, "erin-0003"));

        Assert.That(outcome.IsSuccess ? null : outcome.Error.Code, Is.EqualTo(code));
    }

    /// <summary>An organization with acme-corp.com verified, a federated directory on it, and an active OIDC profile for this provider.</summary>
    private async Task<(ServiceProvider Services, DirectoryId Directory, IdpProfileId Profile)> ActiveDirectoryProfileAsync(bool trustEmailWithoutVerifiedClaim = false)
    {
        var dns = new PublishedTxtRecords();
        var services = new ServiceCollection();
        services.AddSingleton<IDnsTxtResolver>(dns);
        services.AddFederationKit().AddOutboundPolicy(p => (p.AllowHttp, p.AllowLoopback) = (true, true)).AddOidc();
        var sp = services.BuildServiceProvider();
        var ownerId = TestAdministrator.Id;
        var owner = OwnerRef.Organization((await sp.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", ownerId, "owner@acme-corp.com")).Value.Id);
        var domains = sp.GetRequiredService<DomainClaimService>();
        await domains.AddDomainsAsync(owner, ownerId, ["acme-corp.com"]);
        var record = (await domains.GetInstructionsAsync(owner, ownerId, "acme-corp.com")).Value;
        dns.Records[record.Host] = record.Value;
        Assert.That((await domains.VerifyNowAsync(owner, ownerId, "acme-corp.com")).Value.Claim.State, Is.EqualTo(DomainClaimState.Verified));
        var directory = (await sp.GetRequiredService<DirectoryService>().CreateDirectoryAsync(owner, TestAdministrator.Id, "Staff", DirectoryIdentityType.Federated)).Value;
        Assert.That((await sp.GetRequiredService<DirectoryService>().LinkDomainAsync(directory.Id, TestAdministrator.Id, "acme-corp.com")).IsSuccess, Is.True);
        var profiles = sp.GetRequiredService<IdpProfileService>();
        var profile = (await profiles.AddOidcProfileAsync(directory.Id, TestAdministrator.Id, "Acme test IdP", new NewOidcProfile
        {
            Settings = new OidcIdpSettings
            {
                Issuer = new Uri(_server.Issuer),
                ClientId = "post-client",
                SendClientSecretInBody = true,
                GroupsClaim = "groups",
                UsernameClaim = "preferred_username",
                TrustEmailWithoutVerifiedClaim = trustEmailWithoutVerifiedClaim,
            },
            ClientSecret = Secret,
        })).Value;
        await sp.GetRequiredService<DirectorySignInSettingsService>().UpdateAsync(directory.Id, TestAdministrator.Id, s => s with { GroupMappings = [new GroupMapping("engineers", "Engineering")] });

        // The first sign-in through the new profile is its test; then the admin activates it.
        var identity = await SignInThroughAsync(sp, profile.Id);
        Assert.That((await profiles.TestProfileAsync(profile.Id, TestAdministrator.Id, identity)).Value.Passed, Is.True);
        Assert.That((await profiles.ActivateProfileAsync(profile.Id, TestAdministrator.Id)).IsSuccess, Is.True);
        return (sp, directory.Id, profile.Id);
    }

    private static async Task<FederatedIdentity> SignInThroughAsync(IServiceProvider sp, IdpProfileId profileId, string login = "carol@acme-corp.com")
    {
        var signIn = (await sp.GetRequiredService<OidcProfileSignIns>().GetAsync(profileId, RedirectUri)).Value;
        using var browser = new ProviderBrowser();
        var callback = await browser.AuthorizeAsync((await signIn.StartAsync("carol@acme-corp.com", null)).Value, RedirectUri, login, "correct horse");
        var result = await signIn.CompleteAsync(callback);
        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        return result.Value.ToFederatedIdentity();
    }

    private sealed class PublishedTxtRecords : IDnsTxtResolver
    {
        public Dictionary<string, string> Records { get; } = new(StringComparer.Ordinal);

        public Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default) =>
            Task.FromResult(Records.TryGetValue(hostName, out var value) ? DnsTxtLookup.Found([DnsTxtRecord.Of(value)]) : DnsTxtLookup.NotFound("NXDOMAIN"));
    }

    private static object Client(string id, string method) => new
    {
        client_id = id,
        client_secret = Secret,
        token_endpoint_auth_method = method,
        redirect_uris = new[] { RedirectUri },
        post_logout_redirect_uris = new[] { PostLogoutUri },
    };

    private OidcSignIn SignIn(string clientId, OidcClientAuthentication authentication, string secret = Secret, bool trustEmailWithoutVerifiedClaim = false)
    {
        var options = new OidcProviderOptions
        {
            TrustEmailWithoutVerifiedClaim = trustEmailWithoutVerifiedClaim,
            Issuer = _server.Issuer,
            ClientId = clientId,
            RedirectUri = RedirectUri,
            ClientAuthentication = authentication,
            ClientSecret = authentication == OidcClientAuthentication.PrivateKeyJwt ? null : secret,
            RequestGroups = true,
            UsernameClaim = "preferred_username",
        };
        if (authentication == OidcClientAuthentication.PrivateKeyJwt)
        {
            options.ClientSigningKeys.Add(ClientKey);
        }

        var created = OidcSignIn.Create(options, new InMemoryOneTimeStore(TimeProvider.System), _http, TimeProvider.System);
        Assert.That(created.IsSuccess, Is.True, () => created.Error.ToString());
        return created.Value;
    }
}
