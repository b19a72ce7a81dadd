using System.Net;

namespace FederationKit.Samples.Tests;

/// <summary>
/// A form posted with the page's valid antiforgery token but a required field missing or empty gets the sample's error page
/// (400, <c>request.field_missing</c>), never the developer exception page; and EF Core's SQL command log stays off.
/// </summary>
[NonParallelizable]
public sealed class SampleFormFieldTests
{
    [Test]
    public async Task Post_WithoutRequiredFields_AnswersFieldMissingPage()
    {
        await using var app = await SampleAppProcess.StartAsync();
        var root = app.BaseAddress.ToString().TrimEnd('/');
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                var context = await browser.NewContextAsync();
                var page = await context.NewPageAsync();
                await AdminSteps.CreateOrganizationAsync(page, root, "owner@acme-corp.com", "Acme");
                await page.FillAsync("#directoryName", "Staff");
                await page.ClickAsync("#directory-form button");
                var directoryId = (await page.GetAttributeAsync("form[id^=link-]", "id"))!["link-".Length..];
                var token = await AdminHttp.TokenAsync(page);
                using var client = await AdminHttp.ClientAsync(context, app.BaseAddress);

                var endpoints = new Dictionary<string, string>
                {
                    ["/admin/start"] = "email",
                    ["/admin/organization"] = "name",
                    ["/admin/domains"] = "domains",
                    ["/admin/domains/verify"] = "domain",
                    ["/admin/directories"] = "directoryName",
                    [$"/admin/directories/{directoryId}/link"] = "domain",
                    [$"/admin/directories/{directoryId}/oidc"] = "profileName",
                    [$"/admin/directories/{directoryId}/saml"] = "profileName",
                    ["/admin/trust/request"] = "domain",
                    [$"/admin/trust/{Guid.NewGuid()}/reject"] = "reason",
                };
                foreach (var (path, field) in endpoints)
                {
                    var (status, code, body) = await AdminHttp.PostAsync(client, path, new Dictionary<string, string> { [AdminHttp.TokenField] = token }, multipart: path.EndsWith("/saml", StringComparison.Ordinal));
                    Assert.That((status, code), Is.EqualTo((HttpStatusCode.BadRequest, "request.field_missing")), path);
                    Assert.That(body, Does.Contain($"&#x27;{field}&#x27;").And.Not.Contain("Exception"), path);
                }

                // Present but blank is missing too.
                var blank = await AdminHttp.PostAsync(client, "/admin/directories", new Dictionary<string, string> { [AdminHttp.TokenField] = token, ["directoryName"] = "  " });
                Assert.That((blank.Status, blank.Code), Is.EqualTo((HttpStatusCode.BadRequest, "request.field_missing")));

                // The same token with the field is accepted: the refusals above were about the fields.
                var created = await AdminHttp.PostAsync(client, "/admin/directories", new Dictionary<string, string> { [AdminHttp.TokenField] = token, ["directoryName"] = "Contractors" });
                Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Redirect));

                // EF Core's command log is off by default: the app wrote to the database, but no SQL reached the log.
                Assert.That(app.Output, Does.Not.Contain("Executed DbCommand"));
            }
        }
    }
}
