using System.Text.RegularExpressions;
using System.Xml;
using FederationKit.Saml.Logout;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.Tests.Logout;
using FederationKit.Saml.Tests.Metadata;

namespace FederationKit.Saml.Tests.Validation;

/// <summary>Every SAML time attribute is an xs:dateTime in UTC with the Z designator (SAML Core 1.3.3), or the message is refused.</summary>
public sealed class SamlTimeTests
{
    private static readonly string[] BadForms =
    [
        "2026-03-01T09:05:00+01:00Z",
        "2026-03-01T24:00:00Z",
        "+2026-03-01T09:05:00Z",
        "-2026-03-01T09:05:00Z",
        "2026-03-01T09:05:00",
        "2026-03-01T09:05:00+00:00",
        "2026-03-01T09:05:00-05:00",
        "2026-03-01 09:05:00Z",
        "2026-3-1T09:05:00Z",
        "2026-02-30T09:05:00Z",
        "2026-13-01T09:05:00Z",
        "2026-03-01T09:60:00Z",
        "2026-03-01T09:05:60Z",
        "2026-03-01T09:05Z",
        "2026-03-01T09:05:00.Z",
        "2026-03-01T09:05:00,5Z",
        "2026-03-01T09:05:00z",
        "0000-01-01T00:00:00Z",
        "12026-03-01T09:05:00Z",
        "\uFF12\uFF10\uFF12\uFF16-03-01T09:05:00Z",
        "2026-03-01",
        "",
    ];

    public static IEnumerable<TestCaseData> BadValues() =>
        BadForms.Select((value, i) => new TestCaseData(value).SetName($"Validate_ConditionsNotOnOrAfter_Form{i:00}_{Printable(value)}_IsRefused"));

    [TestCaseSource(nameof(BadValues))]
    public async Task Validate_BadTimeForm_IsRefusedAsInvalidTime(string value)
    {
        var harness = new SamlValidatorHarness();
        var xml = WithTime(new SamlResponseBuilder().Xml(), "saml:Conditions", "NotOnOrAfter", value);

        var result = await harness.Validator.ValidateAsync(SignedAssertion(xml));

        Assert.That(result.IsFailure, Is.True, "accepted");
        Assert.That((result.Error.Code, result.Error.Details["element"], result.Error.Details["attribute"]), Is.EqualTo((SamlErrorCodes.TimeInvalid, "Conditions", "NotOnOrAfter")));
    }

    public static IEnumerable<TestCaseData> EveryTimeAttribute()
    {
        yield return Attribute("samlp:Response", "IssueInstant");
        yield return Attribute("saml:Assertion", "IssueInstant");
        yield return Attribute("saml:SubjectConfirmationData", "NotOnOrAfter");
        yield return Attribute("saml:SubjectConfirmationData", "NotBefore");
        yield return Attribute("saml:Conditions", "NotBefore");
        yield return Attribute("saml:Conditions", "NotOnOrAfter");
        yield return Attribute("saml:AuthnStatement", "AuthnInstant");
        yield return Attribute("saml:AuthnStatement", "SessionNotOnOrAfter");
    }

    [TestCaseSource(nameof(EveryTimeAttribute))]
    public async Task Validate_TimeAttributeWithAnOffset_IsRefusedNamingIt(string element, string attribute)
    {
        var harness = new SamlValidatorHarness();
        var xml = WithTime(new SamlResponseBuilder().Xml(), element, attribute, "2026-03-01T10:05:00+01:00");

        var result = await harness.Validator.ValidateAsync(SignedAssertion(xml));

        Assert.That(result.IsFailure, Is.True, "accepted");
        Assert.That((result.Error.Code, result.Error.Details["element"], result.Error.Details["attribute"]), Is.EqualTo((SamlErrorCodes.TimeInvalid, element[(element.IndexOf(':') + 1)..], attribute)));
    }

