using FederationKit.Dns.Tests;
using Microsoft.Playwright;

namespace FederationKit.Samples.Tests;

/// <summary>The owner's first steps in the sample's admin pages, shared by the OIDC and SAML stories.</summary>
internal static class AdminSteps
{
    /// <summary>Starts as an owner and creates the organization.</summary>
    public static async Task CreateOrganizationAsync(IPage page, string root, string ownerEmail, string organization)
    {
        await page.GotoAsync(root + "/admin");
        await page.FillAsync("#email", ownerEmail);
        await page.ClickAsync("#start-form button");
        await page.FillAsync("#name", organization);
        await page.ClickAsync("#organization-form button");
        Assert.That(await page.InnerTextAsync("#organization-name"), Is.EqualTo(organization));
    }

    /// <summary>Claims the domain, publishes the TXT record the page shows on a real dnsmasq, and verifies it.</summary>
    /// <returns>The DNS server, which must keep running while the domain is re-checked.</returns>
    public static async Task<DnsmasqServer> ClaimAndVerifyDomainAsync(IPage page, string domain, int dnsPort, string screenshot)
    {
        var key = domain.Replace('.', '-');
        await page.FillAsync("#new-domains", domain);
        await page.ClickAsync("#domains-form button");
        Assert.That(await page.InnerTextAsync($"#status-{key}"), Does.StartWith("Pending"));
        var host = await page.InnerTextAsync($"#txt-host-{key}");
        var value = await page.InnerTextAsync($"#txt-value-{key}");
        await Browser.ScreenshotAsync(page, screenshot);
        var dns = await DnsmasqServer.StartAsync(dnsPort, $"--txt-record={host},{value}");
        await page.ClickAsync($"#verify-{key} button");
        Assert.That(await page.InnerTextAsync($"#status-{key}"), Does.StartWith("Verified"));
        return dns;
    }

    /// <summary>Creates a directory (no domain linked) and returns its ID, read from its link form.</summary>
    public static async Task<string> CreateDirectoryAsync(IPage page, string directory)
    {
        await page.FillAsync("#directoryName", directory);
        await page.ClickAsync("#directory-form button");
        return (await page.GetAttributeAsync("form[id^=link-]", "id"))!["link-".Length..];
    }

    /// <summary>Creates a federated directory and links the verified domain to it.</summary>
    public static async Task CreateDirectoryWithDomainAsync(IPage page, string directory, string domain)
    {
        await page.FillAsync("#directoryName", directory);
        await page.ClickAsync("#directory-form button");
        await page.ClickAsync("form[id^=link-] button");
        Assert.That(await page.InnerTextAsync("section.directory .linked"), Is.EqualTo(domain));
    }

    /// <summary>Maps the IdP group <c>engineers</c> to the product group <c>Engineering</c> and enforces SSO.</summary>
    public static async Task MapGroupsAndEnforceSsoAsync(IPage page)
    {
        var settings = page.Locator("form[id^=settings-]");
        await settings.Locator("textarea[name=groupMappings]").FillAsync("engineers=Engineering");
        await settings.Locator("input[name=ssoEnforced]").CheckAsync();
        await settings.Locator("button").ClickAsync();
        Assert.That(await page.InputValueAsync("textarea[name=groupMappings]"), Is.EqualTo("engineers=Engineering"));
    }

    /// <summary>Activates the tested profile.</summary>
    public static async Task ActivateAsync(IPage page)
    {
        Assert.That(await page.InnerTextAsync(".profile-status"), Is.EqualTo("tested"));
        await page.ClickAsync("form[id^=activate-] button");
        Assert.That(await page.InnerTextAsync(".profile-status"), Is.EqualTo("active"));
    }
}
