using System.Diagnostics;
using System.Net;
using FederationKit.SignIn;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederationKit.AspNetCore.Tests;

/// <summary>
/// What a sign-in through the handler emits: the core's spans and counters and the handler's log events (3000–3099), and,
/// above all, what they never carry: every FederationKit log line (message and structured values), span (tags and status)
/// and measurement of a successful and a refused sign-in is searched for the email's local part, the subject, the
/// transaction ID, the browser secret (correlation cookie), the session cookie and the IdP's response or code.
/// </summary>
#pragma warning disable CA1001 // The capture is disposed in [TearDown].
public sealed class TelemetryTests : EdgeTests
#pragma warning restore CA1001
{
    private SignInTelemetryCapture _capture = null!;

    private protected override void ConfigureServices(IServiceCollection services)
    {
        _capture = new SignInTelemetryCapture();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_capture.LoggerProvider));
    }

    [TearDown]
    public void StopCapture() => _capture.Dispose();

    /// <summary>The SDK's own log lines (the host's request logging is the host's to configure).</summary>
    private IEnumerable<SignInTelemetryCapture.LogLine> SdkLogs => _capture.Logs.Where(IsSdkLine);

    [Test]
    public async Task SamlSignIn_Success_SpansCountersAndHandlerLogs()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);

        var response = await PostSamlAsync(browser, transaction);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        var complete = _capture.SpansNamed("signin.complete").Single();
        Assert.Multiple(() =>
        {
            Assert.That(_capture.SpansNamed("signin.begin").Single().GetTagItem("federationkit.outcome"), Is.EqualTo("success"));
            Assert.That(complete.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(complete.GetTagItem("federationkit.profile_id"), Is.EqualTo(Profile.Id.ToString()));
            Assert.That(complete.GetTagItem("federationkit.directory_id"), Is.EqualTo(Directory.Id.ToString()));
            Assert.That(_capture.SpansNamed("signin.provision").Single().GetTagItem("federationkit.user_created"), Is.EqualTo(true));
            Assert.That(_capture.Of("federationkit.signin.started").Single().Tags["federationkit.protocol"], Is.EqualTo("saml"));
            Assert.That(_capture.Of("federationkit.signin.completed").Single().Tags["federationkit.outcome"], Is.EqualTo("success"));
            Assert.That(SdkLogs.Select(l => l.EventId.Id), Does.Contain(3001).And.Contain(3002).And.Contain(1010));
            Assert.That(SdkLogs.Where(l => l.EventId.Id == 3002).Single().EventId.Name, Is.EqualTo("SignedIn"));
        });
    }

    [Test]
    public async Task Challenge_OutsideDevelopmentWithoutPublicOrigin_WarnedOncePerScheme()
    {
        await StartAsync(Host.NewBrowser());
        await StartAsync(Host.NewBrowser());

        var warnings = SdkLogs.Where(l => l.EventId.Id == 3006).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1), "the host runs as Production and sets no PublicOrigin");
        Assert.That(warnings[0].Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warnings[0].EventId.Name, Is.EqualTo("PublicOriginNotSet"));
    }

    [Test]
    public async Task SamlSignIn_FromAnotherBrowser_RefusalCountedAndLoggedWithTheCode()
    {
        var transaction = await StartAsync(Host.NewBrowser());

        var response = await PostSamlAsync(Host.NewBrowser(), transaction);

        await AssertRefusedAsync(response, SignInErrorCodes.BrowserMismatch);
        Assert.Multiple(() =>
        {
            Assert.That(_capture.SpansNamed("signin.complete").Single().Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(_capture.Of("federationkit.signin.completed").Single().Tags["federationkit.outcome"], Is.EqualTo(SignInErrorCodes.BrowserMismatch));
            var refused = SdkLogs.Single(l => l.EventId.Id == 3000);
            Assert.That(refused.Values, Does.Contain(new KeyValuePair<string, object?>("Code", SignInErrorCodes.BrowserMismatch)));
        });
    }

    [Test]
    public async Task SamlSignInSuccessAndRefusal_NoSecretInAnyLogLineSpanOrMeasurement()
    {
        const string localPart = "zed.q7xlocalpart";
        const string email = localPart + "@acme.com";
        var samlResponse = "PHNhbWxwOlJlc3BvbnNlIElEPSJfc2VjcmV0" + Guid.NewGuid().ToString("N");
        var secrets = new List<string> { localPart, email, samlResponse };

        // Success: challenge, correlation cookie, ACS, session cookie.
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser, email);
        secrets.Add(transaction);
        secrets.AddRange(browser.Cookies.Values);
        var signedIn = await PostSamlAsync(browser, transaction, subject: email, extra: ("SAMLResponse", samlResponse));
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await signedIn.Content.ReadAsStringAsync());
        secrets.AddRange(browser.Cookies.Values);

        // Refusals: another browser, then the right browser with a response the IdP side refuses.
        var second = Host.NewBrowser();
        var refusedTransaction = await StartAsync(second, email);
        secrets.Add(refusedTransaction);
        secrets.AddRange(second.Cookies.Values);
        await PostSamlAsync(Host.NewBrowser(), refusedTransaction, subject: email, extra: ("SAMLResponse", samlResponse));
        var third = Host.NewBrowser();
        var thirdTransaction = await StartAsync(third, email);
        secrets.Add(thirdTransaction);
        secrets.AddRange(third.Cookies.Values);
        await PostSamlAsync(third, thirdTransaction, subject: email, extra: [("SAMLResponse", samlResponse), ("refuse", "saml.signature.invalid")]);

        AssertNoSecrets(secrets);
        Assert.That(_capture.Of("federationkit.signin.completed").Select(m => m.Tags["federationkit.outcome"]),
            Is.EquivalentTo(new[] { "success", SignInErrorCodes.BrowserMismatch, "saml.signature.invalid" }), "the search covered the three sign-ins");
    }

    [Test]
    public async Task OidcSignInSuccessAndRefusal_NoSecretInAnyLogLineSpanOrMeasurement()
    {
        await Host.FederateAsync(Admin, "Beta", "beta-corp.com", IdentityProtocol.Oidc);
        const string localPart = "bea.q7xlocalpart";
        const string email = localPart + "@beta-corp.com";
        var code = "code-" + Guid.NewGuid().ToString("N");
        var secrets = new List<string> { localPart, email, code };

        var browser = Host.NewBrowser();
        var state = await StartAsync(browser, email, "/beta");
        secrets.Add(state);
        secrets.AddRange(browser.Cookies.Values);
        var signedIn = await browser.GetAsync("/federation/oidc/callback?code=" + code + "&state=" + state + "&subject=" + Uri.EscapeDataString(email));
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await signedIn.Content.ReadAsStringAsync());
        secrets.AddRange(browser.Cookies.Values);

        var other = Host.NewBrowser();
        var refusedState = await StartAsync(other, email, "/beta");
        secrets.Add(refusedState);
        secrets.AddRange(other.Cookies.Values);
        var refused = await other.GetAsync("/federation/oidc/callback?code=" + code + "&state=" + refusedState + "&subject=" + Uri.EscapeDataString(email) + "&refuse=oidc.id_token.invalid");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        AssertNoSecrets(secrets);
        Assert.That(_capture.Of("federationkit.signin.completed").Select(m => m.Tags["federationkit.outcome"]),
            Is.EquivalentTo(new[] { "success", "oidc.id_token.invalid" }), "the search covered both sign-ins");
    }

    private void AssertNoSecrets(IEnumerable<string> secrets)
    {
        // The SDK's log lines only: the host's request logging (which prints query strings) is the host's to configure.
        var texts = _capture.AllText(IsSdkLine).ToList();
        Assert.That(SdkLogs, Is.Not.Empty);
        Assert.That(_capture.Spans, Is.Not.Empty);
        foreach (var secret in secrets.Where(s => s.Length >= 8).Distinct())
        {
            Assert.That(texts.Where(t => t.Contains(secret, StringComparison.OrdinalIgnoreCase)), Is.Empty, "a secret leaked: " + secret);
        }
    }

    private static bool IsSdkLine(SignInTelemetryCapture.LogLine line) => line.Category.StartsWith("FederationKit", StringComparison.Ordinal);
}
