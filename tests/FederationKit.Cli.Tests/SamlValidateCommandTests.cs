using System.Text;

namespace FederationKit.Cli.Tests;

/// <summary>`fedkit saml validate` as a real process, on responses signed by xmlsec1.</summary>
[NonParallelizable]
public sealed class SamlValidateCommandTests
{
    private const string Sp = "https://app.example/saml";
    private const string Acs = "https://app.example/saml/acs";
    private const string Idp = "https://idp.acme.example/";
    private const string Now = "2026-03-01T09:00:00Z";

    internal static string Response(bool signAssertion, bool signResponse, string nameId = "carol@acme-corp.com") => $"""
        <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="{Now}" Destination="{Acs}" InResponseTo="_req1"><saml:Issuer>{Idp}</saml:Issuer>{(signResponse ? Xmlsec1Signer.Template("_r1") : string.Empty)}<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_a1" Version="2.0" IssueInstant="{Now}"><saml:Issuer>{Idp}</saml:Issuer>{(signAssertion ? Xmlsec1Signer.Template("_a1") : string.Empty)}<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">{nameId}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData Recipient="{Acs}" NotOnOrAfter="2026-03-01T09:05:00Z" InResponseTo="_req1"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="2026-03-01T08:59:00Z" NotOnOrAfter="2026-03-01T09:05:00Z"><saml:AudienceRestriction><saml:Audience>{Sp}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="{Now}" SessionIndex="_s1"/><saml:AttributeStatement><saml:Attribute Name="groups"><saml:AttributeValue>engineers</saml:AttributeValue><saml:AttributeValue>admins</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>
        """;

    [TestCase(true, false)]
    [TestCase(false, true)]
    [TestCase(true, true)]
    public async Task Validate_ResponseSignedByXmlsec1_IsValid(bool signAssertion, bool signResponse)
    {
        using var signer = Xmlsec1Signer.Create();
        var file = Path.Combine(signer.Directory, "response.b64");
        // xmlsec1 fills the first Signature template of a document: sign the assertion first, then add and sign the Response's.
        var signed = await signer.SignAsync(Response(signAssertion, signResponse && !signAssertion));
        if (signAssertion && signResponse)
        {
            var issuerEnd = signed.IndexOf("</saml:Issuer>", StringComparison.Ordinal) + "</saml:Issuer>".Length;
            signed = await signer.SignAsync(signed.Insert(issuerEnd, Xmlsec1Signer.Template("_r1")));
        }

        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(signed));
        await File.WriteAllTextAsync(file, string.Join("\n", base64.Chunk(64).Select(c => new string(c))));

        var outcome = await FedkitProcess.RunAsync("saml", "validate", file, "--sp-entity-id", Sp, "--acs-url", Acs,
            "--idp-entity-id", Idp, "--idp-cert", signer.CertificateFile, "--request-id", "_req1", "--now", Now);

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Stdout);
        var json = outcome.Json;
        Assert.That(json["valid"]!.GetValue<bool>(), Is.True);
        Assert.That(json["issuer"]!.GetValue<string>(), Is.EqualTo(Idp));
        Assert.That(json["assertionId"]!.GetValue<string>(), Is.EqualTo("_a1"));
        Assert.That(json["nameId"]!["value"]!.GetValue<string>(), Is.EqualTo("carol@acme-corp.com"));
        Assert.That(json["sessionIndex"]!.GetValue<string>(), Is.EqualTo("_s1"));
        Assert.That(json["attributes"]!["groups"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { "engineers", "admins" }));
    }

    [Test]
    public async Task Validate_Xmlsec1SignatureThenNameIdChanged_IsInvalid()
    {
        using var signer = Xmlsec1Signer.Create();
        var file = Path.Combine(signer.Directory, "response.xml");
        var signed = await signer.SignAsync(Response(true, false));
        await File.WriteAllTextAsync(file, signed.Replace("carol@acme-corp.com", "admin@acme-corp.com", StringComparison.Ordinal));

        var outcome = await FedkitProcess.RunAsync("saml", "validate", file, "--sp-entity-id", Sp, "--acs-url", Acs,
            "--idp-entity-id", Idp, "--idp-cert", signer.CertificateFile, "--request-id", "_req1", "--now", Now);

        Assert.That(outcome.ExitCode, Is.EqualTo(1));
        Assert.That(outcome.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("saml.signature.invalid"));
    }

    [Test]
    public async Task Validate_WithoutTheRequestId_IsUnsolicitedAndRefusedUnlessAllowed()
    {
        using var signer = Xmlsec1Signer.Create();
        var file = Path.Combine(signer.Directory, "response.xml");
        await File.WriteAllTextAsync(file, await signer.SignAsync(Response(true, false)));
        string[] common = ["saml", "validate", file, "--sp-entity-id", Sp, "--acs-url", Acs, "--idp-entity-id", Idp, "--idp-cert", signer.CertificateFile, "--now", Now];

        var refused = await FedkitProcess.RunAsync(common);

        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("saml.in_response_to.unknown"));
    }

    [Test]
    public async Task Validate_LaterThanTheAssertionAllows_IsExpired()
    {
        using var signer = Xmlsec1Signer.Create();
        var file = Path.Combine(signer.Directory, "response.xml");
        await File.WriteAllTextAsync(file, await signer.SignAsync(Response(true, false)));

        var outcome = await FedkitProcess.RunAsync("saml", "validate", file, "--sp-entity-id", Sp, "--acs-url", Acs,
            "--idp-entity-id", Idp, "--idp-cert", signer.CertificateFile, "--request-id", "_req1", "--now", "2026-03-01T10:00:00Z", "--clock-skew", "60");

        Assert.That(outcome.ExitCode, Is.EqualTo(1));
        Assert.That(outcome.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("saml.subject.confirmation_invalid"));
    }

    [TestCase("saml", "validate")]
    [TestCase("saml", "validate", "file.xml", "--sp-entity-id")]
    [TestCase("saml", "validate", "file.xml", "--acs-url", "https://x/acs")]
    [TestCase("saml", "nonsense")]
    public async Task Validate_WrongUsage_ExitsWithTwo(params string[] args)
    {
        var outcome = await FedkitProcess.RunAsync(args);

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
    }
}
