using FederationKit.SignIn;

namespace FederationKit.AspNetCore.Tests;

/// <summary>The settings are checked when the host starts.</summary>
public sealed class OptionsTests
{
    private static IEnumerable<TestCaseData> BadSettings()
    {
        yield return new TestCaseData((Action<FederationKitAuthenticationOptions>)(o => o.PathPrefix = "/federation/"), "PathPrefix").SetName("PathPrefix_TrailingSlash_Refused");
        yield return new TestCaseData((Action<FederationKitAuthenticationOptions>)(o => o.PathPrefix = "/"), "PathPrefix").SetName("PathPrefix_Root_Refused");
        yield return new TestCaseData((Action<FederationKitAuthenticationOptions>)(o => o.PublicOrigin = new Uri("https://app.example/base")), "PublicOrigin").SetName("PublicOrigin_WithPath_Refused");
        yield return new TestCaseData((Action<FederationKitAuthenticationOptions>)(o => o.PublicOrigin = new Uri("ftp://app.example")), "PublicOrigin").SetName("PublicOrigin_NotHttp_Refused");
        yield return new TestCaseData((Action<FederationKitAuthenticationOptions>)(o => o.LocalSignInPath = "https://login.example/"), "LocalSignInPath").SetName("LocalSignInPath_Absolute_Refused");
        yield return new TestCaseData((Action<FederationKitAuthenticationOptions>)(o => o.SignInScheme = FederationKitDefaults.AuthenticationScheme), "SignInScheme").SetName("SignInScheme_Itself_Refused");
        yield return new TestCaseData((Action<FederationKitAuthenticationOptions>)(o => o.UserIdClaimType = " "), "UserIdClaimType").SetName("UserIdClaimType_Blank_Refused");
        yield return new TestCaseData((Action<FederationKitAuthenticationOptions>)(o => o.CorrelationCookiePrefix = "a b"), "CorrelationCookiePrefix").SetName("CorrelationCookiePrefix_Space_Refused");
    }

    [TestCaseSource(nameof(BadSettings))]
    public void Start_WithABadSetting_Throws(Action<FederationKitAuthenticationOptions> configure, string setting)
    {
        var thrown = Assert.CatchAsync(async () => await (await EdgeHost.StartAsync(configure: configure)).DisposeAsync());

        Assert.That(thrown!.ToString(), Does.Contain(setting));
    }

    [Test]
    public async Task Start_Defaults_SignInSchemeIsTheApplicationsCookie()
    {
        await using var host = await EdgeHost.StartAsync();
        var options = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<FederationKitAuthenticationOptions>>(host.Services)
            .Get(FederationKitDefaults.AuthenticationScheme);

        Assert.Multiple(() =>
        {
            Assert.That(options.SignInScheme, Is.EqualTo("Cookies"));
            Assert.That(options.PathPrefix.Value, Is.EqualTo("/federation"));
            Assert.That(options.PublicOrigin, Is.Null);
            Assert.That(options.UserIdClaimType, Is.EqualTo(System.Security.Claims.ClaimTypes.NameIdentifier));
            Assert.That(SignInErrorCodes.NoSingleSignOn, Is.EqualTo("signin.no_sso"));
        });
    }
}
