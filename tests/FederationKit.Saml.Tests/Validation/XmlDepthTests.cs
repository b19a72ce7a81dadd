using System.Runtime.ExceptionServices;
using System.Text;
using System.Xml;
using FederationKit.Saml.Logout;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.Tests.Logout;
using FederationKit.Saml.Tests.Metadata;

namespace FederationKit.Saml.Tests.Validation;

/// <summary>
/// Deeply nested elements are refused while parsing, before any code walks the tree: each case runs on a thread with a
/// 1 MiB stack and the size limit raised to its maximum, where a recursive walk over 100,000 levels would end the process.
/// </summary>
public sealed class XmlDepthTests
{
    private const int Levels = 100_000;
    private const int MaxLength = 16 * 1024 * 1024;

    [Test]
    public void Validate_FailedStatusWithDeepStatusMessage_IsRefusedAsTooDeep()
    {
        var harness = Harness();
        var builder = new SamlResponseBuilder { StatusXml = """<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"/><samlp:StatusMessage>""" + Deep("m") + "</samlp:StatusMessage>" };

        var code = OnSmallStack(() => harness.ErrorOf(Base64(builder.Xml())).GetAwaiter().GetResult());

        Assert.That(code, Is.EqualTo(SamlErrorCodes.XmlTooDeep));
    }

    [Test]
    public void Validate_DeepContentInTheEncryptedAssertionsCipherData_IsRefusedAsTooDeep()
    {
        var harness = Harness(SamlTestKeys.Sp);
        var document = SamlAssertionEncryptor.Encrypt(new SamlResponseBuilder().Signed(), SamlTestKeys.Sp);
        var values = document.GetElementsByTagName("CipherValue", "http://www.w3.org/2001/04/xmlenc#");
        var xml = document.OuterXml.Replace(values[values.Count - 1]!.InnerText, values[values.Count - 1]!.InnerText + Deep("c"), StringComparison.Ordinal);

        var code = OnSmallStack(() => harness.ErrorOf(Base64(xml)).GetAwaiter().GetResult());

        Assert.That(code, Is.EqualTo(SamlErrorCodes.XmlTooDeep));
    }

    [Test]
    public void Validate_DeepDecryptedAssertion_IsRefusedWithTheDecryptionCode()
    {
        var harness = Harness(SamlTestKeys.Sp);
        var shallow = new SamlResponseBuilder { ExtraAssertionXml = "<saml:Advice>DEEP</saml:Advice>" }.Document();
        var plaintext = SamlResponseBuilder.Element(shallow, "Assertion").OuterXml.Replace("DEEP", Deep("d"), StringComparison.Ordinal);
        var document = SamlAssertionEncryptor.Encrypt(new SamlResponseBuilder().Document(), SamlTestKeys.Sp, plaintext: plaintext);

        var code = OnSmallStack(() => harness.ErrorOf(SamlResponseBuilder.Base64(document)).GetAwaiter().GetResult());

        Assert.That(code, Is.EqualTo(SamlErrorCodes.DecryptionFailed));
    }

    // The Response is level 1, the Assertion 2, Advice 3: 61 more make 64 levels, the most a document may have.
    [Test]
    public void Validate_SixtyFourLevels_AreStillRead()
    {
        var harness = Harness();
        var builder = new SamlResponseBuilder { ExtraAssertionXml = "<saml:Advice>" + Deep("d", 61) + "</saml:Advice>" };

        Assert.That(harness.ErrorOf(SamlResponseBuilder.Base64(builder.Signed())).GetAwaiter().GetResult(), Is.Null);
    }

    [Test]
    public void Validate_SixtyFiveLevels_AreRefused()
    {
        var harness = Harness();
        var builder = new SamlResponseBuilder { ExtraAssertionXml = "<saml:Advice>" + Deep("d", 62) + "</saml:Advice>" };

        Assert.That(harness.ErrorOf(SamlResponseBuilder.Base64(builder.Signed())).GetAwaiter().GetResult(), Is.EqualTo(SamlErrorCodes.XmlTooDeep));
    }

