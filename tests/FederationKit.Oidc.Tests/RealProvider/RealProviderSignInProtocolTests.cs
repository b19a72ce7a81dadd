using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.OneTime;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Flow;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederationKit.Oidc.Tests.RealProvider;

/// <summary>
/// <see cref="OidcSignInProtocol"/> through the core's <see cref="FederatedSignInService"/> (built by AddFederationKit().AddOidc()
/// with the in-memory stores) against a real oidc-provider: the sign-in transaction is the OIDC transaction (state = its ID,
/// nonce and PKCE verifier in its protocol data), bound to the browser, consumed once; then the RP-initiated logout.
/// </summary>
[NonParallelizable]
public sealed class RealProviderSignInProtocolTests : IDisposable
{
    private const string Secret = "a-long-client-secret-0123456789-abcdef";
    private const string Password = "correct horse";

    private static readonly SignInCallbackUrls Urls = new(new Uri("http://127.0.0.1:9/federation"));

    private readonly Recorder _recorder = new() { InnerHandler = new SocketsHttpHandler() };
    private readonly TelemetryCapture _telemetry = new();
    private OidcProviderServer _server = null!;
    private ServiceProvider _services = null!;
    private FederatedSignInService _signIn = null!;
    private DirectoryId _directory;
    private IdpProfileId _profile;
    private UserId _administrator;

