using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FederationKit.Dns.Tests;
using Microsoft.Playwright;

namespace FederationKit.Samples.Tests;

/// <summary>
/// Directory sync in a real browser: the owner connects SimpleSAMLphp as in the SAML story, opens the directory's SCIM page
/// and creates a token (shown once); a SCIM client on 127.0.0.1, acting as the IdP's provisioning, creates Dana and a group
/// with her as member; Dana signs in through SSO and lands with the product group the SCIM group maps to (not the one her
/// IdP's groups claim would give); the client deactivates her (Entra ID's <c>"False"</c>); her next request finds her session
/// ended, and signing in again through SSO is refused. Then the owner rotates the token and revokes the old one (401).
/// </summary>
[NonParallelizable]
public sealed class ScimStoryTests
{
    private const string ScimJson = "application/scim+json";
    private const string DanaExternalId = "6f0e3c1d-2b4a-4e8f-9a7c-1d2e3f4a5b6c";

    [Test]
    public async Task Story_IdpProvisionsAndDeactivatesThroughScim_MemberLandsWithScimGroupThenLosesSession()
    {
        var dnsPort = DnsmasqServer.FreePort();
        await using var app = await SampleAppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Sample__DnsServer"] = $"127.0.0.1:{dnsPort}",
            // Check a federated session against the user's security stamp on every request (30 s by default).
            ["FederationKit__Authentication__SecurityStamp__ValidationInterval"] = "00:00:00",
        });
        var root = app.BaseAddress.ToString().TrimEnd('/');
        await using var idp = await SimpleSamlPhpServer.StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                var admin = await browser.NewPageAsync();
                var colleague = await (await browser.NewContextAsync()).NewPageAsync();
                try
                {
                    await RunStoryAsync(admin, colleague, root, idp, dnsPort);
                }
                catch
                {
                    await Browser.ScreenshotAsync(admin, "scim-failure-admin");
                    await Browser.ScreenshotAsync(colleague, "scim-failure-colleague");
                    TestContext.Out.WriteLine(app.Output);
                    TestContext.Out.WriteLine(idp.Log);
                    throw;
                }
            }
        }
    }

    private static async Task RunStoryAsync(IPage admin, IPage colleague, string root, SimpleSamlPhpServer idp, int dnsPort)
    {
        await AdminSteps.CreateOrganizationAsync(admin, root, "owner@globex-corp.com", "Globex");
        using var dns = await AdminSteps.ClaimAndVerifyDomainAsync(admin, "globex-corp.com", dnsPort, "scim-1-domain-pending");
        await AdminSteps.CreateDirectoryWithDomainAsync(admin, "Staff", "globex-corp.com");
        await ConnectSamlIdpAsync(admin, root, idp);

        // The owner opens the directory's SCIM page and creates a token: its secret is on this answer only.
        await admin.ClickAsync("a.scim-page");
        var scimPage = admin.Url;
        var baseUrl = await admin.InnerTextAsync("#scim-base-url");
        Assert.That(baseUrl, Does.Match("^" + root.Replace(".", "\\.", StringComparison.Ordinal) + "/scim/v2/[0-9a-f-]{36}$"), "the base URL is absolute, from the request");
        Assert.That(await admin.Locator("#scim-tokens tr[id^=scim-token-]").CountAsync(), Is.Zero);
        await admin.ClickAsync("#scim-issue button");
        var secret = await admin.InnerTextAsync("#scim-token-secret");
        var tokenId = await admin.InnerTextAsync("#scim-new-token-id");
        Assert.That(secret, Does.StartWith("fks_").And.Length.GreaterThanOrEqualTo(4 + 43), "256 bits, base64url");
        Assert.That(await admin.InnerTextAsync("#scim-new-token"), Does.Contain("Copy this token now"));
        Assert.That(await admin.InnerTextAsync($"#scim-token-{tokenId} .token-state"), Is.EqualTo("valid"));
        await Browser.ScreenshotAsync(admin, "scim-2-token-created");

        // Shown once: the page, opened again (also from the address bar at the POST's URL), lists the token without its secret.
        await admin.GotoAsync(admin.Url);
        Assert.That(admin.Url, Is.EqualTo(scimPage));
        Assert.That(await admin.Locator("#scim-token-secret").CountAsync(), Is.Zero);
        Assert.That(await admin.ContentAsync(), Does.Not.Contain(secret));
        Assert.That(await admin.InnerTextAsync($"#scim-token-{tokenId} .token-id"), Is.EqualTo(tokenId));

        // The IdP's provisioning creates Dana and a group with her as its member.
        using var scim = Client(baseUrl, secret);
        var (created, user) = await SendAsync(scim, HttpMethod.Post, "Users", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"externalId":"{{DanaExternalId}}","userName":"dana@globex-corp.com","active":true,
             "name":{"givenName":"Dana","familyName":"Scully"},"emails":[{"primary":true,"type":"work","value":"dana@globex-corp.com"}]}
            """);
        Assert.That(created, Is.EqualTo(HttpStatusCode.Created), user.ToJsonString());
        var userId = (string)user["id"]!;
        var (groupCreated, group) = await SendAsync(scim, HttpMethod.Post, "Groups", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"externalId":"grp-platform","displayName":"platform-team","members":[{"value":"{{userId}}"}]}
            """);
        Assert.That(groupCreated, Is.EqualTo(HttpStatusCode.Created), group.ToJsonString());

        // The page lists what was provisioned.
        await admin.GotoAsync(scimPage);
        var row = admin.Locator($"#scim-user-{userId}");
        Assert.That(await row.Locator(".user-name").InnerTextAsync(), Is.EqualTo("dana@globex-corp.com"));
        Assert.That(await row.Locator(".email").InnerTextAsync(), Is.EqualTo("dana@globex-corp.com"));
        Assert.That(await row.Locator(".external-id").InnerTextAsync(), Is.EqualTo(DanaExternalId));
        Assert.That(await row.Locator(".state").InnerTextAsync(), Is.EqualTo("active"));
        Assert.That(await row.Locator(".groups").InnerTextAsync(), Is.EqualTo("platform-team"));
        Assert.That(await row.Locator(".signed-in").InnerTextAsync(), Is.EqualTo("not yet"));
        Assert.That(await admin.InnerTextAsync("#scim-groups tr.scim-group .display-name"), Is.EqualTo("platform-team"));
        Assert.That(await admin.InnerTextAsync("#scim-groups tr.scim-group .members"), Is.EqualTo("1"));
        await Browser.ScreenshotAsync(admin, "scim-3-provisioned");

        // Dana signs in through SSO and lands on her SCIM account with the product group its SCIM group maps to; her IdP's
        // groups claim (engineers, which maps to Engineering) does not decide for a user the directory syncs.
        await SignInThroughSsoAsync(colleague, root, "scim-idp-login");
        await colleague.WaitForSelectorAsync("#me-email");
        Assert.That(await colleague.InnerTextAsync("#me-email"), Is.EqualTo("dana@globex-corp.com"));
        Assert.That(await colleague.InnerTextAsync("#memberships .org"), Is.EqualTo("Globex"));
        Assert.That(await colleague.InnerTextAsync("#memberships .groups"), Is.EqualTo("Platform"));
        await Browser.ScreenshotAsync(colleague, "scim-4-member");
        await admin.GotoAsync(scimPage);
        Assert.That(await row.Locator(".signed-in").InnerTextAsync(), Is.EqualTo("yes"), "the sign-in bound the SCIM user");

        // The IdP deactivates Dana as Entra ID does: "active" as the string "False".
        var (patched, deactivated) = await SendAsync(scim, HttpMethod.Patch, $"Users/{userId}", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}
            """);
        Assert.That(patched, Is.EqualTo(HttpStatusCode.OK), deactivated.ToJsonString());
        Assert.That(deactivated["active"]!.GetValue<bool>(), Is.False);

        // Her next request in the same browser finds the session ended: she is sent to sign in, and the cookie is gone.
        await colleague.GotoAsync(root + "/me");
        Assert.That(new Uri(colleague.Url).AbsolutePath, Is.EqualTo("/signin"), "the suspended user's session ended");
        Assert.That((await colleague.Context.CookiesAsync()).Select(c => c.Name), Does.Not.Contain("fedkit-sample"));
        await Browser.ScreenshotAsync(colleague, "scim-5-session-ended");

        // Signing in again through SSO (the IdP still has her session) is refused.
        await SignInThroughSsoAsync(colleague, root, "scim-idp-login-again");
        await colleague.WaitForSelectorAsync("#error-code");
        Assert.That(await colleague.InnerTextAsync("#error-code"), Is.EqualTo("signin.user_suspended"));
        await Browser.ScreenshotAsync(colleague, "scim-6-refused");
        await admin.GotoAsync(scimPage);
        Assert.That(await row.Locator(".state").InnerTextAsync(), Is.EqualTo("suspended"));

        await RotateAndRevokeAsync(admin, baseUrl, secret, tokenId);
    }

    /// <summary>Rotation: a new secret shown once, the old token valid for the overlap; revoking the old one makes it 401.</summary>
    private static async Task RotateAndRevokeAsync(IPage admin, string baseUrl, string oldSecret, string oldTokenId)
    {
        await admin.ClickAsync("#scim-rotate button");
        var newSecret = await admin.InnerTextAsync("#scim-token-secret");
        var newTokenId = await admin.InnerTextAsync("#scim-new-token-id");
        Assert.That(newSecret, Does.StartWith("fks_").And.Not.EqualTo(oldSecret));
        Assert.That(await admin.InnerTextAsync("#scim-overlap-ends"), Does.EndWith("UTC"));
        Assert.That(await admin.InnerTextAsync($"#scim-token-{oldTokenId} .token-state"), Does.StartWith("valid until ").And.EndWith("(rotation overlap)"));
        await Browser.ScreenshotAsync(admin, "scim-7-rotated");

        using var oldClient = Client(baseUrl, oldSecret);
        using var newClient = Client(baseUrl, newSecret);
        Assert.That((await SendAsync(oldClient, HttpMethod.Get, "Users", null)).Status, Is.EqualTo(HttpStatusCode.OK), "the old token works during the overlap");
        Assert.That((await SendAsync(newClient, HttpMethod.Get, "Users", null)).Status, Is.EqualTo(HttpStatusCode.OK));

        await admin.ClickAsync($"#scim-revoke-{oldTokenId} button");
        Assert.That(await admin.InnerTextAsync($"#scim-token-{oldTokenId} .token-state"), Does.StartWith("revoked "));
        Assert.That(await admin.Locator("#scim-token-secret").CountAsync(), Is.Zero);
        var (revokedStatus, refusal) = await SendAsync(oldClient, HttpMethod.Get, "Users", null);
        Assert.That(revokedStatus, Is.EqualTo(HttpStatusCode.Unauthorized), refusal.ToJsonString());
        Assert.That((string?)refusal["status"], Is.EqualTo("401"));
        Assert.That((await SendAsync(newClient, HttpMethod.Get, "Users", null)).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await admin.InnerTextAsync($"#scim-token-{newTokenId} .token-state"), Is.EqualTo("valid"));
    }

    /// <summary>Adds SimpleSAMLphp from its metadata URL, hands it the SP metadata, maps groups, tests and activates, as the SAML story does.</summary>
    private static async Task ConnectSamlIdpAsync(IPage admin, string root, SimpleSamlPhpServer idp)
    {
        var saml = admin.Locator("form[id^=saml-]");
        await saml.Locator("input[name=profileName]").FillAsync("Globex SimpleSAMLphp");
        await saml.Locator("input[name=metadataUrl]").FillAsync(idp.MetadataUrl);
        await saml.Locator("button").ClickAsync();
        var metadataLink = await admin.Locator("a.sp-metadata").GetAttributeAsync("href");
        await idp.TrustServiceProviderAsync(await (await admin.APIRequest.GetAsync(root + metadataLink)).TextAsync());

        // The IdP's claim group and the SCIM group map to different product groups, so the page shows which one decided.
        var settings = admin.Locator("form[id^=settings-]");
        await settings.Locator("textarea[name=groupMappings]").FillAsync("engineers=Engineering\nplatform-team=Platform");
        await settings.Locator("input[name=ssoEnforced]").CheckAsync();
        await settings.Locator("button").ClickAsync();

        await admin.ClickAsync("form[id^=test-] button");
        await SamlStoryTests.SignInAtIdpAsync(admin, "scim-idp-login-test");
        await admin.WaitForURLAsync(url => url.StartsWith(root + "/admin", StringComparison.Ordinal));
        await AdminSteps.ActivateAsync(admin);
    }

    /// <summary>Email-first sign-in; at the IdP, logs in when it asks (it does not while its own session lasts).</summary>
    private static async Task SignInThroughSsoAsync(IPage page, string root, string screenshot)
    {
        await page.GotoAsync(root + "/signin");
        await page.FillAsync("#email", "dana@globex-corp.com");
        await page.ClickAsync("#signin-form button");
        await page.WaitForSelectorAsync("#username, #me-email, #error-code");
        if (await page.Locator("#username").CountAsync() > 0)
        {
            await SamlStoryTests.SignInAtIdpAsync(page, screenshot);
        }
    }

    private static HttpClient Client(string baseUrl, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(ScimJson));
        return client;
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, ScimJson);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject());
    }
}
