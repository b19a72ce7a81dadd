using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text.Json.Nodes;
using System.Xml;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.Settings;
using FederationKit.Saml.Tests.Requests;
using FederationKit.Saml.Validation;

namespace FederationKit.Saml.Tests.Metadata;

/// <summary>Signed SP metadata: the signature's place and algorithms, verification by SignedXml and the real xmlsec1, and reading by pysaml2.</summary>
[NonParallelizable]
public sealed class SamlSpMetadataSigningTests
{
    private const string Python = "/usr/bin/python3";
    private const string Md = "urn:oasis:names:tc:SAML:2.0:metadata";
    private const string Dsig = "http://www.w3.org/2000/09/xmldsig#";
    private const string SloUrl = "https://app.example/saml/slo";

    private static SamlServiceProviderOptions Sp()
    {
        var sp = new SamlServiceProviderOptions { EntityId = SamlResponseBuilder.SpEntityId };
        sp.AssertionConsumerServiceUrls.Add(SamlResponseBuilder.AcsUrl);
        sp.AssertionConsumerServiceUrls.Add("https://app.example/saml/acs2?x=1&y=\"2\"");
        return sp;
    }

    private static string Signed() => SamlSpMetadata.Create(Sp(), [SamlTestKeys.Sp], SloUrl, signingCertificate: SamlTestKeys.Sp);

    [Test]
    public void Create_WithoutSigningCertificate_IsUnsignedAndHasNoId()
    {
        var root = Load(SamlSpMetadata.Create(Sp(), [SamlTestKeys.Sp], SloUrl)).DocumentElement!;

        Assert.That(root.HasAttribute("ID"), Is.False);
        Assert.That(root.GetElementsByTagName("Signature", Dsig), Has.Count.Zero);
    }

    [Test]
    public void Create_WithSigningCertificate_SignatureIsTheFirstChild_AndVerifiesWithSignedXmlAndOurVerifier()
    {
        var root = Load(Signed()).DocumentElement!;

        var id = root.GetAttribute("ID");
        Assert.That(id, Does.Match("^_[0-9a-f]{40}$"));
        var first = root.ChildNodes.OfType<XmlElement>().First();
        Assert.That((first.LocalName, first.NamespaceURI), Is.EqualTo(("Signature", Dsig)));
        Assert.That(root.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName), Is.EqualTo(new[] { "Signature", "SPSSODescriptor" }));
        Assert.Multiple(() =>
        {
            Assert.That(Algorithm(first, "SignatureMethod"), Is.EqualTo(SignedXml.XmlDsigRSASHA256Url));
            Assert.That(Algorithm(first, "CanonicalizationMethod"), Is.EqualTo(SignedXml.XmlDsigExcC14NTransformUrl));
            Assert.That(Algorithm(first, "DigestMethod"), Is.EqualTo(SignedXml.XmlDsigSHA256Url));
            Assert.That(((XmlElement)first.GetElementsByTagName("Reference", Dsig)[0]!).GetAttribute("URI"), Is.EqualTo("#" + id));
            Assert.That(first.GetElementsByTagName("Reference", Dsig), Has.Count.EqualTo(1));
        });

