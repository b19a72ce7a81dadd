using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using FederationKit.Saml.Requests;
using FederationKit.Saml.Settings;
using FederationKit.Saml.Validation;

namespace FederationKit.Saml.Tests.Requests;

/// <summary>AuthnRequests over the HTTP-POST binding: the XML, its enveloped signature (checked by SignedXml and by the real xmlsec1), the auto-submit page and the recorded request ID.</summary>
public sealed class SamlAuthnRequestPostTests
{
    private const string PostUrl = "https://idp.acme.example/sso/post?tenant=acme";
    private const string Protocol = "urn:oasis:names:tc:SAML:2.0:protocol";
    private const string Assertion = "urn:oasis:names:tc:SAML:2.0:assertion";
    private const string Dsig = "http://www.w3.org/2000/09/xmldsig#";

    private static SamlIdentityProviderOptions Idp(Uri? post = null)
    {
        var idp = new SamlIdentityProviderOptions { EntityId = SamlResponseBuilder.IdpEntityId, SingleSignOnUrlPost = post ?? new Uri(PostUrl) };
        idp.SigningCertificates.Add(SamlTestKeys.Idp);
        return idp;
    }

    [Test]
    public async Task CreatePost_Unsigned_EncodesTheXmlAsPlainBase64_AndTheValidatorAcceptsItsResponseOnce()
    {
        var harness = new SamlValidatorHarness();
        var builder = new SamlAuthnRequestBuilder(harness.Sp, harness.Store, harness.Clock);

        var prepared = (await builder.CreatePostAsync(Idp(), new SamlAuthnRequestOptions { RelayState = "/after", ForceAuthn = true, NameIdFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" })).Value;

        var request = Parse(prepared.SamlRequest);
        var root = request.DocumentElement!;
        Assert.Multiple(() =>
        {
            Assert.That(prepared.Destination, Is.EqualTo(new Uri(PostUrl)));
            Assert.That(prepared.RelayState, Is.EqualTo("/after"));
            Assert.That((root.LocalName, root.NamespaceURI), Is.EqualTo(("AuthnRequest", Protocol)));
            Assert.That(root.GetAttribute("ID"), Is.EqualTo(prepared.RequestId));
            Assert.That(root.GetAttribute("Destination"), Is.EqualTo(PostUrl));
            Assert.That(root.GetAttribute("AssertionConsumerServiceURL"), Is.EqualTo(SamlResponseBuilder.AcsUrl));
            Assert.That(root.GetAttribute("ProtocolBinding"), Is.EqualTo("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"));
            Assert.That(root.GetAttribute("ForceAuthn"), Is.EqualTo("true"));
            Assert.That(Child(root, Assertion, "Issuer")!.InnerText, Is.EqualTo(SamlResponseBuilder.SpEntityId));
            Assert.That(Child(root, Dsig, "Signature"), Is.Null, "unsigned without a certificate");
        });

        Assert.That(await harness.ErrorOf(SamlResponseBuilder.Base64(new SamlResponseBuilder { InResponseTo = prepared.RequestId }.Signed())), Is.Null);
        Assert.That(await harness.ErrorOf(SamlResponseBuilder.Base64(new SamlResponseBuilder { InResponseTo = prepared.RequestId }.Signed())), Is.EqualTo(SamlErrorCodes.InResponseToUnknown));
    }

    [Test]
    public async Task CreatePost_Signed_SignatureFollowsTheIssuer_AndVerifiesWithSignedXmlAndOurVerifier()
    {
        var harness = new SamlValidatorHarness();
        var builder = new SamlAuthnRequestBuilder(harness.Sp, harness.Store, harness.Clock);

        var prepared = (await builder.CreatePostAsync(Idp(), new SamlAuthnRequestOptions { RelayState = "/after" }, SamlTestKeys.Sp)).Value;

        var request = Parse(prepared.SamlRequest);
        var root = request.DocumentElement!;
        var children = root.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName).ToList();
        Assert.That(children, Is.EqualTo(new[] { "Issuer", "Signature", "NameIDPolicy" }), "schema order: Issuer, Signature, then the rest");
        var signature = Child(root, Dsig, "Signature")!;
        var reference = (XmlElement)signature.GetElementsByTagName("Reference", Dsig)[0]!;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetAttribute("ID"), Is.EqualTo(prepared.RequestId));
            Assert.That(Algorithm(signature, "SignatureMethod"), Is.EqualTo(SignedXml.XmlDsigRSASHA256Url));
            Assert.That(Algorithm(signature, "CanonicalizationMethod"), Is.EqualTo(SignedXml.XmlDsigExcC14NTransformUrl));
            Assert.That(Algorithm(signature, "DigestMethod"), Is.EqualTo(SignedXml.XmlDsigSHA256Url));
            Assert.That(signature.GetElementsByTagName("Reference", Dsig), Has.Count.EqualTo(1));
            Assert.That(reference.GetAttribute("URI"), Is.EqualTo("#" + prepared.RequestId));
            Assert.That(signature.GetElementsByTagName("X509Certificate", Dsig)[0]!.InnerText, Is.EqualTo(Convert.ToBase64String(SamlTestKeys.Sp.RawData)));
        });

