using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.Organizations;
using FederationKit.Saml.SignIn;
using FederationKit.SignIn;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Saml.Tests.SignIn;

/// <summary>SP-initiated SAML through <c>AddFederationKit().AddSaml()</c>: route, prepared AuthnRequest, response, JIT provisioning, single logout.</summary>
public sealed class SamlProfileSignInTests
{
    [Test]
    public async Task RoutedEmail_GetsAPreparedAuthnRequest_TheAnsweringResponseProvisionsTheUser_AndLogoutRoundTripsThroughTheIdp()
    {
        var clock = new FakeTimeProvider(SamlResponseBuilder.Now);
        var dns = new PublishedTxtRecords();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IDnsTxtResolver>(dns);
        services.AddFederationKit().AddSaml(o =>
        {
            o.EntityId = SamlResponseBuilder.SpEntityId;
            o.AssertionConsumerServiceBaseUrl = new Uri("https://app.example/saml/acs");
            o.SingleLogoutServiceBaseUrl = new Uri("https://app.example/saml/slo");
            o.SigningCertificate = SamlTestKeys.Attacker; // any SP key: it signs requests, it is never trusted for responses
        });
        await using var sp = services.BuildServiceProvider();

        var ownerId = TestAdministrator.Id;
        var owner = OwnerRef.Organization((await sp.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", ownerId, "owner@acme-corp.com")).Value.Id);
        var domains = sp.GetRequiredService<DomainClaimService>();
        await domains.AddDomainsAsync(owner, ownerId, ["acme-corp.com"]);
        var record = (await domains.GetInstructionsAsync(owner, ownerId, "acme-corp.com")).Value;
        dns.Records[record.Host] = record.Value;
        await domains.VerifyNowAsync(owner, ownerId, "acme-corp.com");
        var directory = (await sp.GetRequiredService<DirectoryService>().CreateDirectoryAsync(owner, TestAdministrator.Id, "Staff", DirectoryIdentityType.Federated)).Value;
        await sp.GetRequiredService<DirectoryService>().LinkDomainAsync(directory.Id, TestAdministrator.Id, "acme-corp.com");
        var profiles = sp.GetRequiredService<IdpProfileService>();
        var profile = (await profiles.AddSamlProfileAsync(directory.Id, TestAdministrator.Id, "Acme ADFS", new SamlIdpSettings
        {
            EntityId = SamlResponseBuilder.IdpEntityId,
            SsoUrlRedirect = new Uri("https://idp.acme.example/sso"),
            LogoutUrl = new Uri(Logout.IdpLogoutMessages.IdpSloUrl),
            SigningCertificates = [Convert.ToBase64String(SamlTestKeys.Idp.RawData)],
            NameIdFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
            SignRequests = true,
        })).Value;
        Assert.That((await profiles.ActivateProfileAsync(profile.Id, TestAdministrator.Id, force: true)).IsSuccess, Is.True);
        await sp.GetRequiredService<DirectorySignInSettingsService>().UpdateAsync(directory.Id, TestAdministrator.Id, s => s with { GroupMappings = [new GroupMapping("engineers", "Engineering")] });

        var route = await sp.GetRequiredService<SignInRouter>().RouteAsync("carol@acme-corp.com");
        Assert.That(route, Is.InstanceOf<FederatedRoute>());
        var federated = (FederatedRoute)route;
        Assert.That(federated.Protocol, Is.EqualTo(IdentityProtocol.Saml));
        var signIns = sp.GetRequiredService<SamlProfileSignIns>();
        var request = (await signIns.StartAsync(federated.ProfileId, "/after")).Value;
        Assert.That(request.RedirectUrl.Query, Does.Contain("&Signature="));

        var acs = "https://app.example/saml/acs/" + profile.Id;
        var response = new SamlResponseBuilder { InResponseTo = request.RequestId, Destination = acs, Recipient = acs }.Signed();
        var completed = await signIns.CompleteAsync(federated.ProfileId, SamlResponseBuilder.Base64(response));
        Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());

        var outcome = await sp.GetRequiredService<JitProvisioner>().SignInAsync(new SignInProfileContext(directory.Id, profile.Id), completed.Value.Identity);
        Assert.That(outcome.IsSuccess, Is.True, () => outcome.Error.ToString());
        Assert.That(outcome.Value.Memberships.Single().Groups, Is.EqualTo(new[] { "Engineering" }));
        Assert.That(outcome.Value.Memberships.Single().Username, Is.EqualTo("carol@acme_corp.com"), "a new profile names members after the NameID (the username rules turn - into _)");

        var posted = await signIns.CompleteAsync(federated.ProfileId, SamlResponseBuilder.Base64(new SamlResponseBuilder { InResponseTo = request.RequestId, Destination = "https://app.example/saml/acs/other", Recipient = acs }.Signed()));
        Assert.That(posted.Error.Code, Is.EqualTo(SamlErrorCodes.DestinationMismatch), "a response for another profile's ACS URL is refused");

        // Sign-out through the IdP, at the profile's SLO URL, in both directions.
        var logouts = sp.GetRequiredService<SamlProfileLogouts>();
        var slo = "https://app.example/saml/slo/" + profile.Id;
        var logout = (await logouts.StartAsync(profile.Id, new FederationKit.Saml.Logout.SamlLogoutRequestOptions { NameId = completed.Value.Assertion.NameId, SessionIndex = completed.Value.Assertion.SessionIndex })).Value;
        Assert.That(Logout.IdpLogoutMessages.Inflate(Logout.IdpLogoutMessages.Parameters(logout.RedirectUrl)["SAMLRequest"]), Does.Contain("<samlp:SessionIndex>_s1</samlp:SessionIndex>"));
        var loggedOut = await logouts.CompleteAsync(profile.Id, Logout.IdpLogoutMessages.Query("SAMLResponse", Logout.IdpLogoutMessages.Response(logout.RequestId, Logout.IdpLogoutMessages.SuccessStatus, destination: slo), key: SamlTestKeys.Idp));
        Assert.That(loggedOut.IsSuccess && loggedOut.Value.IsSuccess, Is.True, () => loggedOut.Error.ToString());

        var idpLogout = await logouts.ReceiveAsync(profile.Id, Logout.IdpLogoutMessages.Query("SAMLRequest", Logout.IdpLogoutMessages.Request(destination: slo), key: SamlTestKeys.Idp));
        Assert.That(idpLogout.IsSuccess, Is.True, () => idpLogout.Error.ToString());
        var answer = await logouts.AnswerAsync(profile.Id, idpLogout.Value, allSessionsEnded: true);
        Assert.That(answer.Value.GetLeftPart(UriPartial.Path), Is.EqualTo(Logout.IdpLogoutMessages.IdpSloUrl));
        var elsewhere = await logouts.ReceiveAsync(profile.Id, Logout.IdpLogoutMessages.Query("SAMLRequest", Logout.IdpLogoutMessages.Request(id: "_other"), key: SamlTestKeys.Idp));
        Assert.That(elsewhere.Error.Code, Is.EqualTo(FederationKit.Saml.Logout.SamlLogoutErrorCodes.DestinationMismatch), "the SLO URL of another profile is refused");
    }

    private sealed class PublishedTxtRecords : IDnsTxtResolver
    {
        public Dictionary<string, string> Records { get; } = new(StringComparer.Ordinal);

        public Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default) =>
            Task.FromResult(Records.TryGetValue(hostName, out var value) ? DnsTxtLookup.Found([DnsTxtRecord.Of(value)]) : DnsTxtLookup.NotFound("NXDOMAIN"));
    }
}
