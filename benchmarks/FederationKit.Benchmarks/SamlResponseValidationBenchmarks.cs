using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using BenchmarkDotNet.Attributes;
using FederationKit.Directories;
using FederationKit.OneTime;
using FederationKit.Organizations;
using FederationKit.Saml;
using FederationKit.Saml.SignIn;
using FederationKit.Saml.Validation;
using FederationKit.Saml.Settings;
using FederationKit.SignIn;
using FederationKit.SignIn.Flow;
using FederationKit.Stores.InMemory;

namespace FederationKit.Benchmarks;

/// <summary>
/// Validation of a realistic signed SAML Response (about 8 KB) side by side with (a) the floor: SHA-256 over the document
/// plus one RSA-2048 verification, (a') the same plus the base64 decode and XML parse every validator needs, and (b) what a
/// user writes by hand: XmlDocument load plus SignedXml.CheckSignature; and the production path a host's ACS request takes
/// (profile read from the store, per-profile cache, <see cref="SamlSignInProtocol.CompleteAsync"/>, replay store).
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
    private readonly InMemoryIdpProfileStore _profiles = new();
    private SamlSignInProtocol _protocol = null!;
    private IdpProfileId _profileId;
    private SignInTransaction _transaction = null!;
    private Dictionary<string, string> _parameters = null!;
    private readonly SignInCallbackUrls _urls = new(new Uri("https://app.example"));

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
        SetUpProductionPath();
        if (!StageVerify() || !StageDigest() || !StageDecodeAndParse() || !FullValidation().GetAwaiter().GetResult() || !ProductionPath().GetAwaiter().GetResult())
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
    public bool HandWrittenSignedXml()
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

    /// <summary>
    /// The production path: what the host edge runs for a response posted to the ACS once the sign-in transaction is
    /// consumed: the profile read from the (in-memory) profile store, the per-(profile, version) cache (warm: no certificate
    /// parsed), <see cref="SamlSignInProtocol.CompleteAsync"/> (InResponseTo against the transaction, the validator, the
    /// request ID taken and the assertion ID recorded in a real <see cref="InMemoryOneTimeStore"/>, the attribute mapping,
    /// the session data).
    /// </summary>
    [Benchmark(Description = "(e) production path: profile store + per-profile cache + SamlSignInProtocol.CompleteAsync + replay store")]
    public async Task<bool> ProductionPath()
    {
        var profile = await _profiles.FindAsync(_profileId);
        var completed = await _protocol.CompleteAsync(new SignInProtocolResponse(profile!, _transaction, _parameters, _urls));
        return completed.IsSuccess;
    }

    [Benchmark(Description = "stage 1: decode and parse (base64 to octets, hardened XmlReader, DOM)")]
    public bool StageDecodeAndParse() => SamlDocumentReader.Read(_formValue, _sp.MaxResponseLength).IsSuccess;

    [Benchmark(Description = "stage 2: canonicalize and digest the signed assertion (exc-c14n into SHA-256)")]
    public bool StageDigest() => ExclusiveCanonicalizer.TryComputeHash(_assertion, HashAlgorithmName.SHA256, out _, _signature);

    [Benchmark(Description = "stage 3: verify the signature (stage 2, then canonical SignedInfo and one RSA-2048 verify)")]
    public bool StageVerify() => SamlSignatureVerifier.Verify(_assertion, _signature, _keys, allowSha1: false).IsSuccess;

    private void SetUpProductionPath()
    {
        var store = new ReplayingOneTimeStore(new InMemoryOneTimeStore(_clock));
        _protocol = new SamlSignInProtocol(_profiles, store, _clock, new SamlSignInOptions { EntityId = Sp });
        var directoryId = DirectoryId.New();
        var added = _profiles.AddAsync(new IdpProfile
        {
            Id = IdpProfileId.New(),
            DirectoryId = directoryId,
            Owner = OwnerRef.Organization(OrganizationId.New()),
            Name = "Acme",
            Protocol = IdentityProtocol.Saml,
            Saml = new SamlIdpSettings
            {
                EntityId = Idp,
                SsoUrlRedirect = new Uri("https://idp.acme.example/sso"),
                SigningCertificates = [Convert.ToBase64String(_certificate.RawData)],
            },
            IsActive = true,
            CreatedAt = Now,
        }).GetAwaiter().GetResult();
        _profileId = added.Value.Id;
        _transaction = new SignInTransaction
        {
            Id = "tx-1",
            ProfileId = _profileId,
            DirectoryId = directoryId,
            Protocol = IdentityProtocol.Saml,
            Intent = SignInIntent.SignIn,
            ReturnUrl = "/",
            ProtocolData = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("saml.request_id", BenchmarkSamlResponse.RequestId),
            CreatedAt = Now,
            BrowserBindingHash = "benchmark",
        };
        _parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["SAMLResponse"] = _formValue };
    }

    /// <summary>A one-time store that accepts every entry and knows the benchmark's AuthnRequest, so the same response can be validated repeatedly.</summary>
    private sealed class AcceptEverythingStore : IOneTimeStore
    {
        private static readonly byte[] IssuedTo = Encoding.UTF8.GetBytes(Idp);

        public Task<bool> TryAddAsync(string purpose, string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) => Task.FromResult(true);

        public Task<byte[]?> TryTakeAsync(string purpose, string key, CancellationToken cancellationToken = default) =>
            Task.FromResult<byte[]?>(purpose == SamlOneTimePurposes.RequestId && key == BenchmarkSamlResponse.RequestId ? IssuedTo : null);
    }

    /// <summary>
    /// A real <see cref="InMemoryOneTimeStore"/> that forgets each entry again right after it was stored or taken, so one
    /// response can be validated on every invocation: the AuthnRequest ID is recorded (as the request builder does when the
    /// sign-in starts) before it is taken, and a recorded assertion ID is removed after the replay check. Each step therefore
    /// costs one store operation more than a host's request does (well under a microsecond, see OneTimeStoreBenchmarks).
    /// </summary>
    private sealed class ReplayingOneTimeStore(InMemoryOneTimeStore inner) : IOneTimeStore
    {
        private static readonly byte[] IssuedTo = Encoding.UTF8.GetBytes(Idp);

        public async Task<bool> TryAddAsync(string purpose, string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
        {
            var added = await inner.TryAddAsync(purpose, key, value, expiresAt, cancellationToken);
            await inner.TryTakeAsync(purpose, key, cancellationToken);
            return added;
        }

        public async Task<byte[]?> TryTakeAsync(string purpose, string key, CancellationToken cancellationToken = default)
        {
            if (purpose == SamlOneTimePurposes.RequestId)
            {
                await inner.TryAddAsync(purpose, key, IssuedTo, Now.AddMinutes(10), cancellationToken);
            }

            return await inner.TryTakeAsync(purpose, key, cancellationToken);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
