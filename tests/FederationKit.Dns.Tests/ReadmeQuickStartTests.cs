using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Dns.Tests;

/// <summary>The README's quick start, line for line, against a real dnsmasq: claim, verify, federate, enforce, route, provision.</summary>
[NonParallelizable]
public class ReadmeQuickStartTests
{
    [Test]
    public async Task QuickStart_FromOrganizationToProvisionedMember_Works()
    {
        var dnsmasqPort = DnsmasqServer.FreePort();
        var samlSettings = SamlSettings();
        var ownerId = UserId.New();

        // --- quick start (README.md) ---
        var services = new ServiceCollection();
        services.AddFederationKit().AddDnsClientResolver(o => o.NameServers.Add($"127.0.0.1:{dnsmasqPort}"));
        await using var sp = services.BuildServiceProvider();

        // 1. An owner creates its organization and proves that it owns its email domain.
        var org = (await sp.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", ownerId, "owner@acme.example.test")).Value;
        var owner = OwnerRef.Organization(org.Id);
        var domains = sp.GetRequiredService<DomainClaimService>();
        await domains.AddDomainsAsync(owner, ownerId, ["acme.example.test"]);
        var record = (await domains.GetInstructionsAsync(owner, ownerId, "acme.example.test")).Value; // record.ToText(): what to publish
        using var dns = await DnsmasqServer.StartAsync(dnsmasqPort, $"--txt-record={record.Host},{record.Value}");
        var check = await domains.VerifyNowAsync(owner, ownerId, "acme.example.test");

        // 2. A federated directory gets the domain and the company's SAML IdP; a test sign-in, then activation.
        var directories = sp.GetRequiredService<DirectoryService>();
        var directory = (await directories.CreateDirectoryAsync(owner, ownerId, "Staff", DirectoryIdentityType.Federated)).Value;
        await directories.LinkDomainAsync(directory.Id, ownerId, "acme.example.test");
        var profiles = sp.GetRequiredService<IdpProfileService>();
        var idp = (await profiles.AddSamlProfileAsync(directory.Id, ownerId, "Acme Okta", samlSettings)).Value;
        await profiles.TestProfileAsync(idp.Id, ownerId, Identity("owner@acme.example.test"));  // from the SAML package's validator
        await profiles.ActivateProfileAsync(idp.Id, ownerId);
        await sp.GetRequiredService<DirectorySignInSettingsService>().UpdateAsync(directory.Id, ownerId, s => s with { SsoEnforced = true });

        // 3. Sign-in: route by email, then provision the identity the IdP asserted.
        var router = sp.GetRequiredService<SignInRouter>();
        var route = await router.RouteAsync("carol@acme.example.test");         // FederatedRoute: send Carol to Acme Okta
        var password = await router.CheckLocalSignInAsync("carol@acme.example.test", LocalSignInMethod.Password); // refused
        var outcome = await sp.GetRequiredService<JitProvisioner>().SignInAsync(
            new SignInProfileContext(directory.Id, idp.Id), Identity("carol@acme.example.test"));
        // --- end of quick start ---

        Assert.That(check.Value.Claim.State, Is.EqualTo(DomainClaimState.Verified), check.Value.Detail);
        Assert.That(route, Is.InstanceOf<FederatedRoute>());
        Assert.That(((FederatedRoute)route).IdpDisplayName, Is.EqualTo("Acme Okta"));
        Assert.That(password.Error.Code, Is.EqualTo(SignInErrorCodes.SsoRequired));
        Assert.That(outcome.IsSuccess, Is.True, () => outcome.Error.ToString());
        Assert.That(outcome.Value.Memberships.Single().OrganizationId, Is.EqualTo(org.Id));
    }

    private static FederatedIdentity Identity(string email) =>
        new(IdentityProtocol.Saml, "https://acme.okta.example/", email, "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", TimeProvider.System.GetUtcNow()) { Email = email, EmailVerified = true };

    private static SamlIdpSettings SamlSettings()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=acme.okta.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return new SamlIdpSettings
        {
            EntityId = "https://acme.okta.example/",
            SsoUrlRedirect = new Uri("https://acme.okta.example/sso/redirect"),
            SigningCertificates = [Convert.ToBase64String(certificate.RawData)],
            NameIdFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
        };
    }
}
