using System.Net;
using System.Security.Claims;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.AspNetCore.Tests;

/// <summary>The test intent: honoured only for the signed-in administrator who started it, with rights on the directory; nobody is signed in.</summary>
public sealed class ProfileTestIntentTests : EdgeTests
{
    private IdpProfileView _candidate = null!;

    [SetUp]
    public async Task AddCandidateAsync() => _candidate = await Host.AddProfileAsync(Directory.Id, IdentityProtocol.Saml, "Next IdP");

    private async Task<TestBrowser> SignedInAsAsync(UserId user)
    {
        var browser = Host.NewBrowser();
        Assert.That((await browser.GetAsync("/login-as?user=" + user)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return browser;
    }

    private async Task<ProfileTestResult?> LastTestAsync() => (await Host.Services.GetRequiredService<IdpProfileService>().GetProfileAsync(_candidate.Id, Admin)).Value.LastTest;

    [Test]
    public async Task Test_ByTheAdministrator_RecordedForTheProfileAndNobodySignedIn()
    {
        var browser = await SignedInAsAsync(Admin);
        var challenge = await browser.GetAsync("/test-profile?profile=" + _candidate.Id + "&returnUrl=/admin/profiles");
        Assert.That(challenge.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await challenge.Content.ReadAsStringAsync());

        var response = await PostSamlAsync(browser, TransactionIdOf(challenge), subject: "tester@acme.com");

        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo("/admin/profiles?fedkit_test=passed"), await response.Content.ReadAsStringAsync());
        Assert.That((await LastTestAsync())?.Passed, Is.True);
        var me = await MeAsync(browser);
        Assert.That(me, Does.Contain(ClaimTypes.NameIdentifier + "=" + Admin), "the administrator's own session is untouched");
        Assert.That(me, Does.Not.Contain("fedkit:profile"), "the tester was not signed in");
    }

    [Test]
    public async Task Test_ByAnAnonymousUser_TestNotAllowed()
    {
        await AssertRefusedAsync(await Host.NewBrowser().GetAsync("/test-profile?profile=" + _candidate.Id), SignInErrorCodes.TestNotAllowed);
    }

    [Test]
    public async Task Test_ByAnEmployeeWhoIsNotAnAdministrator_TestNotAllowed()
    {
        var browser = await SignedInAsAsync(UserId.New());

        await AssertRefusedAsync(await browser.GetAsync("/test-profile?profile=" + _candidate.Id), SignInErrorCodes.TestNotAllowed);
        Assert.That(await LastTestAsync(), Is.Null);
    }

    [Test]
    public async Task Test_ByAnAdministratorOfAnotherTenant_TestNotAllowed()
    {
        var beta = UserId.New();
        await Host.FederateAsync(beta, "Beta", "beta-corp.com");
        var browser = await SignedInAsAsync(beta);

        await AssertRefusedAsync(await browser.GetAsync("/test-profile?profile=" + _candidate.Id), SignInErrorCodes.TestNotAllowed);
    }

    [Test]
    public async Task Test_CompletedWhileAnotherUserIsSignedInInTheBrowser_TestNotAllowed()
    {
        var browser = await SignedInAsAsync(Admin);
        var challenge = await browser.GetAsync("/test-profile?profile=" + _candidate.Id + "&returnUrl=/admin");
        // Before the IdP answers, an employee signs in in the same browser.
        await browser.GetAsync("/login-as?user=" + UserId.New());

        await AssertRefusedAsync(await PostSamlAsync(browser, TransactionIdOf(challenge)), SignInErrorCodes.TestNotAllowed);
        Assert.That(await LastTestAsync(), Is.Null);
    }

    [Test]
    public async Task Test_ResponseAfterTheAdministratorSignedOut_TestNotAllowed()
    {
        var browser = await SignedInAsAsync(Admin);
        var challenge = await browser.GetAsync("/test-profile?profile=" + _candidate.Id + "&returnUrl=/admin");
        browser.Cookies.Remove(".AspNetCore.Cookies");

        await AssertRefusedAsync(await PostSamlAsync(browser, TransactionIdOf(challenge)), SignInErrorCodes.TestNotAllowed);
    }
}