        var signed = new SignedXml(root);
        signed.LoadXml(first);
        Assert.That(signed.CheckSignature(SamlTestKeys.Sp, verifySignatureOnly: true), Is.True);
        Assert.That(signed.CheckSignature(SamlTestKeys.Attacker, verifySignatureOnly: true), Is.False);
        var ours = SamlSignatureVerifier.Verify(root, first, SamlSignatureVerifier.KeysOf([SamlTestKeys.Sp]), allowSha1: false);
        Assert.That(ours.IsSuccess, Is.True, () => ours.Error.ToString());
    }

    [Test]
    public void Create_TwiceWithSigningCertificate_GivesFreshIds()
    {
        Assert.That(Load(Signed()).DocumentElement!.GetAttribute("ID"), Is.Not.EqualTo(Load(Signed()).DocumentElement!.GetAttribute("ID")));
    }

    [Test]
    public async Task Create_WithSigningCertificate_Xmlsec1VerifiesIt_OnlyWithTheSigningKey()
    {
        var xml = Signed();

        var (exit, output) = await Xmlsec1Verifier.VerifyAsync(xml, SamlTestKeys.Sp, Xmlsec1Verifier.EntityDescriptor);
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Match("(?m)^OK$"));

        var (wrongKeyExit, wrongKeyOutput) = await Xmlsec1Verifier.VerifyAsync(xml, SamlTestKeys.Attacker, Xmlsec1Verifier.EntityDescriptor);
        Assert.That(wrongKeyExit, Is.Not.Zero, wrongKeyOutput);
        Assert.That(wrongKeyOutput, Does.Contain("signature verification failed"));
    }

    [Test]
    public async Task Create_WithSigningCertificate_TamperedAcsLocation_Xmlsec1Refuses()
    {
        var document = Load(Signed());
        var acs = (XmlElement)document.GetElementsByTagName("AssertionConsumerService", Md)[0]!;
        acs.SetAttribute("Location", "https://attacker.example/acs");

        var (exit, output) = await Xmlsec1Verifier.VerifyAsync(document.OuterXml, SamlTestKeys.Sp, Xmlsec1Verifier.EntityDescriptor);

        Assert.That(exit, Is.Not.Zero, output);
        Assert.That(output, Does.Contain("SignedInfo References (ok/all): 0/1"), "the reference digest no longer matches");
    }

    [Test]
    public async Task Create_WithSigningCertificate_IsReadByPysaml2_WhichChecksTheSignature()
    {
        var read = await Pysaml2Async(Signed(), SamlTestKeys.Sp);

        Assert.That(read["error"], Is.Null, read.ToJsonString());
        Assert.Multiple(() =>
        {
            Assert.That(read["signed"]!.GetValue<bool>(), Is.True);
            Assert.That(read["signature_checked"]!.GetValue<bool>(), Is.True);
            Assert.That(read["acs"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { SamlResponseBuilder.AcsUrl, "https://app.example/saml/acs2?x=1&y=\"2\"" }));
            Assert.That(read["slo"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { SloUrl }));
            Assert.That(read["key_uses"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "encryption", "signing" }));
            Assert.That(read["authn_requests_signed"]!.GetValue<string>(), Is.EqualTo("true"));
            Assert.That(read["want_assertions_signed"]!.GetValue<string>(), Is.EqualTo("true"));
        });
    }

    [Test]
    public async Task Create_WithSigningCertificate_Pysaml2RefusesItWithAnotherCertificate()
    {
        var read = await Pysaml2Async(Signed(), SamlTestKeys.Attacker, expectedExit: 3);

        Assert.That(read["error"], Is.Not.Null);
    }

    [Test]
    public void Create_SigningCertificateWithoutPrivateKey_Throws()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(SamlTestKeys.Sp.RawData);

        Assert.That(() => SamlSpMetadata.Create(Sp(), [SamlTestKeys.Sp], signingCertificate: publicOnly), Throws.ArgumentException.With.Property("ParamName").EqualTo("signingCertificate"));
    }

    private static async Task<JsonObject> Pysaml2Async(string metadata, X509Certificate2 signer, int expectedExit = 0)
    {
        if (!File.Exists(Python))
        {
            Assert.Fail($"{Python} is missing: run scripts/setup.sh (scripts/setup.d/30-saml.sh installs python3-pysaml2).");
        }

        var directory = Directory.CreateTempSubdirectory("fedkit-spmd-").FullName;
        try
        {
            var file = Path.Combine(directory, "sp-metadata.xml");
            var cert = Path.Combine(directory, "signer.pem");
            await File.WriteAllTextAsync(file, metadata);
            await File.WriteAllTextAsync(cert, signer.ExportCertificatePem());
            var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Interop", "pysaml2_read_signed_sp_metadata.py"), file, SamlResponseBuilder.SpEntityId, cert })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.That(process.ExitCode, Is.EqualTo(expectedExit), await stdout + await stderr);
            return JsonNode.Parse(await stdout)!.AsObject();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static XmlDocument Load(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        document.Load(reader);
        return document;
    }

    private static string Algorithm(XmlElement signature, string element) =>
        ((XmlElement)signature.GetElementsByTagName(element, Dsig)[0]!).GetAttribute("Algorithm");
}
