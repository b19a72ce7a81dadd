using System.Net;
using System.Web;
using System.Xml;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Saml;
using FederationKit.Saml.Tests;
using FederationKit.Saml.Tests.Logout;
using FederationKit.SignIn;

namespace FederationKit.AspNetCore.Tests;

/// <summary>
/// The handler with the SAML package's protocol: real signed responses at the ACS, a tampered one, IdP-initiated on and off,
/// SP metadata at the entity ID URL and per profile, and single logout in both directions.
/// </summary>
public sealed class SamlEdgeTests
{
    private const string Base = "https://app.example/federation";
    private EdgeHost _host = null!;
    private IdpProfileView _profile = null!;
    private readonly UserId _admin = UserId.New();

    private string ProfileAcs => $"{Base}/saml/{_profile.Id}/acs";

    private string ProfileSlo => $"{Base}/saml/{_profile.Id}/slo";

    private static SamlIdpSettings Settings(bool idpInitiated = false) => new()
    {
        EntityId = SamlResponseBuilder.IdpEntityId,
        SsoUrlRedirect = new Uri("https://idp.acme.example/sso"),
        LogoutUrl = new Uri(IdpLogoutMessages.IdpSloUrl),
        SigningCertificates = [Convert.ToBase64String(SamlTestKeys.Idp.RawData)],
        NameIdFormat = EdgeHost.EmailFormat,
        AllowIdpInitiatedSignIn = idpInitiated,
    };

    private async Task StartAsync(bool idpInitiated = false)
    {
        _host = await EdgeHost.StartAsync(realSaml: true);
        (_, _, _profile) = await _host.FederateAsync(_admin, "Acme", "acme-corp.com", samlSettings: Settings(idpInitiated));
    }

    [TearDown]
    public Task StopAsync() => _host.DisposeAsync().AsTask();

    /// <summary>The IdP's signed answer to <paramref name="requestId"/>, addressed to the profile's ACS and the edge's entity ID.</summary>
    private XmlDocument Response(string? requestId) =>
        new SamlResponseBuilder { InResponseTo = requestId, Destination = ProfileAcs, Recipient = ProfileAcs, Audience = Base + "/saml/metadata" }.Signed();

    /// <summary>Starts a sign-in for carol; returns the RelayState and the AuthnRequest's ID.</summary>
    private static async Task<(string RelayState, string RequestId)> ChallengeAsync(TestBrowser browser)
    {
        var challenge = await browser.GetAsync("/signin?email=carol@acme-corp.com&returnUrl=/app");
        Assert.That(challenge.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await challenge.Content.ReadAsStringAsync());
        var parameters = IdpLogoutMessages.Parameters(challenge.Headers.Location!);
        var request = new XmlDocument();
        request.LoadXml(IdpLogoutMessages.Inflate(parameters["SAMLRequest"]));
        return (parameters["RelayState"], request.DocumentElement!.GetAttribute("ID"));
    }

    private Task<HttpResponseMessage> PostAsync(TestBrowser browser, XmlDocument response, string? relayState)
    {
        var form = new Dictionary<string, string> { ["SAMLResponse"] = SamlResponseBuilder.Base64(response) };
        if (relayState is not null)
        {
            form["RelayState"] = relayState;
        }

        return browser.PostAsync($"/federation/saml/{_profile.Id}/acs", form);
    }

    private async Task<TestBrowser> SignedInAsync()
    {
        var browser = _host.NewBrowser();
        var (relayState, requestId) = await ChallengeAsync(browser);
        var response = await PostAsync(browser, Response(requestId), relayState);
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/app"), await response.Content.ReadAsStringAsync());
        return browser;
    }

    [Test]
    public async Task Story_SignedResponse_SignsInCarol()
    {
        await StartAsync();

        var browser = await SignedInAsync();

        var me = await (await browser.GetAsync("/me")).Content.ReadAsStringAsync();
        Assert.That(me, Does.Contain("emailaddress=carol@acme-corp.com"));
        Assert.That(me, Does.Contain("fedkit:profile=" + _profile.Id));
    }