    [Test]
    public void LogoutRequest_DeepIssuer_IsRefusedAsMalformedTooDeep()
    {
        var harness = Harness();
        harness.Sp.SingleLogoutUrl = IdpLogoutMessages.SpSloUrl;
        var logout = new SamlLogoutService(harness.Sp, harness.Idp, harness.Store, harness.Clock);
        var xml = IdpLogoutMessages.Request(issuer: SamlResponseBuilder.IdpEntityId + Deep("i"));
        var query = IdpLogoutMessages.Query("SAMLRequest", xml, key: SamlTestKeys.Idp);

        var result = OnSmallStack(() => logout.ValidateLogoutRequestAsync(query).GetAwaiter().GetResult());

        Assert.That((result.Error.Code, result.Error.Details["reason"]), Is.EqualTo((SamlLogoutErrorCodes.Malformed, SamlErrorCodes.XmlTooDeep)));
    }

    [Test]
    public void LogoutRequestOverPost_DeepIssuer_IsRefusedAsMalformedTooDeep()
    {
        var harness = Harness();
        harness.Sp.SingleLogoutUrl = IdpLogoutMessages.SpSloUrl;
        var logout = new SamlLogoutService(harness.Sp, harness.Idp, harness.Store, harness.Clock);
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(IdpLogoutMessages.Request());
        SamlResponseBuilder.Sign(document, document.DocumentElement!, SamlTestKeys.Idp);
        var xml = document.OuterXml.Replace("</saml:Issuer>", Deep("i") + "</saml:Issuer>", StringComparison.Ordinal);

        var result = OnSmallStack(() => logout.ValidateLogoutRequestPostAsync(Base64(xml), null).GetAwaiter().GetResult());

        Assert.That((result.Error.Code, result.Error.Details["reason"]), Is.EqualTo((SamlLogoutErrorCodes.Malformed, SamlErrorCodes.XmlTooDeep)));
    }

    [Test]
    public void MetadataRead_DeepNameIdFormat_IsRefusedAsMalformedTooDeep()
    {
        var xml = IdpMetadataXml.Entity(keys: IdpMetadataXml.Key(SamlTestKeys.Idp)).Replace("</md:NameIDFormat>", Deep("f") + "</md:NameIDFormat>", StringComparison.Ordinal);

        var result = OnSmallStack(() => SamlIdpMetadataReader.Read(xml, new SamlIdpMetadataReadOptions { MaxLength = MaxLength }, SamlResponseBuilder.Now));

        Assert.That((result.Error.Code, result.Error.Details["reason"]), Is.EqualTo((SamlMetadataErrorCodes.Malformed, SamlErrorCodes.XmlTooDeep)));
    }

    private static SamlValidatorHarness Harness(params System.Security.Cryptography.X509Certificates.X509Certificate2[] decryption)
    {
        var harness = new SamlValidatorHarness(decryption: decryption);
        harness.Sp.MaxResponseLength = MaxLength;
        return harness;
    }

    /// <summary><paramref name="levels"/> nested elements without a namespace (a text node at the bottom).</summary>
    private static string Deep(string name, int levels = Levels)
    {
        var builder = new StringBuilder(levels * (name.Length * 2 + 5) + 1);
        for (var i = 0; i < levels; i++)
        {
            builder.Append('<').Append(name).Append('>');
        }

        builder.Append('x');
        for (var i = 0; i < levels; i++)
        {
            builder.Append("</").Append(name).Append('>');
        }

        return builder.ToString();
    }

    private static string Base64(string xml) => Convert.ToBase64String(Encoding.UTF8.GetBytes(xml));

    // Test documents with deep content are built as strings: writing a deep DOM out (OuterXml) recurses too.

    /// <summary>Runs <paramref name="work"/> on a thread with a 1 MiB stack (a stack overflow there ends the test run).</summary>
    private static T OnSmallStack<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception exception)
                {
                    failure = ExceptionDispatchInfo.Capture(exception);
                }
            },
            maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
