using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using BenchmarkDotNet.Attributes;
using FederationKit.OneTime;
using FederationKit.Saml;
using FederationKit.Saml.Settings;

namespace FederationKit.Benchmarks;

/// <summary>
/// Validation of a realistic signed SAML Response (about 8 KB) side by side with (a) the floor: SHA-256 over the document
/// plus one RSA-2048 verification, (a') the same plus the base64 decode and XML parse every validator needs, and (b) what a
/// user writes by hand: XmlDocument load plus SignedXml.CheckSignature.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SamlResponseValidationBenchmarks
{
    private const string Sp = "https://app.example/saml";
    private const string Acs = "https://app.example/saml/acs";
    private const string Idp = "https://idp.acme.example/";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private X509Certificate2 _certificate = null!;
    private RSA _publicKey = null!;
    private byte[] _documentBytes = null!;
    private byte[] _floorSignature = null!;
    private string _xml = null!;
    private string _formValue = null!;
    private readonly AcceptEverythingStore _store = new();
    private readonly FixedClock _clock = new(Now);
    private SamlServiceProviderOptions _sp = null!;
    private SamlIdentityProviderOptions _idp = null!;
    private SamlResponseValidator _validator = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var key = RSA.Create(2048);
        _certificate = new CertificateRequest("CN=idp", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(Now.AddYears(-1), Now.AddYears(1));
        _publicKey = _certificate.GetRSAPublicKey()!;
        var attributes = string.Concat(Enumerable.Range(0, 40).Select(i =>
            $"<saml:Attribute Name=\"http://schemas.microsoft.com/ws/2008/06/identity/claims/groups\"><saml:AttributeValue>group-{i:D3}-7f3a9c2e-1b4d-4e8f-a6c5-{i:D12}</saml:AttributeValue></saml:Attribute>"));
        var xml = $"""<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="2026-03-01T09:00:00Z" Destination="{Acs}"><saml:Issuer>{Idp}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_a1" Version="2.0" IssueInstant="2026-03-01T09:00:00Z"><saml:Issuer>{Idp}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">jane.doe@acme-corp.com</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData Recipient="{Acs}" NotOnOrAfter="2026-03-01T09:05:00Z"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="2026-03-01T08:59:00Z" NotOnOrAfter="2026-03-01T09:05:00Z"><saml:AudienceRestriction><saml:Audience>{Sp}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="2026-03-01T09:00:00Z" SessionIndex="_s1"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>{attributes}</saml:AttributeStatement></saml:Assertion></samlp:Response>""";
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        var assertion = (XmlElement)document.GetElementsByTagName("Assertion", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!;
        var signed = new SignedXml(assertion) { SigningKey = key };
        signed.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        var reference = new Reference("#_a1") { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        signed.ComputeSignature();
        assertion.InsertAfter(document.ImportNode(signed.GetXml(), true), assertion.FirstChild);
        _xml = document.OuterXml;
        _documentBytes = Encoding.UTF8.GetBytes(_xml);
        _formValue = Convert.ToBase64String(_documentBytes);
        _floorSignature = key.SignData(_documentBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var sp = new SamlServiceProviderOptions { EntityId = Sp, AllowUnsolicitedResponses = true };
        sp.AssertionConsumerServiceUrls.Add(Acs);
        var idp = new SamlIdentityProviderOptions { EntityId = Idp };
        idp.SigningCertificates.Add(_certificate);
        _sp = sp;
        _idp = idp;
        _validator = new SamlResponseValidator(sp, idp, _store, _clock);
    }

    /// <summary>The size of the signed document, printed once so the README can state it.</summary>
    public int DocumentBytes => _documentBytes.Length;

    [Benchmark(Description = "(a) floor: SHA-256 over the document + one RSA-2048 verify")]
    public bool Floor() => _publicKey.VerifyData(_documentBytes, _floorSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark(Description = "(a') floor + parse: base64 decode, XmlDocument via XmlReader, SHA-256 + one RSA-2048 verify")]
    public bool FloorWithParse()
    {
        var octets = Convert.FromBase64String(_formValue);
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new MemoryStream(octets), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        {
            document.Load(reader);
        }

        return document.DocumentElement is not null && _publicKey.VerifyData(octets, _floorSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    [Benchmark(Baseline = true, Description = "(b) by hand: XmlDocument.Load + SignedXml.CheckSignature")]
    public bool HandWritten()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(_xml);
        var assertion = (XmlElement)document.GetElementsByTagName("Assertion", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!;
        var signed = new SignedXml(assertion);
        signed.LoadXml((XmlElement)assertion.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl)[0]!);
        return signed.CheckSignature(_publicKey);
    }

    [Benchmark(Description = "(c) FederationKit: full validation, every check")]
    public async Task<bool> FullValidation() => (await _validator.ValidateAsync(_formValue)).IsSuccess;

    [Benchmark(Description = "(d) FederationKit: a new validator per response, settings reused")]
    public async Task<bool> FullValidationNewValidator() => (await new SamlResponseValidator(_sp, _idp, _store, _clock).ValidateAsync(_formValue)).IsSuccess;

    /// <summary>A one-time store that accepts every entry, so the same response can be validated repeatedly.</summary>
    private sealed class AcceptEverythingStore : IOneTimeStore
    {
        public Task<bool> TryAddAsync(string purpose, string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) => Task.FromResult(true);

        public Task<byte[]?> TryTakeAsync(string purpose, string key, CancellationToken cancellationToken = default) => Task.FromResult<byte[]?>(null);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