    [Test]
    public async Task Response_TamperedAfterSigning_SignatureInvalidAndNobodySignedIn()
    {
        await StartAsync();
        var browser = _host.NewBrowser();
        var (relayState, requestId) = await ChallengeAsync(browser);
        var response = Response(requestId);
        var nameId = response.GetElementsByTagName("NameID", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!;
        nameId.InnerText = "ceo@acme-corp.com";

        var refused = await PostAsync(browser, response, relayState);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await TestBrowser.ErrorCodeAsync(refused), Is.EqualTo(SamlErrorCodes.SignatureInvalid));
        Assert.That(await (await browser.GetAsync("/me")).Content.ReadAsStringAsync(), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task Response_CapturedAndReplayedInAFreshBrowser_BrowserMismatch()
    {
        await StartAsync();
        var attacker = _host.NewBrowser();
        var (relayState, requestId) = await ChallengeAsync(attacker);

        var refused = await PostAsync(_host.NewBrowser(), Response(requestId), relayState);

        Assert.That(await TestBrowser.ErrorCodeAsync(refused), Is.EqualTo(SignInErrorCodes.BrowserMismatch));
    }

    [Test]
    public async Task IdpInitiated_ProfileDoesNotAllowIt_Refused()
    {
        await StartAsync();
        var browser = _host.NewBrowser();

        var refused = await PostAsync(browser, Response(null), null);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await TestBrowser.ErrorCodeAsync(refused), Is.EqualTo(SignInErrorCodes.IdpInitiatedNotAllowed));
        Assert.That(await (await browser.GetAsync("/me")).Content.ReadAsStringAsync(), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task IdpInitiated_ProfileAllowsIt_SignsInAndGoesHome()
    {
        await StartAsync(idpInitiated: true);
        var browser = _host.NewBrowser();

        var response = await PostAsync(browser, Response(null), null);

        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/"), await response.Content.ReadAsStringAsync());
        Assert.That(await (await browser.GetAsync("/me")).Content.ReadAsStringAsync(), Does.Contain("fedkit:profile=" + _profile.Id));
    }

    [Test]
    public async Task Metadata_AtTheEntityIdUrlAndPerProfile_ListTheirAcs()
    {
        await StartAsync();
        var browser = _host.NewBrowser();

        var shared = await browser.GetAsync("/federation/saml/metadata");
        var perProfile = await browser.GetAsync($"/federation/saml/{_profile.Id}/metadata");

        var sharedXml = await shared.Content.ReadAsStringAsync();
        var profileXml = await perProfile.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(shared.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(shared.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/samlmetadata+xml"));
            Assert.That(sharedXml, Does.Contain($"entityID=\"{Base}/saml/metadata\""));
            Assert.That(sharedXml, Does.Contain($"Location=\"{Base}/saml/acs\""));
            Assert.That(perProfile.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(profileXml, Does.Contain($"Location=\"{ProfileAcs}\""));
            Assert.That(profileXml, Does.Contain($"Location=\"{ProfileSlo}\""));
        });
    }

    [Test]
    public async Task Metadata_OfAnUnknownProfile_RefusedWithTheSamlCode()
    {
        await StartAsync();

        var refused = await _host.NewBrowser().GetAsync($"/federation/saml/{Guid.NewGuid()}/metadata");

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await TestBrowser.ErrorCodeAsync(refused), Is.EqualTo(SamlErrorCodes.SettingsInvalid));
    }

    [Test]
    public async Task SignOut_ThroughSingleLogout_IdpAnswerLandsOnTheReturnUrl()
    {
        await StartAsync();
        var browser = await SignedInAsync();

        var signOut = await browser.GetAsync("/signout?returnUrl=/goodbye");

        Assert.That(signOut.Headers.Location!.GetLeftPart(UriPartial.Path), Is.EqualTo(IdpLogoutMessages.IdpSloUrl));
        var parameters = IdpLogoutMessages.Parameters(signOut.Headers.Location);
        var request = new XmlDocument();
        request.LoadXml(IdpLogoutMessages.Inflate(parameters["SAMLRequest"]));
        Assert.That(request.GetElementsByTagName("NameID", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!.InnerText, Is.EqualTo("carol@acme-corp.com"));
        Assert.That(await (await browser.GetAsync("/me")).Content.ReadAsStringAsync(), Is.EqualTo("anonymous"));

        var answer = IdpLogoutMessages.Query("SAMLResponse", IdpLogoutMessages.Response(request.DocumentElement!.GetAttribute("ID"), IdpLogoutMessages.SuccessStatus, destination: ProfileSlo),
            parameters["RelayState"], SamlTestKeys.Idp);
        var back = await browser.GetAsync($"/federation/saml/{_profile.Id}/slo?" + answer);

        Assert.That(back.Headers.Location?.OriginalString, Is.EqualTo("/goodbye"), await back.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task IdpLogoutRequest_ForThisBrowsersSession_EndsItAndAnswersSuccess()
    {
        await StartAsync();
        var browser = await SignedInAsync();
        var query = IdpLogoutMessages.Query("SAMLRequest", IdpLogoutMessages.Request(destination: ProfileSlo), "idp-state", SamlTestKeys.Idp);

        var answered = await browser.GetAsync($"/federation/saml/{_profile.Id}/slo?" + query);

        Assert.That(answered.Headers.Location!.GetLeftPart(UriPartial.Path), Is.EqualTo(IdpLogoutMessages.IdpSloUrl), await answered.Content.ReadAsStringAsync());
        var response = IdpLogoutMessages.Inflate(IdpLogoutMessages.Parameters(answered.Headers.Location)["SAMLResponse"]);
        Assert.That(response, Does.Contain("urn:oasis:names:tc:SAML:2.0:status:Success").And.Contain("InResponseTo=\"_idp-lr1\""));
        Assert.That(await (await browser.GetAsync("/me")).Content.ReadAsStringAsync(), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task IdpLogoutRequest_ForAnotherSubject_KeepsThisSessionAndAnswersPartialLogout()
    {
        await StartAsync();
        var browser = await SignedInAsync();
        var query = IdpLogoutMessages.Query("SAMLRequest", IdpLogoutMessages.Request(destination: ProfileSlo, nameId: "dave@acme-corp.com"), null, SamlTestKeys.Idp);

        var answered = await browser.GetAsync($"/federation/saml/{_profile.Id}/slo?" + query);

        var response = IdpLogoutMessages.Inflate(IdpLogoutMessages.Parameters(answered.Headers.Location!)["SAMLResponse"]);
        Assert.That(response, Does.Contain("PartialLogout"));
        Assert.That(await (await browser.GetAsync("/me")).Content.ReadAsStringAsync(), Does.Contain("carol@acme-corp.com"));
    }

    [Test]
    public async Task IdpLogoutRequest_Unsigned_RefusedAndTheSessionKept()
    {
        await StartAsync();
        var browser = await SignedInAsync();
        var query = IdpLogoutMessages.Query("SAMLRequest", IdpLogoutMessages.Request(destination: ProfileSlo));

        var refused = await browser.GetAsync($"/federation/saml/{_profile.Id}/slo?" + query);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await TestBrowser.ErrorCodeAsync(refused), Is.EqualTo(SamlErrorCodes.SignatureMissing));
        Assert.That(await (await browser.GetAsync("/me")).Content.ReadAsStringAsync(), Does.Contain("carol@acme-corp.com"));
    }
}