    [OneTimeSetUp]
    public async Task StartProvider()
    {
        _server = await OidcProviderServer.StartAsync(new
        {
            clients = new object[]
            {
                new
                {
                    client_id = "edge-client",
                    client_secret = Secret,
                    token_endpoint_auth_method = "client_secret_basic",
                    redirect_uris = new[] { Urls.OidcCallback.AbsoluteUri },
                    post_logout_redirect_uris = new[] { Urls.OidcSignedOut.AbsoluteUri },
                    backchannel_logout_uri = Urls.BaseUrl.AbsoluteUri + "/oidc/backchannel-logout", // never called: only makes the ID token carry sid
                    backchannel_logout_session_required = true,
                },
            },
            accounts = new Dictionary<string, object>
            {
                ["carol-0001"] = new
                {
                    password = Password,
                    email = "carol@acme-corp.com",
                    email_verified = true,
                    given_name = "Carol",
                    family_name = "Clark",
                    preferred_username = "carol.clark",
                    groups = new[] { "engineers", "admins" },
                },
            },
        });

        var dns = new PublishedTxtRecords();
        var services = new ServiceCollection();
        services.AddSingleton<IDnsTxtResolver>(dns);
        services.AddSingleton<ILoggerFactory>(_telemetry); // the host's logging: AddOidc hands it to every OIDC part
        services.AddFederationKit().AddOidc(new HttpClient(_recorder)); // the provider runs on http://127.0.0.1
        _services = services.BuildServiceProvider();
        _signIn = _services.GetRequiredService<FederatedSignInService>();

        _administrator = UserId.New();
        var owner = OwnerRef.Organization((await _services.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", _administrator, "owner@acme-corp.com")).Value.Id);
        var domains = _services.GetRequiredService<DomainClaimService>();
        await domains.AddDomainsAsync(owner, _administrator, ["acme-corp.com"]);
        var record = (await domains.GetInstructionsAsync(owner, _administrator, "acme-corp.com")).Value;
        dns.Records[record.Host] = record.Value;
        Assert.That((await domains.VerifyNowAsync(owner, _administrator, "acme-corp.com")).Value.Claim.State, Is.EqualTo(DomainClaimState.Verified));
        _directory = (await _services.GetRequiredService<DirectoryService>().CreateDirectoryAsync(owner, _administrator, "Staff", DirectoryIdentityType.Federated)).Value.Id;
        Assert.That((await _services.GetRequiredService<DirectoryService>().LinkDomainAsync(_directory, _administrator, "acme-corp.com")).IsSuccess, Is.True);
        var profiles = _services.GetRequiredService<IdpProfileService>();
        _profile = (await profiles.AddOidcProfileAsync(_directory, _administrator, "Acme IdP", new NewOidcProfile { Settings = Settings(), ClientSecret = Secret })).Value.Id;

        // The administrator's test of the new profile goes through the same service, then unlocks its activation.
        var test = await _signIn.BeginAsync(new SignInBeginRequest { ProfileId = _profile, Intent = SignInIntent.TestProfile, AdministratorId = _administrator, Urls = Urls });
        Assert.That(test.IsSuccess, Is.True, () => test.Error.ToString());
        var tested = await CompleteAsync(test.Value, await LoginAsync(test.Value));
        Assert.That(tested.IsSuccess, Is.True, () => tested.Error.ToString());
        Assert.That((await _signIn.RecordTestAsync(tested.Value, _administrator)).Value.Passed, Is.True);
        Assert.That((await profiles.ActivateProfileAsync(_profile, _administrator)).IsSuccess, Is.True);
    }

    [OneTimeTearDown]
    public async Task StopProvider()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _telemetry.Dispose();
    }

    [Test]
    public void AddOidc_HostLoggerFactory_ReceivesTheDiscoveryEventAndNoSecret()
    {
        var refreshed = _telemetry.Logs.Where(l => l.EventId.Id == 6020).ToList();

        Assert.That(refreshed, Is.Not.Empty, "the set-up's sign-in read the provider's discovery document");
        Assert.That(refreshed[0].Category, Is.EqualTo("FederationKit.Oidc.OidcProviderConfigurationSource"));
        Assert.That(refreshed[0].State, Does.Contain(("Issuer", (string?)_server.Issuer)));
        Assert.That(_telemetry.AllText(), Does.Not.Contain(Secret));
    }

    [Test]
    public async Task BeginAsync_RoutedEmail_SendsTheTransactionAsStateWithNoncePkceAndLoginHint()
    {
        var challenge = await BeginAsync();

        var query = Query(challenge.Step.Url);
        Assert.Multiple(() =>
        {
            Assert.That(challenge.Step.IsFormPost, Is.False);
            Assert.That(challenge.Step.Url.GetLeftPart(UriPartial.Path), Is.EqualTo(_server.Issuer + "/auth"));
            Assert.That(query["state"], Is.EqualTo(challenge.TransactionId));
            Assert.That(query["redirect_uri"], Is.EqualTo(Urls.OidcCallback.AbsoluteUri));
            Assert.That(query["client_id"], Is.EqualTo("edge-client"));
            Assert.That(query["login_hint"], Is.EqualTo("carol@acme-corp.com"));
            Assert.That(query["code_challenge_method"], Is.EqualTo("S256"));
            Assert.That(query["nonce"], Has.Length.EqualTo(43));
            Assert.That(query["code_challenge"], Has.Length.EqualTo(43));
        });
    }

    [Test]
    public async Task BeginAsync_Always_KeepsNothingInTheOidcStateStore()
    {
        var challenge = await BeginAsync();

        var oneTime = _services.GetRequiredService<IOneTimeStore>();
        Assert.That(await oneTime.TryTakeAsync(OidcAuthorizationFlow.StatePurpose, challenge.TransactionId), Is.Null, "the sign-in transaction is the only record");
    }

    [Test]
    public async Task CompleteAsync_FullSignIn_YieldsTheMappedIdentityAndTheSessionDataForSignOut()
    {
        var challenge = await BeginAsync("/after");
        var callback = await LoginAsync(challenge);

        var completion = await CompleteAsync(challenge, callback);

        Assert.That(completion.IsSuccess, Is.True, () => completion.Error.ToString() + " " + string.Join(",", completion.Error.Details));
        var identity = completion.Value.Validated.Identity;
        var session = completion.Value.Validated.SessionData;
        Assert.Multiple(() =>
        {
            Assert.That((completion.Value.Profile.Id, completion.Value.Directory.Id, completion.Value.Intent, completion.Value.ReturnUrl), Is.EqualTo((_profile, _directory, SignInIntent.SignIn, "/after")));
            Assert.That((identity.Protocol, identity.Issuer, identity.Subject, identity.SubjectFormat), Is.EqualTo((IdentityProtocol.Oidc, _server.Issuer, "carol-0001", "sub")));
            Assert.That((identity.Email, identity.EmailVerified), Is.EqualTo(("carol@acme-corp.com", true)));
            Assert.That((identity.GivenName, identity.FamilyName, identity.Username), Is.EqualTo(("Carol", "Clark", "carol.clark")));
            Assert.That(identity.Groups, Is.EquivalentTo(new[] { "engineers", "admins" }));
            Assert.That(session[OidcSessionData.IdToken].Split('.'), Has.Length.EqualTo(3));
            Assert.That((session[OidcSessionData.Issuer], session[OidcSessionData.Subject]), Is.EqualTo((_server.Issuer, "carol-0001")));
            Assert.That(session[OidcSessionData.SessionId], Is.Not.Empty);
        });
        var provisioned = await _signIn.ProvisionAsync(completion.Value);
        Assert.That(provisioned.IsSuccess, Is.True, () => provisioned.Error.ToString());
    }

    [Test]
    public async Task CompleteAsync_Replayed_TransactionReplayed()
    {
        var challenge = await BeginAsync();
        var callback = await LoginAsync(challenge);
        Assert.That((await CompleteAsync(challenge, callback)).IsSuccess, Is.True);

        var replay = await CompleteAsync(challenge, callback);

        Assert.That(replay.Error.Code, Is.EqualTo(SignInErrorCodes.TransactionReplayed));
    }

    [Test]
    public async Task CompleteAsync_UnknownState_TransactionUnknown()
    {
        var challenge = await BeginAsync();
        var callback = await LoginAsync(challenge);
        callback["state"] = "bm90LWEtdHJhbnNhY3Rpb24tb2Ytb3Vycy0wMTIzNDU2Nzg5";

        var result = await _signIn.CompleteAsync(Response(callback, challenge.BrowserSecret));

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.TransactionUnknown));
    }

    [Test]
    public async Task CompleteAsync_StateOfAnotherTransactionInAnotherBrowser_BrowserMismatch()
    {
        var victim = await BeginAsync();
        var attacker = await BeginAsync();
        var callback = await LoginAsync(attacker);

        // The attacker's callback, replayed in the victim's browser (login CSRF): the victim's cookie does not match.
        var result = await _signIn.CompleteAsync(Response(callback, victim.BrowserSecret));

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.BrowserMismatch));
    }

    [Test]
    public async Task CompleteAsync_CodeOfAnotherTransaction_RefusedByTheProviderForItsPkceVerifier()
    {
        var mine = await BeginAsync();
        var other = await BeginAsync();
        var callback = await LoginAsync(other);
        callback["state"] = mine.TransactionId;

        var result = await _signIn.CompleteAsync(Response(callback, mine.BrowserSecret));

        Assert.That((result.Error.Code, result.Error.Details["error"]), Is.EqualTo((OidcErrorCodes.TokenRequestFailed, "invalid_grant")));
    }

    [Test]
    public async Task CompleteAsync_WithoutTheBrowserSecret_BrowserMismatch()
    {
        var challenge = await BeginAsync();
        var callback = await LoginAsync(challenge);

        var result = await _signIn.CompleteAsync(Response(callback, browserSecret: null));

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.BrowserMismatch));
    }

    [Test]
    public async Task CompleteAsync_ResponseStateDiffersFromTheTransactionTheEdgeNamed_StateMismatch()
    {
        var challenge = await BeginAsync();
        var callback = await LoginAsync(challenge);
        callback["state"] = "another-state";

        var result = await _signIn.CompleteAsync(Response(callback, challenge.BrowserSecret) with { TransactionId = challenge.TransactionId });

        Assert.That(result.Error.Code, Is.EqualTo(OidcErrorCodes.StateMismatch));
    }

    [TestCase("https://attacker.example")]
    [TestCase(null)]
    public async Task CompleteAsync_IssOfAnotherProviderOrNone_IssMismatch(string? iss)
    {
        var challenge = await BeginAsync();
        var callback = await LoginAsync(challenge);
        Assert.That(callback["iss"], Is.EqualTo(_server.Issuer), "the provider sends RFC 9207 iss and advertises it");
        if (iss is null)
        {
            callback.Remove("iss");
        }
        else
        {
            callback["iss"] = iss;
        }

        var result = await CompleteAsync(challenge, callback);

        Assert.That(result.Error.Code, Is.EqualTo(OidcErrorCodes.IssuerParameterMismatch));
    }

    [Test]
    public async Task CompleteAsync_ProviderRefusesTheLogin_ProviderErrorWithItsCode()
    {
        var challenge = await BeginAsync();
        var callback = await LoginAsync(challenge, "wrong password");

        var result = await CompleteAsync(challenge, callback);

        Assert.That((result.Error.Code, result.Error.Details["error"]), Is.EqualTo((OidcErrorCodes.ProviderError, "access_denied")));
    }

    [Test]
    public async Task CompleteAsync_WithoutCode_CodeMissing()
    {
        var challenge = await BeginAsync();
        var callback = await LoginAsync(challenge);
        callback.Remove("code");

        var result = await CompleteAsync(challenge, callback);

        Assert.That(result.Error.Code, Is.EqualTo(OidcErrorCodes.CodeMissing));
    }

    [Test]
    public async Task CompleteAsync_IdTokenNonceDiffersFromTheTransactions_NonceMismatch()
    {
        var challenge = await BeginAsync();
        var callback = await LoginAsync(challenge);
        await RewriteProtocolDataAsync(challenge.TransactionId, NonceKey, "a-nonce-this-sign-in-never-sent-0123456789ab");

        var result = await CompleteAsync(challenge, callback);

        Assert.That(result.Error.Code, Is.EqualTo(OidcErrorCodes.IdTokenNonceMismatch));
    }

    [Test]
    public async Task CompleteAsync_TransactionWithAnotherVerifier_RefusedByTheProvider()
    {
        var challenge = await BeginAsync();
        var callback = await LoginAsync(challenge);
        await RewriteProtocolDataAsync(challenge.TransactionId, VerifierKey, Pkce.CreateVerifier());

        var result = await CompleteAsync(challenge, callback);

        Assert.That((result.Error.Code, result.Error.Details["error"]), Is.EqualTo((OidcErrorCodes.TokenRequestFailed, "invalid_grant")));
    }

    [Test]
    public async Task BeginSignOutAsync_SignedInSession_RedirectsToTheProvidersLogoutWithHintClientAndSignedOutUrl()
    {
        var challenge = await BeginAsync();
        var session = (await CompleteAsync(challenge, await LoginAsync(challenge))).Value.Validated.SessionData;

        var step = (await _signIn.BeginSignOutAsync(_profile, session, Urls, "signout-state")).Value!;

        var query = Query(step.Url);
        Assert.Multiple(() =>
        {
            Assert.That(step.Url.GetLeftPart(UriPartial.Path), Is.EqualTo(_server.Issuer + "/session/end"));
            Assert.That(query["id_token_hint"], Is.EqualTo(session[OidcSessionData.IdToken]));
            Assert.That(query["client_id"], Is.EqualTo("edge-client"));
            Assert.That(query["post_logout_redirect_uri"], Is.EqualTo(Urls.OidcSignedOut.AbsoluteUri));
            Assert.That(query["state"], Is.EqualTo("signout-state"));
        });
        using var browser = new ProviderBrowser();
        using var page = await browser.GetAsync(step.Url);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the provider accepts it and shows its sign-out confirmation");
    }

    [Test]
    public async Task BeginSignOutAsync_SessionWithoutIdToken_Null()
    {
        var challenge = await BeginAsync();
        var session = (await CompleteAsync(challenge, await LoginAsync(challenge))).Value.Validated.SessionData;

        var step = await _signIn.BeginSignOutAsync(_profile, session.Remove(OidcSessionData.IdToken), Urls, "signout-state");

        Assert.That((step.IsSuccess, step.Value), Is.EqualTo((true, (BrowserStep?)null)));
    }

    [Test]
    public async Task BeginAsync_SameProfileVersion_ReusesDiscovery_AChangedProfileAppliesAtOnce()
    {
        var profiles = _services.GetRequiredService<IdpProfileService>();
        var second = (await profiles.AddOidcProfileAsync(_directory, _administrator, "Acme IdP 2 " + Guid.NewGuid().ToString("N")[..6], new NewOidcProfile { Settings = Settings(), ClientSecret = Secret })).Value.Id;
        _recorder.Requests.Clear();

        var first = await BeginTestAsync(second);
        var again = await BeginTestAsync(second);
        var fetchesBeforeChange = DiscoveryFetches();
        Assert.That((await profiles.UpdateOidcSettingsAsync(second, _administrator, new NewOidcProfile { Settings = Settings() with { Scopes = ["openid", "email"] } })).IsSuccess, Is.True);
        var changed = await BeginTestAsync(second);

        Assert.Multiple(() =>
        {
            Assert.That(fetchesBeforeChange, Is.EqualTo(1), "one sign-in per profile version: discovery is fetched once");
            Assert.That((Query(first.Step.Url)["scope"], Query(again.Step.Url)["scope"]), Is.EqualTo(("openid profile email groups", "openid profile email groups")));
            Assert.That(Query(changed.Step.Url)["scope"], Is.EqualTo("openid email groups"), "the new version applies at once (groups follows GroupsClaim)");
            Assert.That(DiscoveryFetches(), Is.EqualTo(2), "the new version is a new sign-in");
        });
    }

    [Test]
    public async Task BeginSignOutAsync_ProfileNowNamesAnotherIssuer_NullAndTheIdTokenStaysHome()
    {
        var profiles = _services.GetRequiredService<IdpProfileService>();
        var second = (await profiles.AddOidcProfileAsync(_directory, _administrator, "Acme IdP 3 " + Guid.NewGuid().ToString("N")[..6], new NewOidcProfile { Settings = Settings(), ClientSecret = Secret })).Value.Id;
        var challenge = await BeginTestAsync(second);
        var session = (await CompleteAsync(challenge, await LoginAsync(challenge))).Value.Validated.SessionData;
        Assert.That((await _signIn.BeginSignOutAsync(second, session, Urls, null)).Value, Is.Not.Null);
        Assert.That((await profiles.UpdateOidcSettingsAsync(second, _administrator, new NewOidcProfile { Settings = Settings() with { Issuer = new Uri("http://127.0.0.1:1") } })).IsSuccess, Is.True);
        _recorder.Requests.Clear();

        var step = await _signIn.BeginSignOutAsync(second, session, Urls, null);

        Assert.That((step.IsSuccess, step.Value), Is.EqualTo((true, (BrowserStep?)null)));
        Assert.That(_recorder.Requests, Is.Empty, "nothing was sent to the other issuer");
    }

    private int DiscoveryFetches() => _recorder.Requests.Count(u => u.AbsolutePath == "/.well-known/openid-configuration");

    private async Task<SignInChallenge> BeginTestAsync(IdpProfileId profile)
    {
        var challenge = await _signIn.BeginAsync(new SignInBeginRequest { ProfileId = profile, Intent = SignInIntent.TestProfile, AdministratorId = _administrator, Urls = Urls });
        Assert.That(challenge.IsSuccess, Is.True, () => challenge.Error.ToString());
        return challenge.Value;
    }

    private const string NonceKey = "oidc.nonce"; // OidcSignInProtocol.NonceKey (internal)
    private const string VerifierKey = "oidc.code_verifier";

    private async Task<SignInChallenge> BeginAsync(string? returnUrl = null)
    {
        var challenge = await _signIn.BeginAsync(new SignInBeginRequest { Email = "carol@acme-corp.com", ReturnUrl = returnUrl, Urls = Urls });
        Assert.That(challenge.IsSuccess, Is.True, () => challenge.Error.ToString());
        return challenge.Value;
    }

    private static async Task<Dictionary<string, string>> LoginAsync(SignInChallenge challenge, string password = Password)
    {
        using var browser = new ProviderBrowser();
        return await browser.AuthorizeAsync(challenge.Step.Url, Urls.OidcCallback.AbsoluteUri, "carol-0001", password);
    }

    private Task<Result<SignInCompletion>> CompleteAsync(SignInChallenge challenge, Dictionary<string, string> callback) =>
        _signIn.CompleteAsync(Response(callback, challenge.BrowserSecret));

    /// <summary>The callback as the edge hands it over: the transaction ID read from <c>state</c>.</summary>
    private static SignInResponse Response(Dictionary<string, string> callback, string? browserSecret) => new()
    {
        Protocol = IdentityProtocol.Oidc,
        TransactionId = callback.GetValueOrDefault("state"),
        Parameters = callback,
        BrowserSecret = browserSecret,
        Urls = Urls,
    };

    /// <summary>Replaces one value the transaction keeps, as a tampered store would.</summary>
    private async Task RewriteProtocolDataAsync(string transactionId, string key, string value)
    {
        const string purpose = "signin.transaction";
        var oneTime = _services.GetRequiredService<IOneTimeStore>();
        var stored = JsonNode.Parse(await oneTime.TryTakeAsync(purpose, transactionId) ?? throw new InvalidOperationException("no transaction"))!;
        var data = stored["Data"]!.AsObject();
        Assert.That(data.ContainsKey(key), Is.True, "the transaction keeps " + key);
        data[key] = value;
        Assert.That(await oneTime.TryAddAsync(purpose, transactionId, JsonSerializer.SerializeToUtf8Bytes(stored), DateTimeOffset.UtcNow.AddMinutes(5)), Is.True);
    }

    private OidcIdpSettings Settings() => new()
    {
        Issuer = new Uri(_server.Issuer),
        ClientId = "edge-client",
        Scopes = ["openid", "profile", "email", "groups"],
        GroupsClaim = "groups",
        UsernameClaim = "preferred_username",
    };

    private static Dictionary<string, string> Query(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : string.Empty), StringComparer.Ordinal);

    private sealed class PublishedTxtRecords : IDnsTxtResolver
    {
        public Dictionary<string, string> Records { get; } = new(StringComparer.Ordinal);

        public Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default) =>
            Task.FromResult(Records.TryGetValue(hostName, out var value) ? DnsTxtLookup.Found([DnsTxtRecord.Of(value)]) : DnsTxtLookup.NotFound("NXDOMAIN"));
    }

    private sealed class Recorder : DelegatingHandler
    {
        public ConcurrentQueue<Uri> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Enqueue(request.RequestUri!);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
