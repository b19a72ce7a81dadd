using System.Net;

namespace FederationKit.Samples.Tests;

public sealed class SampleHomeTests
{
    [Test]
    public async Task Home_InARealBrowser_ShowsTheSampleTitle()
    {
        await using var app = await SampleAppProcess.StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                var page = await browser.NewPageAsync();
                var response = await page.GotoAsync(app.BaseAddress.ToString());

                Assert.That(response!.Status, Is.EqualTo((int)HttpStatusCode.OK));
                Assert.That(await page.InnerTextAsync("h1"), Is.EqualTo("FederationKit sample"));
                Assert.That(await page.TitleAsync(), Does.Contain("FederationKit sample"));
                await Browser.ScreenshotAsync(page, "home");
            }
        }
    }
}