    [TestCase("2026-03-01T09:05:00Z", 0)]
    [TestCase("2026-03-01T09:05:00.5Z", 5_000_000)]
    [TestCase("2026-03-01T09:05:00.123Z", 1_230_000)]
    [TestCase("2026-03-01T09:05:00.1234567Z", 1_234_567)]
    [TestCase("2026-03-01T09:05:00.123456789Z", 1_234_567)]
    [TestCase(" 2026-03-01T09:05:00Z\n", 0)]
    public async Task Validate_UtcTimeWithOrWithoutFractionalSeconds_IsRead(string value, long ticks)
    {
        var harness = new SamlValidatorHarness();
        var xml = WithTime(new SamlResponseBuilder().Xml(), "saml:Conditions", "NotOnOrAfter", value);

        var result = await harness.Validator.ValidateAsync(SignedAssertion(xml));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That(result.Value.NotOnOrAfter, Is.EqualTo(SamlResponseBuilder.Now.AddMinutes(5).AddTicks(ticks)));
    }

    [Test]
    public async Task Validate_Year9999NotOnOrAfter_IsATypedLifetimeRefusalNotAnOverflow()
    {
        var harness = new SamlValidatorHarness();
        var xml = new SamlResponseBuilder().Xml();
        xml = WithTime(xml, "saml:SubjectConfirmationData", "NotOnOrAfter", "9999-12-31T23:59:59.9999999Z");
        xml = WithTime(xml, "saml:Conditions", "NotOnOrAfter", "9999-12-31T23:59:59Z");

        Assert.That(await harness.ErrorOf(SignedAssertion(xml)), Is.EqualTo(SamlErrorCodes.LifetimeTooLong));
    }

    [Test]
    public async Task Validate_Year0001NotBeforeAndAuthnInstant_AreReadWithoutOverflow()
    {
        var harness = new SamlValidatorHarness();
        var xml = new SamlResponseBuilder().Xml();
        xml = WithTime(xml, "saml:Conditions", "NotBefore", "0001-01-01T00:00:00Z");
        xml = WithTime(xml, "saml:AuthnStatement", "AuthnInstant", "0001-01-01T00:00:00Z");

        var result = await harness.Validator.ValidateAsync(SignedAssertion(xml));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That(result.Value.AuthnInstant!.Value.Year, Is.LessThanOrEqualTo(2));
    }

    [Test]
    public async Task Validate_NotBeforeInYear9999_IsNotYetValid()
    {
        var harness = new SamlValidatorHarness();
        var xml = WithTime(new SamlResponseBuilder().Xml(), "saml:Conditions", "NotBefore", "9999-12-31T23:59:59Z");

        Assert.That(await harness.ErrorOf(SignedAssertion(xml)), Is.EqualTo(SamlErrorCodes.NotYetValid));
    }

    [Test]
    public async Task Validate_ExpiredNotOnOrAfterInYear0001_IsExpired()
    {
        var harness = new SamlValidatorHarness();
        var xml = WithTime(new SamlResponseBuilder().Xml(), "saml:Conditions", "NotOnOrAfter", "0001-01-01T00:00:00Z");

        Assert.That(await harness.ErrorOf(SignedAssertion(xml)), Is.EqualTo(SamlErrorCodes.Expired));
    }

    [TestCase("IssueInstant", "2026-03-01T09:00:00+00:00")]
    [TestCase("NotOnOrAfter", "2026-03-01T08:00:00+01:00Z")]
    [TestCase("NotOnOrAfter", "2026-03-01T24:00:00Z")]
    public async Task LogoutRequest_BadTime_IsRefusedAsInvalidTime(string attribute, string value)
    {
        var harness = new SamlValidatorHarness();
        harness.Sp.SingleLogoutUrl = IdpLogoutMessages.SpSloUrl;
        var logout = new SamlLogoutService(harness.Sp, harness.Idp, harness.Store, harness.Clock);
        var xml = WithTime(IdpLogoutMessages.Request(), "samlp:LogoutRequest", attribute, value);

        var result = await logout.ValidateLogoutRequestAsync(IdpLogoutMessages.Query("SAMLRequest", xml, key: SamlTestKeys.Idp));

        Assert.That((result.Error.Code, result.Error.Details["attribute"]), Is.EqualTo((SamlErrorCodes.TimeInvalid, attribute)));
    }

