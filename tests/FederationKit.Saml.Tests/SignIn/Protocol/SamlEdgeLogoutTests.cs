using System.Collections.Immutable;
using System.Xml;
using FederationKit.Saml.Logout;
using FederationKit.Saml.SignIn;
using FederationKit.Saml.Tests.Logout;
using FederationKit.SignIn.Flow;

namespace FederationKit.Saml.Tests.SignIn.Protocol;

/// <summary>Single logout at the edge: our LogoutRequest and the IdP's answer, and the IdP's LogoutRequest and our answer.</summary>
public sealed class SamlEdgeLogoutTests
{
    [Test]
    public async Task SignOut_SessionOfASignIn_RoundTripsThroughTheIdp()
    {
        await using var host = await SamlProtocolHost.CreateAsync();
        var sessionData = await SignInAsync(host);

        var step = await host.Service.BeginSignOutAsync(host.ProfileId, sessionData, SamlProtocolHost.Urls, "bye-1");

        Assert.That(step.IsSuccess, Is.True, () => step.Error.ToString());
        Assert.That(step.Value!.Url.GetLeftPart(UriPartial.Path), Is.EqualTo(SamlProtocolHost.IdpSloUrl));
        var parameters = IdpLogoutMessages.Parameters(step.Value.Url);
        Assert.That(parameters["RelayState"], Is.EqualTo("bye-1"));
        var request = new XmlDocument();
        request.LoadXml(IdpLogoutMessages.Inflate(parameters["SAMLRequest"]));
        Assert.That(request.GetElementsByTagName("NameID", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!.InnerText, Is.EqualTo("carol@acme-corp.com"));
        Assert.That(request.GetElementsByTagName("SessionIndex", "urn:oasis:names:tc:SAML:2.0:protocol")[0]!.InnerText, Is.EqualTo("_s1"));

        var answer = IdpLogoutMessages.Query("SAMLResponse", IdpLogoutMessages.Response(request.DocumentElement!.GetAttribute("ID"), IdpLogoutMessages.SuccessStatus, destination: host.ProfileSlo), "bye-1", SamlTestKeys.Idp);
        var received = await host.Protocol.ReceiveLogoutAsync(host.ProfileId, new SamlLogoutMessage(false, "?" + answer, ImmutableDictionary<string, string>.Empty), SamlProtocolHost.Urls);
        var again = await host.Protocol.ReceiveLogoutAsync(host.ProfileId, new SamlLogoutMessage(false, "?" + answer, ImmutableDictionary<string, string>.Empty), SamlProtocolHost.Urls);

        Assert.That(received.IsSuccess, Is.True, () => received.Error.ToString());
        Assert.That((received.Value.IsResponse, received.Value.IsSuccess, received.Value.RelayState), Is.EqualTo((true, true, "bye-1")));
        Assert.That(received.Value.Matches(sessionData), Is.False, "a response logs nobody out");
        Assert.That(again.Error.Code, Is.EqualTo(SamlErrorCodes.InResponseToUnknown));
    }

    [Test]
    public async Task SignOut_IdpWithoutSloUrl_OrSessionWithoutNameId_IsNull()
    {
        await using var host = await SamlProtocolHost.CreateAsync(SamlProtocolHost.Settings() with { LogoutUrl = null });
        await using var withSlo = await SamlProtocolHost.CreateAsync();
        var sessionData = await SignInAsync(host);

        var noSlo = await host.Service.BeginSignOutAsync(host.ProfileId, sessionData, SamlProtocolHost.Urls, null);
        var noNameId = await withSlo.Service.BeginSignOutAsync(withSlo.ProfileId, sessionData.Remove(SamlSessionDataKeys.NameId), SamlProtocolHost.Urls, null);
        var valid = await withSlo.Service.BeginSignOutAsync(withSlo.ProfileId, sessionData, SamlProtocolHost.Urls, null);

        Assert.That(noSlo.IsSuccess && noSlo.Value is null, Is.True);
        Assert.That(noNameId.IsSuccess && noNameId.Value is null, Is.True);
        Assert.That(valid.Value, Is.Not.Null);
    }

    [Test]
    public async Task IdpLogoutRequest_MatchesTheSession_AndIsAnsweredWithASignedResponse()
    {
        await using var host = await SamlProtocolHost.CreateAsync();
        var sessionData = await SignInAsync(host);
        var query = IdpLogoutMessages.Query("SAMLRequest", IdpLogoutMessages.Request(destination: host.ProfileSlo), "rs-9", SamlTestKeys.Idp);

        var received = await host.Protocol.ReceiveLogoutAsync(host.ProfileId, new SamlLogoutMessage(false, query, ImmutableDictionary<string, string>.Empty), SamlProtocolHost.Urls);

        Assert.That(received.IsSuccess, Is.True, () => received.Error.ToString());
        var logout = received.Value;
        Assert.That((logout.IsResponse, logout.RelayState, logout.NameId!.Value), Is.EqualTo((false, "rs-9", "carol@acme-corp.com")));
        Assert.That(logout.Matches(sessionData), Is.True);
        Assert.That(logout.Matches(sessionData.SetItem(SamlSessionDataKeys.NameId, "dave@acme-corp.com")), Is.False, "another subject");
        Assert.That(logout.Matches(sessionData.SetItem(SamlSessionDataKeys.SessionIndex, "_s9")), Is.False, "another session of the subject");
        Assert.That(logout.Matches(sessionData.SetItem(SamlSessionDataKeys.NameIdFormat, "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent")), Is.False, "another NameID format");

        var answer = await host.Protocol.AnswerLogoutAsync(host.ProfileId, logout, allSessionsEnded: true, SamlProtocolHost.Urls);

        Assert.That(answer.IsSuccess, Is.True, () => answer.Error.ToString());
        Assert.That(answer.Value.Url.GetLeftPart(UriPartial.Path), Is.EqualTo(SamlProtocolHost.IdpSloUrl));
        var parameters = IdpLogoutMessages.Parameters(answer.Value.Url);
        Assert.That(parameters["RelayState"], Is.EqualTo("rs-9"));
        Assert.That(parameters, Does.ContainKey("Signature"));
        var response = new XmlDocument();
        response.LoadXml(IdpLogoutMessages.Inflate(parameters["SAMLResponse"]));
        Assert.That(response.DocumentElement!.GetAttribute("InResponseTo"), Is.EqualTo("_idp-lr1"));
        Assert.That(response.DocumentElement.InnerXml, Does.Contain("urn:oasis:names:tc:SAML:2.0:status:Success"));
    }

    [Test]
    public async Task IdpLogoutRequest_ToAnotherProfilesSlo_IsRefused()
    {
        await using var host = await SamlProtocolHost.CreateAsync();
        var other = SamlProtocolHost.Urls.SamlSingleLogout(Directories.IdpProfileId.New()).AbsoluteUri;
        var query = IdpLogoutMessages.Query("SAMLRequest", IdpLogoutMessages.Request(destination: other), key: SamlTestKeys.Idp);

        var received = await host.Protocol.ReceiveLogoutAsync(host.ProfileId, new SamlLogoutMessage(false, query, ImmutableDictionary<string, string>.Empty), SamlProtocolHost.Urls);

        Assert.That(received.Error.Code, Is.EqualTo(SamlLogoutErrorCodes.DestinationMismatch));
    }

    [Test]
    public async Task IdpLogoutRequest_Unsigned_IsRefused()
    {
        await using var host = await SamlProtocolHost.CreateAsync();
        var query = IdpLogoutMessages.Query("SAMLRequest", IdpLogoutMessages.Request(destination: host.ProfileSlo));

        var received = await host.Protocol.ReceiveLogoutAsync(host.ProfileId, new SamlLogoutMessage(false, query, ImmutableDictionary<string, string>.Empty), SamlProtocolHost.Urls);

        Assert.That(received.IsFailure, Is.True);
        Assert.That(received.Error.Code, Does.StartWith("saml."));
    }

    [Test]
    public async Task IdpLogoutRequest_OverPost_IsVerifiedByItsEnvelopedSignature()
    {
        await using var host = await SamlProtocolHost.CreateAsync();
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(IdpLogoutMessages.Request(destination: host.ProfileSlo));
        SamlResponseBuilder.Sign(document, document.DocumentElement!, SamlTestKeys.Idp);
        var form = new Dictionary<string, string> { ["SAMLRequest"] = SamlResponseBuilder.Base64(document), ["RelayState"] = "rs-post" };
        var forged = new Dictionary<string, string>(form) { ["SAMLRequest"] = SamlResponseBuilder.Base64(Resigned(document, SamlTestKeys.Attacker)) };

        var received = await host.Protocol.ReceiveLogoutAsync(host.ProfileId, new SamlLogoutMessage(true, string.Empty, form), SamlProtocolHost.Urls);
        var refused = await host.Protocol.ReceiveLogoutAsync(host.ProfileId, new SamlLogoutMessage(true, string.Empty, forged), SamlProtocolHost.Urls);

        Assert.That(received.IsSuccess, Is.True, () => received.Error.ToString());
        Assert.That((received.Value.IsResponse, received.Value.RelayState), Is.EqualTo((false, "rs-post")));
        Assert.That(refused.Error.Code, Is.EqualTo(SamlErrorCodes.SignatureInvalid));
    }

    [Test]
    public async Task ReceiveLogout_NeitherOrBothMessages_IsMalformed()
    {
        await using var host = await SamlProtocolHost.CreateAsync();

        var neither = await host.Protocol.ReceiveLogoutAsync(host.ProfileId, new SamlLogoutMessage(false, "?RelayState=x", ImmutableDictionary<string, string>.Empty), SamlProtocolHost.Urls);
        var both = await host.Protocol.ReceiveLogoutAsync(host.ProfileId, new SamlLogoutMessage(true, string.Empty, new Dictionary<string, string> { ["SAMLRequest"] = "a", ["SAMLResponse"] = "b" }), SamlProtocolHost.Urls);

        Assert.That(neither.Error.Code, Is.EqualTo(SamlLogoutErrorCodes.Malformed));
        Assert.That(both.Error.Code, Is.EqualTo(SamlLogoutErrorCodes.Malformed));
    }

    [Test]
    public async Task AnswerLogout_ForAnotherProfile_IsRefused()
    {
        await using var host = await SamlProtocolHost.CreateAsync();
        var query = IdpLogoutMessages.Query("SAMLRequest", IdpLogoutMessages.Request(destination: host.ProfileSlo), key: SamlTestKeys.Idp);
        var received = await host.Protocol.ReceiveLogoutAsync(host.ProfileId, new SamlLogoutMessage(false, query, ImmutableDictionary<string, string>.Empty), SamlProtocolHost.Urls);

        var answer = await host.Protocol.AnswerLogoutAsync(Directories.IdpProfileId.New(), received.Value, true, SamlProtocolHost.Urls);

        Assert.That(answer.Error.Code, Is.EqualTo(SamlLogoutErrorCodes.Malformed));
    }

    private static async Task<ImmutableDictionary<string, string>> SignInAsync(SamlProtocolHost host)
    {
        var (challenge, requestId) = await host.BeginAsync();
        var completed = await host.CompleteAsync(challenge.TransactionId, challenge.BrowserSecret, host.Response(requestId));
        Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());
        return completed.Value.Validated.SessionData;
    }

    private static XmlDocument Resigned(XmlDocument signed, System.Security.Cryptography.X509Certificates.X509Certificate2 key)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(signed.OuterXml);
        var signature = document.GetElementsByTagName("Signature", "http://www.w3.org/2000/09/xmldsig#")[0]!;
        signature.ParentNode!.RemoveChild(signature);
        SamlResponseBuilder.Sign(document, document.DocumentElement!, key);
        return document;
    }
}
