using System.Net;
using System.Web;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn;

namespace FederationKit.AspNetCore.Tests;

/// <summary>
/// The base of the handler tests: a started host (https by default) with Acme federated through a SAML profile whose owner
/// is <see cref="Admin"/>, and the steps every story takes (start a sign-in, post the IdP's response).
/// </summary>
public abstract class EdgeTests
{
    private protected EdgeHost Host { get; private set; } = null!;

    private protected UserId Admin { get; } = UserId.New();

    private protected OwnerRef Owner { get; private set; }

    private protected IdentityDirectory Directory { get; private set; } = null!;

    private protected IdpProfileView Profile { get; private set; } = null!;

    /// <summary>The host's base address; https unless a test class says otherwise.</summary>
    private protected virtual string BaseAddress => "https://app.example/";

    /// <summary>Adjusts the scheme's settings; nothing by default.</summary>
    private protected virtual void Configure(FederationKitAuthenticationOptions options)
    {
    }

    /// <summary>Adds registrations to the host (a logger provider, say); nothing by default.</summary>
    private protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    [SetUp]
    public async Task StartHostAsync()
    {
        Host = await EdgeHost.StartAsync(BaseAddress, Configure, ConfigureServices);
        (Owner, Directory, Profile) = await Host.FederateAsync(Admin);
    }

    [TearDown]
    public Task StopHostAsync() => Host.DisposeAsync().AsTask();

    /// <summary>Starts a sign-in for <paramref name="email"/> in <paramref name="browser"/> and returns the transaction ID the IdP carries back.</summary>
    private protected static async Task<string> StartAsync(TestBrowser browser, string email = "alice@acme.com", string returnUrl = "/app")
    {
        var challenge = await browser.GetAsync("/signin?email=" + Uri.EscapeDataString(email) + "&returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.That(challenge.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), () => challenge.Content.ReadAsStringAsync().Result);
        return TransactionIdOf(challenge);
    }

    /// <summary>The transaction ID in a redirect to the fake IdP (its RelayState or state parameter).</summary>
    private protected static string TransactionIdOf(HttpResponseMessage challenge)
    {
        var query = HttpUtility.ParseQueryString(challenge.Headers.Location!.Query);
        return query["RelayState"] ?? query["state"]!;
    }

    /// <summary>Posts a SAML response carrying <paramref name="relayState"/> to <paramref name="acs"/>.</summary>
    private protected static Task<HttpResponseMessage> PostSamlAsync(TestBrowser browser, string? relayState, string acs = "/federation/saml/acs", string subject = "alice@acme.com",
        params (string Name, string Value)[] extra)
    {
        var form = new Dictionary<string, string> { ["SAMLResponse"] = "PHNhbWxwOlJlc3BvbnNlLz4=", ["subject"] = subject };
        if (relayState is not null)
        {
            form["RelayState"] = relayState;
        }

        foreach (var (name, value) in extra)
        {
            form[name] = value;
        }

        return browser.PostAsync(acs, form);
    }

    /// <summary>Asserts the handler's refusal: the status and the code on the error page.</summary>
    private protected static async Task AssertRefusedAsync(HttpResponseMessage response, string code, HttpStatusCode status = HttpStatusCode.Forbidden)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), body);
            Assert.That(await TestBrowser.ErrorCodeAsync(response), Is.EqualTo(code), body);
            Assert.That(response.Headers.Location, Is.Null, "a refusal never redirects");
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        });
    }

    /// <summary>What <c>/me</c> says about the browser's session: "anonymous" or its claims, one per line.</summary>
    private protected static async Task<string> MeAsync(TestBrowser browser) => await (await browser.GetAsync("/me")).Content.ReadAsStringAsync();

    private protected const string NoSso = SignInErrorCodes.NoSingleSignOn;
}