    [Test]
    public async Task LogoutRequest_NotOnOrAfterInYear9999_IsAccepted()
    {
        var harness = new SamlValidatorHarness();
        harness.Sp.SingleLogoutUrl = IdpLogoutMessages.SpSloUrl;
        var logout = new SamlLogoutService(harness.Sp, harness.Idp, harness.Store, harness.Clock);
        var xml = WithTime(IdpLogoutMessages.Request(), "samlp:LogoutRequest", "NotOnOrAfter", "9999-12-31T23:59:59Z");

        var result = await logout.ValidateLogoutRequestAsync(IdpLogoutMessages.Query("SAMLRequest", xml, key: SamlTestKeys.Idp));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
    }

    [TestCase("2026-03-08T00:00:00+00:00")]
    [TestCase("2020-01-01T00:00:00+01:00Z")]
    [TestCase("+2026-03-08T00:00:00Z")]
    public void MetadataRead_BadValidUntil_IsRefusedAsInvalidTime(string value)
    {
        var xml = IdpMetadataXml.Entity(validUntil: value, keys: IdpMetadataXml.Key(SamlTestKeys.Idp));

        var result = SamlIdpMetadataReader.Read(xml, new SamlIdpMetadataReadOptions(), SamlResponseBuilder.Now);

        Assert.That((result.Error.Code, result.Error.Details["attribute"]), Is.EqualTo((SamlErrorCodes.TimeInvalid, "validUntil")));
    }

    [Test]
    public void MetadataRead_BadValidUntilOnTheAggregate_IsRefusedAsInvalidTime()
    {
        var xml = IdpMetadataXml.Entities(IdpMetadataXml.Entity(keys: IdpMetadataXml.Key(SamlTestKeys.Idp))).Replace("ID=\"_all\"", "ID=\"_all\" validUntil=\"2020-01-01T00:00:00+01:00Z\"", StringComparison.Ordinal);

        var result = SamlIdpMetadataReader.Read(xml, new SamlIdpMetadataReadOptions(), SamlResponseBuilder.Now);

        Assert.That((result.Error.Code, result.Error.Details["element"]), Is.EqualTo((SamlErrorCodes.TimeInvalid, "EntitiesDescriptor")));
    }

    [Test]
    public void MetadataRead_ValidUntilInYear9999_IsRead()
    {
        var xml = IdpMetadataXml.Entity(validUntil: "9999-12-31T23:59:59Z", keys: IdpMetadataXml.Key(SamlTestKeys.Idp));

        var result = SamlIdpMetadataReader.Read(xml, new SamlIdpMetadataReadOptions(), SamlResponseBuilder.Now);

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
    }

    private static TestCaseData Attribute(string element, string attribute) =>
        new TestCaseData(element, attribute).SetName($"Validate_TimeWithAnOffset_In_{element.Replace(':', '_')}_{attribute}_IsRefused");

    /// <summary>Sets (or adds) <paramref name="attribute"/> on the first <paramref name="element"/> start tag.</summary>
    private static string WithTime(string xml, string element, string attribute, string value)
    {
        var tag = new Regex($"<{Regex.Escape(element)}\\b[^>]*", RegexOptions.CultureInvariant).Match(xml);
        Assert.That(tag.Success, Is.True, element);
        var existing = new Regex($"\\s{attribute}=\"[^\"]*\"", RegexOptions.CultureInvariant);
        var replaced = existing.IsMatch(tag.Value)
            ? existing.Replace(tag.Value, $" {attribute}=\"{value}\"", 1)
            : tag.Value.TrimEnd('/') + $" {attribute}=\"{value}\"" + (tag.Value.EndsWith('/') ? "/" : string.Empty);
        return xml[..tag.Index] + replaced + xml[(tag.Index + tag.Length)..];
    }

    /// <summary>The response with its assertion signed by the IdP, base64 as posted.</summary>
    private static string SignedAssertion(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        SamlResponseBuilder.Sign(document, SamlResponseBuilder.Element(document, "Assertion"), SamlTestKeys.Idp);
        return SamlResponseBuilder.Base64(document);
    }

    private static string Printable(string value) =>
        value.Length == 0 ? "empty" : string.Concat(value.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));
}
