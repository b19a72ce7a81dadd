using System.Web;
using Microsoft.Playwright;

namespace FederationKit.Samples.Tests;

/// <summary>
/// Login CSRF, as an attacker would try it: complete a sign-in at the IdP in one browser, keep the response (the SAML POST
/// to the ACS, or the OIDC callback URL) instead of letting it arrive, and open it in another browser (the victim's). The
/// app must refuse it there: the response is bound to the browser that started the sign-in.
/// </summary>
internal static class LoginCsrf
{
    /// <summary>Captures the SAML response the IdP posts to the ACS in a fresh browser context, then posts it from another.</summary>
    public static async Task<string> ReplaySamlResponseInAnotherBrowserAsync(IBrowser browser, string root, string email, Func<IPage, Task> signInAtIdp)
    {
        var attacker = await (await browser.NewContextAsync()).NewPageAsync();
        var captured = new TaskCompletionSource<(string Url, string Form)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await attacker.RouteAsync(url => url.Contains("/federation/saml/", StringComparison.Ordinal) && url.EndsWith("/acs", StringComparison.Ordinal), async route =>
        {
            captured.TrySetResult((route.Request.Url, route.Request.PostData ?? string.Empty));
            await route.AbortAsync();
        });
        await attacker.GotoAsync(root + "/signin");
        await attacker.FillAsync("#email", email);
        await attacker.ClickAsync("#signin-form button");
        await signInAtIdp(attacker);
        var (acs, form) = await captured.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var fields = HttpUtility.ParseQueryString(form);
        Assert.That(fields["SAMLResponse"], Is.Not.Null.And.Not.Empty, "the IdP posted a SAMLResponse");

        var victim = await (await browser.NewContextAsync()).NewPageAsync();
        await victim.SetContentAsync(
            $"""<form method="post" action="{HttpUtility.HtmlAttributeEncode(acs)}"><input type="hidden" name="SAMLResponse" value="{HttpUtility.HtmlAttributeEncode(fields["SAMLResponse"])}"><input type="hidden" name="RelayState" value="{HttpUtility.HtmlAttributeEncode(fields["RelayState"] ?? string.Empty)}"></form>""");
        await victim.EvalOnSelectorAsync("form", "form => form.submit()");
        return await RefusalCodeAsync(victim, "login-csrf-saml");
    }

    /// <summary>Captures the OIDC callback URL (code and state) in a fresh browser context, then opens it in another.</summary>
    public static async Task<string> ReplayOidcCallbackInAnotherBrowserAsync(IBrowser browser, string root, string email, Func<IPage, Task> signInAtProvider)
    {
        var attacker = await (await browser.NewContextAsync()).NewPageAsync();
        var captured = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        // The provider sends the browser to the callback with a redirect, which Playwright's routes do not see: the
        // DevTools Fetch domain pauses every request to the callback, redirects included, and this one is failed.
        var devTools = await attacker.Context.NewCDPSessionAsync(attacker);
        devTools.Event("Fetch.requestPaused").OnEvent += async (_, paused) =>
        {
            captured.TrySetResult(paused!.Value.GetProperty("request").GetProperty("url").GetString()!);
            await devTools.SendAsync("Fetch.failRequest", new() { ["requestId"] = paused.Value.GetProperty("requestId").GetString()!, ["errorReason"] = "Aborted" });
        };
        await devTools.SendAsync("Fetch.enable", new() { ["patterns"] = new object[] { new Dictionary<string, object> { ["urlPattern"] = "*/federation/oidc/callback*" } } });
        await attacker.GotoAsync(root + "/signin");
        await attacker.FillAsync("#email", email);
        await attacker.ClickAsync("#signin-form button");
        await signInAtProvider(attacker);
        var callback = await captured.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(callback, Does.Contain("code="), "the provider issued a code");

        var victim = await (await browser.NewContextAsync()).NewPageAsync();
        await victim.GotoAsync(callback);
        return await RefusalCodeAsync(victim, "login-csrf-oidc");
    }

    private static async Task<string> RefusalCodeAsync(IPage victim, string screenshot)
    {
        await victim.WaitForSelectorAsync("#error-code");
        await Browser.ScreenshotAsync(victim, screenshot);
        return await victim.InnerTextAsync("#error-code");
    }
}
