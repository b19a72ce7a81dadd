using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Saml.SignIn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Saml.Tests.SignIn;

/// <summary>A profile whose IdP publishes only a POST SSO URL: the sign-in starts with an XML-signed AuthnRequest in an auto-submitting form.</summary>
public sealed class SamlPostBindingSignInTests
{
    [Test]
    public async Task ProfileWithOnlyAPostSsoUrl_StartsThroughAnAutoSubmittingSignedForm_AndItsAnswerIsAccepted()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(SamlResponseBuilder.Now));
        services.AddFederationKit().AddSaml(o =>
        {
            o.EntityId = SamlResponseBuilder.SpEntityId;
            o.AssertionConsumerServiceBaseUrl = new Uri("https://app.example/saml/acs");
            o.SigningCertificate = SamlTestKeys.Sp;
        });
        await using var sp = services.BuildServiceProvider();
        var owner = OwnerRef.Organization((await sp.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", TestAdministrator.Id, "owner@acme-corp.com")).Value.Id);
        var directory = (await sp.GetRequiredService<DirectoryService>().CreateDirectoryAsync(owner, TestAdministrator.Id, "Staff", DirectoryIdentityType.Federated)).Value;
        var profile = (await sp.GetRequiredService<IdpProfileService>().AddSamlProfileAsync(directory.Id, TestAdministrator.Id, "Acme PingFederate", new SamlIdpSettings
        {
            EntityId = SamlResponseBuilder.IdpEntityId,
            SsoUrlPost = new Uri("https://idp.acme.example/sso/post"),
            SigningCertificates = [Convert.ToBase64String(SamlTestKeys.Idp.RawData)],
        })).Value;
        var signIns = sp.GetRequiredService<SamlProfileSignIns>();

        var redirect = await signIns.StartAsync(profile.Id, "/after");
        var post = await signIns.StartPostAsync(profile.Id, "/after");

        Assert.That(redirect.Error.Details["setting"], Is.EqualTo("SingleSignOnUrlRedirect"));
        Assert.That(post.IsSuccess, Is.True, () => post.Error.ToString());
        var html = post.Value.ToAutoSubmitHtml();
        Assert.That(html, Does.Contain("action=\"https://idp.acme.example/sso/post\"").And.Contain("name=\"RelayState\" value=\"/after\""));
        var request = new XmlDocument { PreserveWhitespace = true };
        request.LoadXml(Encoding.UTF8.GetString(Convert.FromBase64String(post.Value.SamlRequest)));
        var signed = new SignedXml(request.DocumentElement!);
        signed.LoadXml((XmlElement)request.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl)[0]!);
        Assert.That(signed.CheckSignature(SamlTestKeys.Sp, verifySignatureOnly: true), Is.True, "signed with the SP key, as the profile asks by default");

        var acs = "https://app.example/saml/acs/" + profile.Id;
        var answer = new SamlResponseBuilder { InResponseTo = post.Value.RequestId, Destination = acs, Recipient = acs }.Signed();
        var completed = await signIns.CompleteAsync(profile.Id, SamlResponseBuilder.Base64(answer));
        Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());
    }
}
