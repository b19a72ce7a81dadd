using System.Net;
using System.Text;
using FederationKit.OneTime;
using FederationKit.Oidc;
using Microsoft.Extensions.Time.Testing;
using FederationKit.Tests.Shared;

namespace FederationKit.Oidc.Tests;

public sealed class OidcAuthorizationFlowTests
{
    private const string Issuer = "https://idp.test";

    private sealed class Discovery(bool issSupported) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.RequestUri!.AbsolutePath.EndsWith("jwks", StringComparison.Ordinal)
                ? """{"keys":[]}"""
                : $$"""{"issuer":"{{Issuer}}","jwks_uri":"{{Issuer}}/jwks","authorization_endpoint":"{{Issuer}}/auth","token_endpoint":"{{Issuer}}/token","authorization_response_iss_parameter_supported":{{(issSupported ? "true" : "false")}}}""";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private static (OidcAuthorizationFlow Flow, SwitchableOneTimeStore Store) CreateWithSwitchableStore()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var options = new OidcProviderOptions { Issuer = Issuer, ClientId = "client-1", ClientSecret = "s", RedirectUri = "https://app.test/cb" };
        var source = new OidcProviderConfigurationSource(options, new HttpClient(new Discovery(true)), time);
        var store = new SwitchableOneTimeStore(time);
        return (new OidcAuthorizationFlow(options, source, store, time), store);
    }

    [Test]
    public async Task CreateAsync_StoreDown_OneTimeUnavailable()
    {
        var (flow, store) = CreateWithSwitchableStore();
        store.Down = true;

        var result = await flow.CreateAsync(null, null);

        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.Error.Code, Is.EqualTo(StoreErrorCodes.OneTimeUnavailable));
    }

    [Test]
    public async Task HandleCallbackAsync_StoreDown_OneTimeUnavailable_ThenAcceptedOnceWhenBack()
    {
        var (flow, store) = CreateWithSwitchableStore();
        var request = (await flow.CreateAsync(null, null)).Value;
        store.Down = true;

        var refused = await flow.HandleCallbackAsync(Callback(request));

        Assert.That(refused.IsSuccess, Is.False);
        Assert.That(refused.Error.Code, Is.EqualTo(StoreErrorCodes.OneTimeUnavailable));
        store.Down = false;
        Assert.That((await flow.HandleCallbackAsync(Callback(request))).IsSuccess, Is.True);
        Assert.That((await flow.HandleCallbackAsync(Callback(request))).Error.Code, Is.EqualTo(OidcErrorCodes.StateReplayed));
    }

    private static OidcAuthorizationFlow Create(bool issSupported = true)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var options = new OidcProviderOptions { Issuer = Issuer, ClientId = "client-1", ClientSecret = "s", RedirectUri = "https://app.test/cb" };
        var source = new OidcProviderConfigurationSource(options, new HttpClient(new Discovery(issSupported)), time);
        return new OidcAuthorizationFlow(options, source, new InMemoryOneTimeStore(time), time);
    }

    private static Dictionary<string, string> Callback(OidcAuthorizationRequest request) =>
        new() { ["state"] = request.Transaction.State, ["code"] = "code-1", ["iss"] = Issuer };

    [Test]
    public async Task CreateAsync_Always_SendsStateNoncePkceS256AndLoginHint()
    {
        var request = (await Create().CreateAsync("jane@acme.com", "/home")).Value;
        var query = request.RedirectUrl.Query;
        Assert.That(query, Does.Contain("code_challenge_method=S256").And.Contain("response_type=code").And.Contain("login_hint=jane%40acme.com"));
        Assert.That(query, Does.Contain("state=" + request.Transaction.State).And.Contain("nonce=" + request.Transaction.Nonce));
        Assert.That(query, Does.Contain("code_challenge=" + Pkce.ComputeChallenge(request.Transaction.CodeVerifier).Value));
    }

    [Test]
    public async Task HandleCallbackAsync_ValidCallback_ReturnsCodeAndTransaction()
    {
        var flow = Create();
        var request = (await flow.CreateAsync(null, "/home")).Value;
        var result = await flow.HandleCallbackAsync(Callback(request));
        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.Value.Code, Is.EqualTo("code-1"));
        Assert.That(result.Value.Transaction.ReturnUrl, Is.EqualTo("/home"));
    }

    [Test]
    public async Task HandleCallbackAsync_StateReplayed_StateReplayed()
    {
        var flow = Create();
        var request = (await flow.CreateAsync(null, null)).Value;
        Assert.That((await flow.HandleCallbackAsync(Callback(request))).IsSuccess, Is.True);
        Assert.That((await flow.HandleCallbackAsync(Callback(request))).Error.Code, Is.EqualTo(OidcErrorCodes.StateReplayed));
    }

    [Test]
    public async Task HandleCallbackAsync_UnknownState_StateMismatch()
    {
        var flow = Create();
        var request = (await flow.CreateAsync(null, null)).Value;
        var callback = Callback(request);
        callback["state"] = "forged-state";
        Assert.That((await flow.HandleCallbackAsync(callback)).Error.Code, Is.EqualTo(OidcErrorCodes.StateMismatch));
    }

    [Test]
    public async Task HandleCallbackAsync_IssMixUp_IssMismatch()
    {
        var flow = Create();
        var request = (await flow.CreateAsync(null, null)).Value;
        var callback = Callback(request);
        callback["iss"] = "https://attacker.test";
        Assert.That((await flow.HandleCallbackAsync(callback)).Error.Code, Is.EqualTo(OidcErrorCodes.IssuerParameterMismatch));
    }

    [Test]
    public async Task HandleCallbackAsync_IssMissingWhenAdvertised_IssMismatch()
    {
        var flow = Create();
        var request = (await flow.CreateAsync(null, null)).Value;
        var callback = Callback(request);
        callback.Remove("iss");
        Assert.That((await flow.HandleCallbackAsync(callback)).Error.Code, Is.EqualTo(OidcErrorCodes.IssuerParameterMismatch));
    }

    [Test]
    public async Task HandleCallbackAsync_ErrorResponse_ProviderErrorWithDetails()
    {
        var flow = Create();
        var request = (await flow.CreateAsync(null, null)).Value;
        var callback = Callback(request);
        callback.Remove("code");
        callback["error"] = "access_denied";
        var error = (await flow.HandleCallbackAsync(callback)).Error;
        Assert.That(error.Code, Is.EqualTo(OidcErrorCodes.ProviderError));
        Assert.That(error.Details["error"], Is.EqualTo("access_denied"));
    }

    [Test]
    public async Task CreateUrlAsync_CallersTransaction_SendsItsStateNonceAndChallengeToTheGivenRedirectUriAndStoresNothing()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var options = new OidcProviderOptions { Issuer = Issuer, ClientId = "client-1", ClientSecret = "s" };
        var store = new InMemoryOneTimeStore(time);
        var flow = new OidcAuthorizationFlow(options, new OidcProviderConfigurationSource(options, new HttpClient(new Discovery(true)), time), store, time);
        var transaction = OidcAuthorizationFlow.NewTransaction("transaction-1");

        var url = (await flow.CreateUrlAsync(transaction, "https://app.test/federation/oidc/callback", "jane@acme.com")).Value;

        Assert.That(url.Query, Does.Contain("state=transaction-1").And.Contain("nonce=" + transaction.Nonce)
            .And.Contain("redirect_uri=" + Uri.EscapeDataString("https://app.test/federation/oidc/callback"))
            .And.Contain("code_challenge=" + Pkce.ComputeChallenge(transaction.CodeVerifier).Value).And.Contain("login_hint=jane%40acme.com"));
        Assert.That(await store.TryTakeAsync(OidcAuthorizationFlow.StatePurpose, "transaction-1"), Is.Null);
    }

    [Test]
    public async Task CreateUrlAsync_VerifierOutsideTheAlphabet_PkceInvalidVerifier()
    {
        var transaction = OidcAuthorizationFlow.NewTransaction("transaction-1") with { CodeVerifier = new string('!', 43) };

        var result = await Create().CreateUrlAsync(transaction, "https://app.test/cb", null);

        Assert.That(result.Error.Code, Is.EqualTo(OidcErrorCodes.PkceInvalidVerifier));
    }

    [Test]
    public async Task CheckCallbackAsync_CallersTransaction_ReturnsTheCodeAsOftenAsAsked()
    {
        var flow = Create();
        var transaction = OidcAuthorizationFlow.NewTransaction("transaction-1");
        var callback = new Dictionary<string, string> { ["state"] = "transaction-1", ["code"] = "code-1", ["iss"] = Issuer };

        Assert.That((await flow.CheckCallbackAsync(transaction, callback)).Value, Is.EqualTo("code-1"));
        Assert.That((await flow.CheckCallbackAsync(transaction, callback)).Value, Is.EqualTo("code-1"), "consuming the transaction once is the caller's job");
    }

    [TestCase("transaction-2")]
    [TestCase("")]
    [TestCase(null)]
    public async Task CheckCallbackAsync_StateOtherThanTheTransactions_StateMismatch(string? state)
    {
        var callback = new Dictionary<string, string> { ["code"] = "code-1", ["iss"] = Issuer };
        if (state is not null)
        {
            callback["state"] = state;
        }

        var result = await Create().CheckCallbackAsync(OidcAuthorizationFlow.NewTransaction("transaction-1"), callback);

        Assert.That(result.Error.Code, Is.EqualTo(OidcErrorCodes.StateMismatch));
    }
}
