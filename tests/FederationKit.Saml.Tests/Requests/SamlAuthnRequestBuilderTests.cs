using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.IO.Compression;
using System.Text;
using System.Xml;
using FederationKit.Saml.Requests;
using FederationKit.Saml.Settings;

namespace FederationKit.Saml.Tests.Requests;

public sealed class SamlAuthnRequestBuilderTests
{
    private static SamlIdentityProviderOptions Idp()
    {
        var idp = new SamlIdentityProviderOptions { EntityId = SamlResponseBuilder.IdpEntityId, SingleSignOnUrlRedirect = new Uri("https://idp.acme.example/sso?tenant=acme") };
        idp.SigningCertificates.Add(SamlTestKeys.Idp);
        return idp;
    }

    [Test]
    public async Task CreateRedirect_EncodesTheRequest_AndTheValidatorAcceptsItsResponseOnce()
    {
        var harness = new SamlValidatorHarness();
        var builder = new SamlAuthnRequestBuilder(harness.Sp, harness.Store, harness.Clock);

        var prepared = (await builder.CreateRedirectAsync(Idp(), new SamlAuthnRequestOptions { RelayState = "/after", ForceAuthn = true, NameIdFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" })).Value;

        var query = Query(prepared.RedirectUrl);
        Assert.That(prepared.RedirectUrl.GetLeftPart(UriPartial.Path), Is.EqualTo("https://idp.acme.example/sso"));
        Assert.That(query["tenant"], Is.EqualTo("acme"));
        Assert.That(query["RelayState"], Is.EqualTo("/after"));
        var request = Inflate(query["SAMLRequest"]);
        Assert.Multiple(() =>
        {
            Assert.That(request.DocumentElement!.LocalName, Is.EqualTo("AuthnRequest"));
            Assert.That(request.DocumentElement.GetAttribute("ID"), Is.EqualTo(prepared.RequestId));
            Assert.That(request.DocumentElement.GetAttribute("AssertionConsumerServiceURL"), Is.EqualTo(SamlResponseBuilder.AcsUrl));
            Assert.That(request.DocumentElement.GetAttribute("Destination"), Is.EqualTo("https://idp.acme.example/sso?tenant=acme"));
            Assert.That(request.DocumentElement.GetAttribute("ForceAuthn"), Is.EqualTo("true"));
            Assert.That(request.GetElementsByTagName("Issuer", "urn:oasis:names:tc:SAML:2.0:assertion")[0]!.InnerText, Is.EqualTo(SamlResponseBuilder.SpEntityId));
            Assert.That(((XmlElement)request.GetElementsByTagName("NameIDPolicy", "urn:oasis:names:tc:SAML:2.0:protocol")[0]!).GetAttribute("Format"), Does.EndWith("persistent"));
        });

        var response = SamlResponseBuilder.Base64(new SamlResponseBuilder { InResponseTo = prepared.RequestId }.Signed());
        Assert.That(await harness.ErrorOf(response), Is.Null);
        Assert.That(await harness.ErrorOf(SamlResponseBuilder.Base64(new SamlResponseBuilder { InResponseTo = prepared.RequestId }.Signed())), Is.EqualTo(SamlErrorCodes.InResponseToUnknown));
    }

    [Test]
    public async Task CreateRedirect_Signed_OpensslVerifiesTheSignatureOverTheExactOctets()
    {
        var harness = new SamlValidatorHarness();
        var builder = new SamlAuthnRequestBuilder(harness.Sp, harness.Store, harness.Clock);
        var prepared = (await builder.CreateRedirectAsync(Idp(), new SamlAuthnRequestOptions { RelayState = "r 1&x" }, SamlTestKeys.Idp)).Value;

        var raw = prepared.RedirectUrl.Query.TrimStart('?');
        var signedPart = raw[raw.IndexOf("SAMLRequest=", StringComparison.Ordinal)..raw.IndexOf("&Signature=", StringComparison.Ordinal)];
        var signature = Convert.FromBase64String(Uri.UnescapeDataString(raw[(raw.IndexOf("&Signature=", StringComparison.Ordinal) + "&Signature=".Length)..]));
        Assert.That(signedPart, Does.EndWith("&SigAlg=" + Uri.EscapeDataString(SamlAuthnRequestBuilder.RsaSha256)));

        var directory = Directory.CreateTempSubdirectory("fedkit-redirect-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "data"), signedPart);
            await File.WriteAllBytesAsync(Path.Combine(directory, "sig"), signature);
            await File.WriteAllTextAsync(Path.Combine(directory, "pub.pem"), SamlTestKeys.Idp.GetRSAPublicKey()!.ExportSubjectPublicKeyInfoPem());
            var (exit, output) = await Run("openssl", directory, "dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig", "data");
            Assert.That(exit, Is.Zero, output);
            Assert.That(output, Does.Contain("Verified OK"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task CreateRedirect_RelayStateOver80Bytes_IsRefused()
    {
        var harness = new SamlValidatorHarness();
        var builder = new SamlAuthnRequestBuilder(harness.Sp, harness.Store, harness.Clock);

        var result = await builder.CreateRedirectAsync(Idp(), new SamlAuthnRequestOptions { RelayState = new string('r', 81) });

        Assert.That(result.Error.Code, Is.EqualTo(SamlErrorCodes.SettingsInvalid));
    }

    private static Dictionary<string, string> Query(Uri uri) =>
        uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);

    private static XmlDocument Inflate(string base64)
    {
        using var input = new DeflateStream(new MemoryStream(Convert.FromBase64String(base64)), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        var document = new XmlDocument();
        document.LoadXml(reader.ReadToEnd());
        return document;
    }

    private static async Task<(int Exit, string Output)> Run(string file, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
