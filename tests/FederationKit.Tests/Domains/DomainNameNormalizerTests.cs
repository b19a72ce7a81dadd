using FederationKit.Domains;

namespace FederationKit.Tests.Domains;

public class DomainNameNormalizerTests
{
    private static IEnumerable<TestCaseData> ValidNames()
    {
        yield return new TestCaseData("acme.com", "acme.com").SetName("plain");
        yield return new TestCaseData("  Acme.COM.  ", "acme.com").SetName("trimmed, upper case, trailing dot");
        yield return new TestCaseData("EU.Acme.Com", "eu.acme.com").SetName("subdomain upper case");
        yield return new TestCaseData("bücher.example", "xn--bcher-kva.example").SetName("IDN to punycode");
        yield return new TestCaseData("BÜCHER.example", "xn--bcher-kva.example").SetName("IDN upper case");
        yield return new TestCaseData("xn--bcher-kva.example", "xn--bcher-kva.example").SetName("punycode kept");
        yield return new TestCaseData("XN--BCHER-KVA.EXAMPLE", "xn--bcher-kva.example").SetName("punycode upper case");
        yield return new TestCaseData("münchen.de.", "xn--mnchen-3ya.de").SetName("IDN with trailing dot");
        yield return new TestCaseData("例え.jp", "xn--r8jz45g.jp").SetName("IDN Japanese");
        yield return new TestCaseData("acme\u3002com", "acme.com").SetName("ideographic full stop is a label separator");
        yield return new TestCaseData("a-b.c-d.example", "a-b.c-d.example").SetName("inner hyphens");
        yield return new TestCaseData("123.example", "123.example").SetName("numeric label not last");
        yield return new TestCaseData(new string('a', 63) + ".com", new string('a', 63) + ".com").SetName("63-character label");
    }

    private static IEnumerable<TestCaseData> InvalidNames()
    {
        yield return new TestCaseData(null, DomainErrorCodes.Empty).SetName("null");
        yield return new TestCaseData("", DomainErrorCodes.Empty).SetName("empty");
        yield return new TestCaseData("   ", DomainErrorCodes.Empty).SetName("white space");
        yield return new TestCaseData("*.acme.com", DomainErrorCodes.Wildcard).SetName("wildcard");
        yield return new TestCaseData("a*.acme.com", DomainErrorCodes.Wildcard).SetName("star inside a label");
        yield return new TestCaseData("acme..com", DomainErrorCodes.LabelInvalid).SetName("empty label");
        yield return new TestCaseData(".acme.com", DomainErrorCodes.LabelInvalid).SetName("leading dot");
        yield return new TestCaseData("acme.com..", DomainErrorCodes.LabelInvalid).SetName("two trailing dots");
        yield return new TestCaseData(".", DomainErrorCodes.LabelInvalid).SetName("only a dot");
        yield return new TestCaseData("-acme.com", DomainErrorCodes.LabelInvalid).SetName("leading hyphen");
        yield return new TestCaseData("acme-.com", DomainErrorCodes.LabelInvalid).SetName("trailing hyphen");
        yield return new TestCaseData("ac_me.com", DomainErrorCodes.LabelInvalid).SetName("underscore");
        yield return new TestCaseData("acme com", DomainErrorCodes.LabelInvalid).SetName("space inside");
        yield return new TestCaseData("user@acme.com", DomainErrorCodes.LabelInvalid).SetName("email address");
        yield return new TestCaseData("acme.com/path", DomainErrorCodes.LabelInvalid).SetName("URL path");
        yield return new TestCaseData("ab--cd.com", DomainErrorCodes.LabelInvalid).SetName("reserved hyphens in positions 3 and 4");
        yield return new TestCaseData("xn--abc-.com", DomainErrorCodes.LabelInvalid).SetName("punycode label ending in hyphen");
        yield return new TestCaseData("xn--a.com", DomainErrorCodes.IdnInvalid).SetName("malformed punycode");
        yield return new TestCaseData(new string('a', 64) + ".com", DomainErrorCodes.LabelTooLong).SetName("64-character label");
        yield return new TestCaseData(string.Join('.', Enumerable.Repeat(new string('a', 60), 5)), DomainErrorCodes.NameTooLong).SetName("name over 253 characters");
        yield return new TestCaseData(new string('a', 5000), DomainErrorCodes.NameTooLong).SetName("huge input");
        yield return new TestCaseData("localhost", DomainErrorCodes.SingleLabel).SetName("single label");
        yield return new TestCaseData("bücher", DomainErrorCodes.SingleLabel).SetName("single IDN label");
        yield return new TestCaseData("192.168.1.1", DomainErrorCodes.IpAddress).SetName("IPv4 address");
        yield return new TestCaseData("acme.123", DomainErrorCodes.IpAddress).SetName("numeric top-level label");
        yield return new TestCaseData("[::1]", DomainErrorCodes.LabelInvalid).SetName("IPv6 literal");
        yield return new TestCaseData("acme\uFFFD.com", DomainErrorCodes.IdnInvalid).SetName("replacement character");
        yield return new TestCaseData("ac\u0000me.com", DomainErrorCodes.LabelInvalid).SetName("NUL character");
    }

    [TestCaseSource(nameof(ValidNames))]
    public void Normalize_ValidName_ReturnsAsciiLowerCase(string input, string expected)
    {
        var result = DomainNameNormalizer.Normalize(input);

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That(result.Value, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(InvalidNames))]
    public void Normalize_InvalidName_IsRefusedWithCode(string? input, string code)
    {
        var result = DomainNameNormalizer.Normalize(input);

        Assert.That(result.IsFailure, Is.True, () => $"normalized to {result.Value}");
        Assert.That(result.Error.Code, Is.EqualTo(code));
    }

    [TestCase("аpple.com", "apple.com")]
    [TestCase("gооgle.com", "google.com")]
    [TestCase("асme.com", "acme.com")]
    public void Normalize_CyrillicHomograph_BecomesDistinctPunycode(string homograph, string lookalike)
    {
        var result = DomainNameNormalizer.Normalize(homograph);

        Assert.That(result.Value, Does.StartWith("xn--"));
        Assert.That(result.Value, Is.Not.EqualTo(lookalike));
    }

    [Test]
    public void Normalize_SharpS_MapsTheWayThisRuntimeDoes_AndRoundTrips()
    {
        // IdnMapping results for 'ß' differ between IDNA2003 (fass.de) and IDNA2008 (xn--fa-hia.de): pin this runtime's answer.
        var result = DomainNameNormalizer.Normalize("faß.de");

        Assert.That(result.Value, Is.EqualTo("xn--fa-hia.de").Or.EqualTo("fass.de"));
        Assert.That(DomainNameNormalizer.Normalize(result.Value).Value, Is.EqualTo(result.Value), "normalizing twice changes nothing");
    }

    [Test]
    public void Normalize_Refusal_CarriesTheInputAsDetail()
    {
        var error = DomainNameNormalizer.Normalize("*.acme.com").Error;

        Assert.That(error.Details["input"], Is.EqualTo("*.acme.com"));
    }
}