        var signed = new SignedXml(root);
        signed.LoadXml(signature);
        Assert.That(signed.CheckSignature(SamlTestKeys.Sp, verifySignatureOnly: true), Is.True, "SignedXml with the SP certificate");
        Assert.That(signed.CheckSignature(SamlTestKeys.Attacker, verifySignatureOnly: true), Is.False, "SignedXml with another certificate");
        var ours = SamlSignatureVerifier.Verify(root, signature, SamlSignatureVerifier.KeysOf([SamlTestKeys.Sp]), allowSha1: false);
        Assert.That(ours.IsSuccess, Is.True, () => ours.Error.ToString());
    }

    [Test]
    public async Task CreatePost_Signed_Xmlsec1VerifiesIt_AndTheValidatorAcceptsItsResponse()
    {
        var harness = new SamlValidatorHarness();
        var builder = new SamlAuthnRequestBuilder(harness.Sp, harness.Store, harness.Clock);
        var prepared = (await builder.CreatePostAsync(Idp(), new SamlAuthnRequestOptions { LoginHint = "carol@acme-corp.com" }, SamlTestKeys.Sp)).Value;
        var xml = Encoding.UTF8.GetString(Convert.FromBase64String(prepared.SamlRequest));

        var (exit, output) = await Xmlsec1Verifier.VerifyAsync(xml, SamlTestKeys.Sp, Xmlsec1Verifier.AuthnRequest);
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Match("(?m)^OK$"));

        var (wrongKeyExit, wrongKeyOutput) = await Xmlsec1Verifier.VerifyAsync(xml, SamlTestKeys.Attacker, Xmlsec1Verifier.AuthnRequest);
        Assert.That(wrongKeyExit, Is.Not.Zero, "xmlsec1 must not take the key from KeyInfo: " + wrongKeyOutput);
        Assert.That(wrongKeyOutput, Does.Contain("signature verification failed"));

        Assert.That(await harness.ErrorOf(SamlResponseBuilder.Base64(new SamlResponseBuilder { InResponseTo = prepared.RequestId }.Signed())), Is.Null);
    }

    private static IEnumerable<TestCaseData> Tamperings()
    {
        yield return new TestCaseData(new Action<XmlElement>(r => r.SetAttribute("AssertionConsumerServiceURL", "https://attacker.example/acs"))).SetName("CreatePost_Signed_TamperedAcsUrl_Xmlsec1Refuses");
        yield return new TestCaseData(new Action<XmlElement>(r => Child(r, Assertion, "Issuer")!.InnerText = "https://attacker.example/")).SetName("CreatePost_Signed_TamperedIssuer_Xmlsec1Refuses");
        yield return new TestCaseData(new Action<XmlElement>(r => r.SetAttribute("ForceAuthn", "true"))).SetName("CreatePost_Signed_AddedAttribute_Xmlsec1Refuses");
        yield return new TestCaseData(new Action<XmlElement>(r => Child(r, Assertion, "Subject")!.FirstChild!.InnerText = "mallory@acme-corp.com")).SetName("CreatePost_Signed_TamperedLoginHint_Xmlsec1Refuses");
    }

    [TestCaseSource(nameof(Tamperings))]
    public async Task CreatePost_Signed_TamperedCopy_Xmlsec1Refuses(Action<XmlElement> tamper)
    {
        var harness = new SamlValidatorHarness();
        var builder = new SamlAuthnRequestBuilder(harness.Sp, harness.Store, harness.Clock);
        var prepared = (await builder.CreatePostAsync(Idp(), new SamlAuthnRequestOptions { LoginHint = "carol@acme-corp.com" }, SamlTestKeys.Sp)).Value;
        var document = Parse(prepared.SamlRequest);
        tamper(document.DocumentElement!);

        var (exit, output) = await Xmlsec1Verifier.VerifyAsync(document.OuterXml, SamlTestKeys.Sp, Xmlsec1Verifier.AuthnRequest);

        Assert.That(exit, Is.Not.Zero, output);
        Assert.That(output, Does.Contain("SignedInfo References (ok/all): 0/1"), "the reference digest no longer matches");
    }

    [Test]
    public async Task ToAutoSubmitHtml_EncodesEveryValue_AndPostsThemToTheDestination()
    {
        const string relay = "\"'><script>alert('x')</script>&a=b";
        var harness = new SamlValidatorHarness();
        var builder = new SamlAuthnRequestBuilder(harness.Sp, harness.Store, harness.Clock);
        var destination = new Uri("https://idp.acme.example/sso/post?tenant=acme&realm=\"x\"");
        var prepared = (await builder.CreatePostAsync(Idp(destination), new SamlAuthnRequestOptions { RelayState = relay }, SamlTestKeys.Sp)).Value;

        var html = prepared.ToAutoSubmitHtml();

        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Not.Contain("<script>alert"));
            Assert.That(html, Does.Contain("value=\"&quot;&#39;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;a=b\""));
            Assert.That(Regex.Matches(html, "<script", RegexOptions.IgnoreCase), Has.Count.EqualTo(1), "only the page's own submit script");
            Assert.That(html, Does.Contain("<script>document.forms[0].submit();</script>"));
            Assert.That(html, Does.Match("<noscript>.*<button type=\"submit\">.*</noscript>"));
            Assert.That(html.IndexOf("</noscript>", StringComparison.Ordinal), Is.LessThan(html.IndexOf("</form>", StringComparison.Ordinal)), "the button submits the form");
        });

        var form = Regex.Match(html, "<form method=\"post\" action=\"([^\"]*)\">");
        Assert.That(form.Success, Is.True, html);
        Assert.That(WebUtility.HtmlDecode(form.Groups[1].Value), Is.EqualTo(destination.OriginalString));
        var fields = Regex.Matches(html, "<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value), StringComparer.Ordinal);
        Assert.That(fields.Keys, Is.EquivalentTo(new[] { "SAMLRequest", "RelayState" }));
        Assert.That(fields["SAMLRequest"], Is.EqualTo(prepared.SamlRequest));
        Assert.That(fields["RelayState"], Is.EqualTo(relay));
    }

    [Test]
    public async Task ToAutoSubmitHtml_WithoutRelayState_PostsOnlyTheRequest()
    {
        var harness = new SamlValidatorHarness();
        var prepared = (await new SamlAuthnRequestBuilder(harness.Sp, harness.Store, harness.Clock).CreatePostAsync(Idp(), new SamlAuthnRequestOptions())).Value;

        var html = prepared.ToAutoSubmitHtml();

        Assert.That(html, Does.Contain("name=\"SAMLRequest\""));
        Assert.That(html, Does.Not.Contain("RelayState"));
    }

    private static IEnumerable<TestCaseData> Refusals()
    {
        var redirectOnly = Idp();
        redirectOnly.SingleSignOnUrlPost = null;
        redirectOnly.SingleSignOnUrlRedirect = new Uri("https://idp.acme.example/sso/redirect");
        yield return new TestCaseData(redirectOnly, new SamlAuthnRequestOptions(), null, "SingleSignOnUrlPost").SetName("CreatePost_NoPostSsoUrl_IsRefused");
        yield return new TestCaseData(Idp(), new SamlAuthnRequestOptions { RelayState = new string('r', 81) }, null, "RelayState").SetName("CreatePost_RelayStateOver80Bytes_IsRefused");
        yield return new TestCaseData(Idp(), new SamlAuthnRequestOptions(), X509CertificateLoader.LoadCertificate(SamlTestKeys.Sp.RawData), "signingCertificate").SetName("CreatePost_CertificateWithoutPrivateKey_IsRefused");
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task CreatePost_BadInput_IsRefusedWithTheSetting(SamlIdentityProviderOptions idp, SamlAuthnRequestOptions options, X509Certificate2? certificate, string setting)
    {
        var harness = new SamlValidatorHarness();
        var builder = new SamlAuthnRequestBuilder(harness.Sp, harness.Store, harness.Clock);

        var result = await builder.CreatePostAsync(idp, options, certificate);

        Assert.That(result.Error.Code, Is.EqualTo(SamlErrorCodes.SettingsInvalid));
        Assert.That(result.Error.Details["setting"], Is.EqualTo(setting));
    }

    private static XmlDocument Parse(string base64)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(Encoding.UTF8.GetString(Convert.FromBase64String(base64))), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        document.Load(reader);
        return document;
    }

    private static XmlElement? Child(XmlElement parent, string ns, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == localName && e.NamespaceURI == ns);

    private static string Algorithm(XmlElement signature, string element) =>
        ((XmlElement)signature.GetElementsByTagName(element, Dsig)[0]!).GetAttribute("Algorithm");
}
