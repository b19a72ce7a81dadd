using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Xml;
using BenchmarkDotNet.Attributes;
using FederationKit.Saml.Validation;

namespace FederationKit.Benchmarks;

/// <summary>
/// The digest step of verifying a signed assertion (about 8 KB response, the same document as
/// <see cref="SamlResponseValidationBenchmarks"/>): enveloped-signature + exclusive canonicalization + SHA-256, by .NET's
/// XmlDsigExcC14NTransform (baseline: the assertion copied into its own document without its Signature, as SignedXml does)
/// and by FederationKit's streaming canonicalizer (the Signature skipped in place, octets hashed as they are produced).
/// </summary>
[MemoryDiagnoser]
public class CanonicalizationBenchmarks
{
    private XmlElement _assertion = null!;
    private XmlElement _signature = null!;
    private byte[] _expected = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The signed response of SamlResponseValidationBenchmarks (about 8 KB, 40 attributes), built the same way.
        using var key = RSA.Create(2048);
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(BenchmarkSamlResponse.Create(key));
        _assertion = (XmlElement)document.GetElementsByTagName("Assertion", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!;
        _signature = (XmlElement)_assertion.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl)[0]!;
        _expected = Convert.FromBase64String(_signature.GetElementsByTagName("DigestValue", SignedXml.XmlDsigNamespaceUrl)[0]!.InnerText);
        if (!Transform().AsSpan().SequenceEqual(_expected) || !Ours().AsSpan().SequenceEqual(_expected))
        {
            throw new InvalidOperationException("A digest differs from the DigestValue of the signature.");
        }
    }

    [Benchmark(Baseline = true, Description = "XmlDsigExcC14NTransform + SHA-256")]
    public byte[] Transform()
    {
        // What SignedXml does for Reference URI="#id" with the enveloped-signature transform: a document of its own,
        // the Signature removed, then the transform's output stream hashed.
        var copy = new XmlDocument { PreserveWhitespace = true };
        var element = (XmlElement)copy.ImportNode(_assertion, true);
        copy.AppendChild(element);
        foreach (XmlAttribute declaration in _assertion.ParentNode!.Attributes!)
        {
            if (declaration.NamespaceURI == "http://www.w3.org/2000/xmlns/" && !element.HasAttribute(declaration.Name))
            {
                element.SetAttributeNode((XmlAttribute)copy.ImportNode(declaration, true));
            }
        }

        var signature = element.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl)[0]!;
        signature.ParentNode!.RemoveChild(signature);
        var transform = new XmlDsigExcC14NTransform();
        transform.LoadInput(copy);
        using var sha256 = SHA256.Create();
        return transform.GetDigestedOutput(sha256);
    }

    [Benchmark(Description = "ExclusiveCanonicalizer + SHA-256")]
    public byte[] Ours()
    {
        ExclusiveCanonicalizer.TryComputeHash(_assertion, HashAlgorithmName.SHA256, out var digest, _signature);
        return digest!;
    }
}
