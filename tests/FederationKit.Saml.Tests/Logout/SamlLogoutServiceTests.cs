using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using FederationKit.Saml.Logout;

namespace FederationKit.Saml.Tests.Logout;

/// <summary>Single logout in both directions, and every incoming logout message refused with its code.</summary>
public sealed class SamlLogoutServiceTests
{
    private static readonly SamlNameId Carol = new("carol@acme-corp.com", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", null, null);

    [Test]
    public async Task SpInitiated_RequestIsSignedForTheIdp_AndItsAnswerIsAcceptedOnce()
    {
        var (harness, logout) = Create();

        var request = await logout.CreateLogoutRequestAsync(new SamlLogoutRequestOptions { NameId = Carol, SessionIndex = "_s1", RelayState = "/bye" }, SamlTestKeys.Sp);

        Assert.That(request.IsSuccess, Is.True, () => request.Error.ToString());
        var url = request.Value.RedirectUrl;
        Assert.That(url.GetLeftPart(UriPartial.Path), Is.EqualTo(IdpLogoutMessages.IdpSloUrl));
        var parameters = IdpLogoutMessages.Parameters(url);
        var xml = new XmlDocument();
        xml.LoadXml(IdpLogoutMessages.Inflate(parameters["SAMLRequest"]));
        var root = xml.DocumentElement!;
        Assert.Multiple(() =>
        {
            Assert.That(root.LocalName, Is.EqualTo("LogoutRequest"));
            Assert.That(root.GetAttribute("ID"), Is.EqualTo(request.Value.RequestId));
            Assert.That(root.GetAttribute("Destination"), Is.EqualTo(IdpLogoutMessages.IdpSloUrl));
            Assert.That(root["saml:NameID"]!.InnerText, Is.EqualTo("carol@acme-corp.com"));
            Assert.That(root["samlp:SessionIndex"]!.InnerText, Is.EqualTo("_s1"));
            Assert.That(parameters["RelayState"], Is.EqualTo("/bye"));
        });
        var signedOctets = url.Query.TrimStart('?')[..url.Query.TrimStart('?').IndexOf("&Signature=", StringComparison.Ordinal)];
        using var spKey = SamlTestKeys.Sp.GetRSAPublicKey()!;
        Assert.That(spKey.VerifyData(Encoding.UTF8.GetBytes(signedOctets), Convert.FromBase64String(parameters["Signature"]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Is.True);

        var answer = IdpLogoutMessages.Query("SAMLResponse", IdpLogoutMessages.Response(request.Value.RequestId, IdpLogoutMessages.SuccessStatus), "/bye", SamlTestKeys.Idp);
        var accepted = await logout.ValidateLogoutResponseAsync("?" + answer);
        var again = await logout.ValidateLogoutResponseAsync("?" + answer);

        Assert.That(accepted.IsSuccess, Is.True, () => accepted.Error.ToString());
        Assert.That((accepted.Value.IsSuccess, accepted.Value.InResponseTo, accepted.Value.RelayState), Is.EqualTo((true, request.Value.RequestId, "/bye")));
        Assert.That(again.Error.Code, Is.EqualTo(SamlErrorCodes.InResponseToUnknown));
    }

    [Test]
    public async Task SpInitiated_PartialLogoutAnswer_IsReportedAsNotSuccessful()
    {
        var (_, logout) = Create();
        var request = await logout.CreateLogoutRequestAsync(new SamlLogoutRequestOptions { NameId = Carol }, SamlTestKeys.Sp);
        var partial = """<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:PartialLogout"/></samlp:StatusCode>""";

        var answer = await logout.ValidateLogoutResponseAsync(IdpLogoutMessages.Query("SAMLResponse", IdpLogoutMessages.Response(request.Value.RequestId, partial), key: SamlTestKeys.Idp));

        Assert.That(answer.Value.IsSuccess, Is.False);
        Assert.That(answer.Value.SubStatusCode, Does.EndWith("PartialLogout"));
    }

    [Test]
    public async Task IdpInitiated_RequestIsVerified_OnlyOnce_AndAnsweredWithASignedResponse()
    {
        var (_, logout) = Create();
        var query = IdpLogoutMessages.Query("SAMLRequest", IdpLogoutMessages.Request(), "rs-42", SamlTestKeys.Idp);

        var request = await logout.ValidateLogoutRequestAsync(query);
        var replay = await logout.ValidateLogoutRequestAsync(query);

        Assert.That(request.IsSuccess, Is.True, () => request.Error.ToString());
        Assert.That((request.Value.Id, request.Value.NameId.Value, request.Value.RelayState), Is.EqualTo(("_idp-lr1", "carol@acme-corp.com", "rs-42")));
        Assert.That(request.Value.SessionIndexes, Is.EqualTo(new[] { "_s1", "_s2" }));
        Assert.That(replay.Error.Code, Is.EqualTo(SamlLogoutErrorCodes.Replayed));

        var response = logout.CreateLogoutResponse(request.Value, allSessionsEnded: true, SamlTestKeys.Sp);
        var parameters = IdpLogoutMessages.Parameters(response.Value);
        var xml = IdpLogoutMessages.Inflate(parameters["SAMLResponse"]);
        Assert.That(response.Value.GetLeftPart(UriPartial.Path), Is.EqualTo(IdpLogoutMessages.IdpSloUrl));
        Assert.That(xml, Does.Contain("InResponseTo=\"_idp-lr1\"").And.Contain("status:Success").And.Contain($"<saml:Issuer>{SamlResponseBuilder.SpEntityId}</saml:Issuer>"));
        Assert.That((parameters["RelayState"], parameters["SigAlg"]), Is.EqualTo(("rs-42", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")));

        var partial = IdpLogoutMessages.Inflate(IdpLogoutMessages.Parameters(logout.CreateLogoutResponse(request.Value, allSessionsEnded: false, SamlTestKeys.Sp).Value)["SAMLResponse"]);
        Assert.That(partial, Does.Contain("status:Responder").And.Contain("status:PartialLogout"));
    }

    [Test]
    public async Task IdpInitiated_WithAnEncryptedId_IsDecryptedWithTheSpKey_AndRefusedWithoutIt()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(IdpLogoutMessages.Request());
        var nameId = (XmlElement)document.GetElementsByTagName("NameID", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!;
        SamlAssertionEncryptor.EncryptElement(document, nameId, "EncryptedID", SamlTestKeys.Sp);
        Assert.That(document.OuterXml, Does.Not.Contain("carol@acme-corp.com"));
        var query = IdpLogoutMessages.Query("SAMLRequest", document.OuterXml, key: SamlTestKeys.Idp);
        var (withKey, logout) = Create();
        withKey.Sp.DecryptionCertificates.Add(SamlTestKeys.Sp);
        var (_, withoutKey) = Create();

        var request = await logout.ValidateLogoutRequestAsync(query);
        var refused = await withoutKey.ValidateLogoutRequestAsync(query);

        Assert.That(request.IsSuccess, Is.True, () => request.Error.ToString());
        Assert.That((request.Value.NameId.Value, request.Value.NameId.Format), Is.EqualTo(("carol@acme-corp.com", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress")));
        Assert.That(refused.Error.Code, Is.EqualTo(SamlErrorCodes.DecryptionFailed));
    }

    [Test]
    public async Task IdpInitiated_OverPost_NeedsTheEnvelopedSignature()
    {
        var (_, logout) = Create();
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(IdpLogoutMessages.Request());
        var unsigned = Convert.ToBase64String(Encoding.UTF8.GetBytes(document.OuterXml));
        SamlResponseBuilder.Sign(document, document.DocumentElement!, SamlTestKeys.Idp);

        var signed = await logout.ValidateLogoutRequestPostAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(document.OuterXml)), "rs");
        var (_, other) = Create();
        var refused = await other.ValidateLogoutRequestPostAsync(unsigned, null);

        Assert.That(signed.IsSuccess, Is.True, () => signed.Error.ToString());
        Assert.That(refused.Error.Code, Is.EqualTo(SamlErrorCodes.SignatureMissing));
    }

    [Test]
    public async Task IdpInitiated_SignedWithAnEcdsaIdpKey_IsVerified()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=ec.idp.acme.example", ec, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var query = IdpLogoutMessages.Query("SAMLRequest", IdpLogoutMessages.Request(), "rs");
        query += "&SigAlg=" + Uri.EscapeDataString("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256");
        var signature = ec.SignData(Encoding.UTF8.GetBytes(query), HashAlgorithmName.SHA256);
        query += "&Signature=" + Uri.EscapeDataString(Convert.ToBase64String(signature));
        var (trusting, logout) = Create();
        trusting.Idp.SigningCertificates.Add(certificate);
        logout = new SamlLogoutService(trusting.Sp, trusting.Idp, trusting.Store, trusting.Clock);
        var (_, rsaOnly) = Create();

        Assert.That((await logout.ValidateLogoutRequestAsync(query)).IsSuccess, Is.True);
        Assert.That((await rsaOnly.ValidateLogoutRequestAsync(query)).Error.Code, Is.EqualTo(SamlErrorCodes.SignatureInvalid));
    }

    [Test]
    public async Task IdpInitiated_OverPost_TooLargeOrNotBase64_IsMalformed()
    {
        var (_, logout) = Create();

        var tooLarge = await logout.ValidateLogoutRequestPostAsync(new string('A', 300 * 1024), null);
        var notBase64 = await logout.ValidateLogoutRequestPostAsync("%%%", null);

        Assert.That((tooLarge.Error.Code, notBase64.Error.Code), Is.EqualTo((SamlLogoutErrorCodes.Malformed, SamlLogoutErrorCodes.Malformed)));
    }

    [Test]
    public async Task LogoutResponse_ToARequestNeverSent_IsRefused()
    {
        var (_, logout) = Create();

        var result = await logout.ValidateLogoutResponseAsync(IdpLogoutMessages.Query("SAMLResponse", IdpLogoutMessages.Response("_never", IdpLogoutMessages.SuccessStatus), key: SamlTestKeys.Idp));

        Assert.That(result.Error.Code, Is.EqualTo(SamlErrorCodes.InResponseToUnknown));
    }

    public static IEnumerable<TestCaseData> Refusals()
    {
        var request = IdpLogoutMessages.Request();
        yield return Case("unsigned", IdpLogoutMessages.Query("SAMLRequest", request), SamlErrorCodes.SignatureMissing);
        yield return Case("signed by another key", IdpLogoutMessages.Query("SAMLRequest", request, key: SamlTestKeys.Attacker), SamlErrorCodes.SignatureInvalid);
        yield return Case("RSA-SHA1", IdpLogoutMessages.Query("SAMLRequest", request, key: SamlTestKeys.Idp, sigAlg: "http://www.w3.org/2000/09/xmldsig#rsa-sha1", hash: HashAlgorithmName.SHA1), SamlErrorCodes.SignatureAlgorithmNotAllowed);
        yield return Case("RelayState changed after signing", IdpLogoutMessages.Query("SAMLRequest", request, "a", SamlTestKeys.Idp).Replace("RelayState=a", "RelayState=b", StringComparison.Ordinal), SamlErrorCodes.SignatureInvalid);
        yield return Case("RelayState added after signing", IdpLogoutMessages.Query("SAMLRequest", request, key: SamlTestKeys.Idp) + "&RelayState=evil", SamlErrorCodes.SignatureInvalid);
        yield return Case("another IdP as issuer", IdpLogoutMessages.Query("SAMLRequest", IdpLogoutMessages.Request(issuer: "https://idp.other.example/"), key: SamlTestKeys.Idp), SamlErrorCodes.IssuerMismatch);
        yield return Case("another SP as destination", IdpLogoutMessages.Query("SAMLRequest", IdpLogoutMessages.Request(destination: "https://other.example/slo"), key: SamlTestKeys.Idp), SamlLogoutErrorCodes.DestinationMismatch);
        yield return Case("issued an hour ago", IdpLogoutMessages.Query("SAMLRequest", IdpLogoutMessages.Request(issued: SamlResponseBuilder.Now.AddHours(-1), notOnOrAfter: SamlResponseBuilder.Now.AddHours(1)), key: SamlTestKeys.Idp), SamlLogoutErrorCodes.Expired);
        yield return Case("issued in the future", IdpLogoutMessages.Query("SAMLRequest", IdpLogoutMessages.Request(issued: SamlResponseBuilder.Now.AddMinutes(10)), key: SamlTestKeys.Idp), SamlLogoutErrorCodes.Expired);
        yield return Case("past NotOnOrAfter", IdpLogoutMessages.Query("SAMLRequest", IdpLogoutMessages.Request(notOnOrAfter: SamlResponseBuilder.Now.AddMinutes(-3)), key: SamlTestKeys.Idp), SamlLogoutErrorCodes.Expired);
        yield return Case("no NameID", IdpLogoutMessages.Query("SAMLRequest", IdpLogoutMessages.Request(nameId: string.Empty), key: SamlTestKeys.Idp), SamlErrorCodes.NameIdMissing);
        yield return Case("not DEFLATE", "SAMLRequest=" + Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes(request))), SamlLogoutErrorCodes.Malformed);
        yield return Case("not base64", "SAMLRequest=%%%", SamlLogoutErrorCodes.Malformed);
        yield return Case("a response where a request is expected", IdpLogoutMessages.Query("SAMLResponse", IdpLogoutMessages.Response("_x", IdpLogoutMessages.SuccessStatus), key: SamlTestKeys.Idp), SamlLogoutErrorCodes.Malformed);
        yield return Case("a LogoutResponse in SAMLRequest", IdpLogoutMessages.Query("SAMLRequest", IdpLogoutMessages.Response("_x", IdpLogoutMessages.SuccessStatus), key: SamlTestKeys.Idp), SamlLogoutErrorCodes.Malformed);
        yield return Case("SAMLRequest twice", IdpLogoutMessages.Query("SAMLRequest", request, key: SamlTestKeys.Idp) + "&SAMLRequest=" + Uri.EscapeDataString(IdpLogoutMessages.Deflate(request)), SamlLogoutErrorCodes.Malformed);
        yield return Case("DTD", IdpLogoutMessages.Query("SAMLRequest", "<!DOCTYPE x [<!ENTITY e \"e\">]>" + request, key: SamlTestKeys.Idp), SamlLogoutErrorCodes.Malformed);
        yield return Case("DEFLATE bomb", IdpLogoutMessages.Query("SAMLRequest", request.Replace("</samlp:LogoutRequest>", new string(' ', 4 * 1024 * 1024) + "</samlp:LogoutRequest>", StringComparison.Ordinal), key: SamlTestKeys.Idp), SamlLogoutErrorCodes.Malformed);
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task IdpInitiated_BrokenInOneWay_IsRefusedWithItsCode(string query, string expected)
    {
        var (_, logout) = Create();

        var result = await logout.ValidateLogoutRequestAsync(query);

        Assert.That(result.IsFailure ? result.Error.Code : "accepted", Is.EqualTo(expected));
    }

    private static (SamlValidatorHarness Harness, SamlLogoutService Logout) Create()
    {
        var harness = new SamlValidatorHarness();
        harness.Sp.SingleLogoutUrl = IdpLogoutMessages.SpSloUrl;
        harness.Idp.SingleLogoutUrl = new Uri(IdpLogoutMessages.IdpSloUrl);
        return (harness, new SamlLogoutService(harness.Sp, harness.Idp, harness.Store, harness.Clock));
    }

    private static TestCaseData Case(string name, string query, string expected) =>
        new TestCaseData(query, expected).SetName("LogoutRequest_Refuses_" + name.Replace(' ', '_'));
}
