using System.Diagnostics;
using FederationKit.Saml.Settings;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.Logging;

namespace FederationKit.Saml.Tests.Diagnostics;

/// <summary>The saml.validate span, the validation duration histogram, the refusal counter and the SAML log events.</summary>
public sealed class SamlTelemetryTests
{
    private const string Email = "carol.secret-nameid@acme-corp.com";
    private const string AttributeValue = "attribute-value-7f3c9e21";

    [Test]
    public async Task Validate_ValidResponse_RecordsAnOkSpanWithIssuerAndOutcomeAndADuration()
    {
        using var capture = new TelemetryCapture();
        var harness = Harness(capture);

        var result = await harness.Validator.ValidateAsync(SamlResponseBuilder.Base64(new SamlResponseBuilder { NameIdXml = Email }.Signed()));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        var span = capture.SpansNamed("saml.validate").Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(span.GetTagItem("federationkit.saml.issuer"), Is.EqualTo(SamlResponseBuilder.IdpEntityId));
            Assert.That(span.GetTagItem("federationkit.outcome"), Is.EqualTo("success"));
            Assert.That(span.GetTagItem("federationkit.error_code"), Is.Null);
            Assert.That(capture.Measurements.Any(m => m.Instrument == "federationkit.saml.validation.duration" && m.Tags["outcome"] == "success" && m.Value >= 0), Is.True);
            Assert.That(capture.Logs, Is.Empty);
        });
    }

    [Test]
    public async Task Validate_TamperedResponse_RecordsAnErrorSpanWithTheCodeCountsTheRefusalAndLogsASignatureRefusal()
    {
        using var capture = new TelemetryCapture();
        var harness = Harness(capture);
        var signed = new SamlResponseBuilder().Signed().OuterXml;

        var result = await harness.Validator.ValidateAsync(Base64(signed.Replace(">Carol<", ">Mallory<", StringComparison.Ordinal)));

        Assert.That(result.Error.Code, Is.EqualTo(SamlErrorCodes.SignatureInvalid));
        var span = capture.SpansNamed("saml.validate").Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(span.StatusDescription, Is.EqualTo(SamlErrorCodes.SignatureInvalid));
            Assert.That(span.GetTagItem("federationkit.outcome"), Is.EqualTo(SamlErrorCodes.SignatureInvalid));
            Assert.That(span.GetTagItem("federationkit.error_code"), Is.EqualTo(SamlErrorCodes.SignatureInvalid));
            Assert.That(capture.Measurements.Any(m => m.Instrument == "federationkit.saml.validation.duration" && m.Tags["outcome"] == SamlErrorCodes.SignatureInvalid), Is.True);
            Assert.That(capture.Measurements.Any(m => m.Instrument == "federationkit.saml.refusals" && m.Tags["code"] == SamlErrorCodes.SignatureInvalid && m.Tags["message"] == "response"), Is.True);
            var line = capture.Logs.Single();
            Assert.That((line.EventId.Id, line.EventId.Name, line.Level), Is.EqualTo((5002, "SamlSignatureRefused", LogLevel.Warning)));
            Assert.That(line.State, Does.Contain(("Code", (string?)SamlErrorCodes.SignatureInvalid)));
        });
    }

    [Test]
    public async Task Validate_ReplayedResponse_LogsARefusalAtInformationWithTheCode()
    {
        using var capture = new TelemetryCapture();
        var harness = Harness(capture, allowUnsolicited: true);
        var response = SamlResponseBuilder.Base64(new SamlResponseBuilder { InResponseTo = null }.Signed());
        await harness.Validator.ValidateAsync(response);

        var replay = await harness.Validator.ValidateAsync(response);

        Assert.That(replay.Error.Code, Is.EqualTo(SamlErrorCodes.AssertionReplayed));
        var line = capture.Logs.Single();
        Assert.That((line.EventId.Id, line.EventId.Name, line.Level), Is.EqualTo((5001, "SamlResponseRefused", LogLevel.Information)));
    }

    /// <summary>
    /// A sign-in, a tampered response and a replay, with everything an operator would see captured: no response, assertion,
    /// NameID, email, attribute value, signature or private key appears in a log line, a span tag, a span event or a metric tag.
    /// </summary>
    [Test]
    public async Task Telemetry_SignInTamperedAndReplayedResponses_CarryNoResponseAssertionNameIdAttributeOrKey()
    {
        using var capture = new TelemetryCapture();
        var harness = Harness(capture, allowUnsolicited: true);
        var builder = new SamlResponseBuilder
        {
            InResponseTo = null,
            NameIdXml = Email,
            ExtraAssertionXml = $"""<saml:AttributeStatement><saml:Attribute Name="mail"><saml:AttributeValue>{AttributeValue}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>""",
        };
        var document = builder.Signed();
        var xml = document.OuterXml;
        var response = Base64(xml);
        var tampered = Base64(xml.Replace(">Carol<", ">Mallory<", StringComparison.Ordinal));

        var signIn = await harness.Validator.ValidateAsync(response);
        var refused = await harness.Validator.ValidateAsync(tampered);
        var replayed = await harness.Validator.ValidateAsync(response);

        Assert.That((signIn.IsSuccess, refused.Error.Code, replayed.Error.Code), Is.EqualTo((true, SamlErrorCodes.SignatureInvalid, SamlErrorCodes.AssertionReplayed)));
        Assert.That(capture.Logs, Has.Count.EqualTo(2));
        Assert.That(capture.SpansNamed("saml.validate"), Has.Count.EqualTo(3));
        var text = capture.AllText();
        var signatureValue = document.GetElementsByTagName("SignatureValue", "http://www.w3.org/2000/09/xmldsig#")[0]!.InnerText;
        var privateKey = Convert.ToBase64String(System.Security.Cryptography.X509Certificates.RSACertificateExtensions.GetRSAPrivateKey(SamlTestKeys.Idp)!.ExportPkcs8PrivateKey());
        var secrets = new Dictionary<string, string>
        {
            ["SAMLResponse"] = response,
            ["tampered SAMLResponse"] = tampered,
            ["SAMLResponse prefix"] = response[..40],
            ["response XML"] = xml,
            ["assertion element"] = "<saml:Assertion",
            ["NameID"] = Email,
            ["NameID local part"] = "carol.secret-nameid",
            ["attribute value"] = AttributeValue,
            ["given name"] = "Carol",
            ["tampered value"] = "Mallory",
            ["signature value"] = signatureValue[..40],
            ["private key"] = privateKey[..64],
            ["certificate"] = Convert.ToBase64String(SamlTestKeys.Idp.RawData)[..64],
        };
        Assert.Multiple(() =>
        {
            foreach (var (name, secret) in secrets)
            {
                Assert.That(text, Does.Not.Contain(secret), name);
            }
        });
    }

    private static SamlValidatorHarness Harness(TelemetryCapture capture, bool allowUnsolicited = false)
    {
        var harness = new SamlValidatorHarness(allowUnsolicited);
        harness.Validator = new SamlResponseValidator(harness.Sp, harness.Idp, harness.Store, harness.Clock, capture.CreateLogger<SamlResponseValidator>());
        return harness;
    }

    private static string Base64(string xml) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(xml));
}
