using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using BenchmarkDotNet.Attributes;
using FederationKit.OneTime;
using FederationKit.Saml;
using FederationKit.Saml.Validation;
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
    private const string Sp = BenchmarkSamlResponse.Sp;
    private const string Acs = BenchmarkSamlResponse.Acs;
    private const string Idp = BenchmarkSamlResponse.Idp;
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
    private XmlElement _assertion = null!;
    private XmlElement _signature = null!;
    private IReadOnlyList<AsymmetricAlgorithm> _keys = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var key = RSA.Create(2048);
        _certificate = new CertificateRequest("CN=idp", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(Now.AddYears(-1), Now.AddYears(1));
        _publicKey = _certificate.GetRSAPublicKey()!;
        _xml = BenchmarkSamlResponse.Create(key);
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

        // The stages work on one parsed copy, as the validator's own steps do.
        var parsed = SamlDocumentReader.Read(_formValue, sp.MaxResponseLength).Value;
        _assertion = (XmlElement)parsed.GetElementsByTagName("Assertion", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!;
        _signature = SamlSignatureVerifier.FindSignature(_assertion)!;
        _keys = SamlSignatureVerifier.SharedKeysOf(idp.SigningCertificates);
        if (!StageVerify() || !StageDigest() || !StageDecodeAndParse())
        {
            throw new InvalidOperationException("A stage does not succeed on the benchmark response.");
        }
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

    [Benchmark(Description = "stage 1: decode and parse (base64 to octets, hardened XmlReader, DOM)")]
    public bool StageDecodeAndParse() => SamlDocumentReader.Read(_formValue, _sp.MaxResponseLength).IsSuccess;

    [Benchmark(Description = "stage 2: canonicalize and digest the signed assertion (exc-c14n into SHA-256)")]
    public bool StageDigest() => ExclusiveCanonicalizer.TryComputeHash(_assertion, HashAlgorithmName.SHA256, out _, _signature);

    [Benchmark(Description = "stage 3: verify the signature (stage 2, then canonical SignedInfo and one RSA-2048 verify)")]
    public bool StageVerify() => SamlSignatureVerifier.Verify(_assertion, _signature, _keys, allowSha1: false).IsSuccess;

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
