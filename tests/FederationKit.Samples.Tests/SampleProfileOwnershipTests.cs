using System.Net;

namespace FederationKit.Samples.Tests;

/// <summary>
/// Test sign-in and activation act only on profiles of the signed-in admin's own directories: another organization's profile
/// ID in the URL is answered like a missing profile.
/// </summary>
[NonParallelizable]
public sealed class SampleProfileOwnershipTests
{
    [Test]
    public async Task ProfileEndpoints_AnotherOrganizationsProfile_AreRefused()
    {
        await using var app = await SampleAppProcess.StartAsync();
        var root = app.BaseAddress.ToString().TrimEnd('/');
        var (playwright, browser) = await Browser.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                // Acme's directory has a SAML profile (entered by hand, so nothing is fetched).
                var acme = await browser.NewContextAsync();
                var owner = await acme.NewPageAsync();
                await AdminSteps.CreateOrganizationAsync(owner, root, "owner@acme-corp.com", "Acme");
                var directoryId = await AdminSteps.CreateDirectoryAsync(owner, "Staff");
                using var ownerClient = await AdminHttp.ClientAsync(acme, app.BaseAddress);
                using (var key = System.Security.Cryptography.RSA.Create(2048))
                {
                    var certificate = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=saml-idp", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1)
                        .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
                    var added = await AdminHttp.PostAsync(ownerClient, $"/admin/directories/{directoryId}/saml", new Dictionary<string, string>
                    {
                        [AdminHttp.TokenField] = await AdminHttp.TokenAsync(owner),
                        ["profileName"] = "Acme ADFS",
                        ["entityId"] = "https://adfs.acme-corp.example/adfs/services/trust",
                        ["ssoUrl"] = "https://adfs.acme-corp.example/adfs/ls/",
                        ["certificate"] = Convert.ToBase64String(certificate.RawData),
                    }, multipart: true);
                    Assert.That(added.Status, Is.EqualTo(HttpStatusCode.Redirect), added.Code);
                }

                await owner.GotoAsync(root + "/admin");
                var profileId = (await owner.GetAttributeAsync("form[id^=activate-]", "id"))!["activate-".Length..];

                // The owner's own test sign-in starts (a redirect to the IdP).
                using var ownForm = new FormUrlEncodedContent(new Dictionary<string, string> { [AdminHttp.TokenField] = await AdminHttp.TokenAsync(owner) });
                var own = await ownerClient.PostAsync(new Uri($"admin/profiles/{profileId}/test", UriKind.Relative), ownForm);
                Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
                Assert.That(own.Headers.Location!.ToString(), Does.StartWith("https://adfs.acme-corp.example/adfs/ls/"));

                // A forged navigation cannot start a test: the start is a POST that needs the page's antiforgery token.
                var forged = await AdminHttp.PostAsync(ownerClient, $"/admin/profiles/{profileId}/test");
                Assert.That((forged.Status, forged.Code), Is.EqualTo((HttpStatusCode.BadRequest, "request.antiforgery_failed")));

                // Beta's owner is offered nothing and can start nothing with Acme's profile ID.
                var beta = await browser.NewContextAsync();
                var other = await beta.NewPageAsync();
                await AdminSteps.CreateOrganizationAsync(other, root, "owner@beta-corp.com", "Beta");
                Assert.That(await other.Locator("form[id^=test-]").CountAsync(), Is.Zero);
                using var otherClient = await AdminHttp.ClientAsync(beta, app.BaseAddress);
                foreach (var path in new[] { $"/admin/profiles/{profileId}/test" })
                {
                    var (status, code, _) = await AdminHttp.PostAsync(otherClient, path, new Dictionary<string, string> { [AdminHttp.TokenField] = await AdminHttp.TokenAsync(other) });
                    Assert.That((status, code), Is.EqualTo((HttpStatusCode.NotFound, "directory.profile.not_found")), path);
                }

                var activate = await AdminHttp.PostAsync(otherClient, $"/admin/profiles/{profileId}/activate",
                    new Dictionary<string, string> { [AdminHttp.TokenField] = await AdminHttp.TokenAsync(other), ["force"] = "true" });
                Assert.That((activate.Status, activate.Code), Is.EqualTo((HttpStatusCode.NotFound, "directory.profile.not_found")));
                await owner.GotoAsync(root + "/admin");
                Assert.That(await owner.InnerTextAsync(".profile-status"), Is.EqualTo("not tested"));
            }
        }
    }
}
