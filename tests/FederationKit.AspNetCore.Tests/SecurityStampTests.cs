using FederationKit.Organizations;
using FederationKit.SignIn.Lifecycle;
using FederationKit.SignIn.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.AspNetCore.Tests;

/// <summary>
/// The cookie of a federated sign-in carries the user's security stamp; the cookie scheme checks it (wired by
/// <c>AddFederationKit()</c>) at most every 30 seconds by default and signs the browser out once the user is suspended,
/// deleted or its stamp changed.
/// </summary>
public sealed class SecurityStampTests : EdgeTests
{
    [Test]
    public async Task Session_AfterSuspend_SignedOutOnceTheIntervalPassed()
    {
        var (browser, user) = await SignedInAsync();

        Assert.That((await Host.Services.GetRequiredService<UserLifecycleService>().SuspendAsync(user, actor: null)).IsSuccess, Is.True);
        Assert.That(await MeAsync(browser), Does.Contain("sub=" + user), "within the interval the session is not re-read");
        Host.Clock.Advance(TimeSpan.FromSeconds(31));

        Assert.That(await MeAsync(browser), Is.EqualTo("anonymous"));
        Assert.That(browser.Cookies.Keys, Has.None.EqualTo(".AspNetCore.Cookies"), "the cookie was removed");
    }

    [Test]
    public async Task Session_UnchangedUser_StaysSignedInAfterTheInterval()
    {
        var (browser, user) = await SignedInAsync();
        Host.Clock.Advance(TimeSpan.FromSeconds(31));

        Assert.That(await MeAsync(browser), Does.Contain("sub=" + user));
        Host.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.That(await MeAsync(browser), Does.Contain("sub=" + user));
    }

    [Test]
    public async Task Session_AfterDelete_SignedOut()
    {
        var (browser, user) = await SignedInAsync();

        await Host.Services.GetRequiredService<UserLifecycleService>().DeleteAsync(user, actor: null);
        Host.Clock.Advance(TimeSpan.FromSeconds(31));

        Assert.That(await MeAsync(browser), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task Session_AfterTheStampChanged_SignedOut()
    {
        var (browser, user) = await SignedInAsync();
        var users = Host.Services.GetRequiredService<IFederatedUserStore>();
        var stored = (await users.FindAsync(user))!;
        Assert.That((await users.UpdateAsync(stored with { SecurityStamp = SecurityStamps.New() })).IsSuccess, Is.True);
        Host.Clock.Advance(TimeSpan.FromSeconds(31));

        Assert.That(await MeAsync(browser), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task Session_WithoutAStampClaim_LeftAlone()
    {
        var browser = Host.NewBrowser();
        await browser.GetAsync("/login-as?user=" + UserId.New());
        Assert.That(await MeAsync(browser), Is.Not.EqualTo("anonymous"));
        Host.Clock.Advance(TimeSpan.FromSeconds(31));

        Assert.That(await MeAsync(browser), Is.Not.EqualTo("anonymous"));
    }

    private async Task<(TestBrowser Browser, UserId User)> SignedInAsync()
    {
        var browser = Host.NewBrowser();
        var transaction = await StartAsync(browser);
        await PostSamlAsync(browser, transaction);
        var user = (await Host.Services.GetRequiredService<IFederatedUserStore>().FindByIdentityAsync(Profile.DirectoryId, "alice@acme.com"))!;
        var me = await MeAsync(browser);
        Assert.That(me, Does.Contain("fedkit:security_stamp=" + user.SecurityStamp));
        return (browser, user.Id);
    }
}

/// <summary>With <see cref="SecurityStampValidationOptions.ValidationInterval"/> zero, the very next request is checked.</summary>
public sealed class SecurityStampEveryRequestTests : EdgeTests
{
    [Test]
    public async Task Session_AfterSuspend_NextRequestIsSignedOut()
    {
        var browser = Host.NewBrowser();
        await PostSamlAsync(browser, await StartAsync(browser));
        var user = (await Host.Services.GetRequiredService<IFederatedUserStore>().FindByIdentityAsync(Profile.DirectoryId, "alice@acme.com"))!;
        Assert.That(await MeAsync(browser), Does.Contain("sub=" + user.Id));

        await Host.Services.GetRequiredService<UserLifecycleService>().SuspendAsync(user.Id, actor: null);

        Assert.That(await MeAsync(browser), Is.EqualTo("anonymous"));
    }

    private protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<SecurityStampValidationOptions>(o => o.ValidationInterval = TimeSpan.Zero);
}
