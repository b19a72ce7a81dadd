using FederationKit.Scim.Filters;

namespace FederationKit.Scim.Tests.Filters;

public class ScimFilterParserTests
{
    private static readonly string[] Valid =
    [
        "userName eq \"bjensen\"",
        "USERNAME EQ \"bjensen\"",
        "name.familyName co \"O'Malley\"",
        "userName sw \"J\"",
        "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"Sales\"",
        "title pr",
        "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
        "meta.lastModified ge \"2011-05-13T04:42:34Z\"",
        "meta.lastModified lt \"2011-05-13T04:42:34Z\"",
        "meta.lastModified le \"2011-05-13T04:42:34Z\"",
        "title pr and userType eq \"Employee\"",
        "title pr or userType eq \"Intern\"",
        "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"",
        "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
        "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
        "userType eq \"Employee\" and (emails.type eq \"work\")",
        "userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
        "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
        "active eq true",
        "active eq False",
        "externalId eq null",
        "members[value eq \"2819c223-7f76-453a-919d-413861904646\"]",
        "x eq 42",
        "x gt -1.5e3",
        "userName eq \"quote \\\" and backslash \\\\\"",
        "not(active eq true)",
        "((userName eq \"a\"))",
    ];

    private static readonly string[] Invalid =
    [
        "",
        "userName",
        "userName eq",
        "userName equals \"x\"",
        "userName eq bjensen",
        "userName eq \"unterminated",
        "(userName eq \"a\"",
        "userName eq \"a\")",
        "userName eq \"a\" and",
        "userName eq \"a\" xor userName eq \"b\"",
        "emails[type eq \"work\"",
        "emails[type eq \"work\" and addresses[type eq \"x\"]]",
        "name.givenName.x eq \"a\"",
        "urn:foo eq \"a\"",
        "emails.value[type eq \"work\"]",
        "user:Name eq \"a\"",
        "userName eq \"\\q\"",
        "1abc eq \"a\"",
        "not userName eq \"a\"",
    ];

    [TestCaseSource(nameof(Valid))]
    public void Parse_ValidFilter_Succeeds(string filter)
    {
        var result = ScimFilterParser.Parse(filter);

        Assert.That(result.IsSuccess, Is.True, result.ErrorOrNull?.Message);
    }

    [TestCaseSource(nameof(Invalid))]
    public void Parse_InvalidFilter_IsInvalidFilter(string filter)
    {
        var result = ScimFilterParser.Parse(filter);

        Assert.That(result.ErrorOrNull?.Code, Is.EqualTo(ScimErrorCodes.InvalidFilter));
        Assert.That(result.Error.Details[ScimErrors.ScimTypeDetail], Is.EqualTo("invalidFilter"));
    }

    [Test]
    public void Parse_PrecedenceAndBindsTighterThanOr_GroupsAsRfc()
    {
        var result = ScimFilterParser.Parse("a eq \"1\" or b eq \"2\" and c eq \"3\"").Value;

        Assert.That(result, Is.TypeOf<ScimOrFilter>());
        Assert.That(((ScimOrFilter)result).Right, Is.TypeOf<ScimAndFilter>());
    }

    [Test]
    public void Parse_UrnPrefixedSubAttribute_SplitsAtLastColon()
    {
        var result = (ScimComparisonFilter)ScimFilterParser.Parse("urn:ietf:params:scim:schemas:core:2.0:User:name.givenName eq \"B\"").Value;

        Assert.That(result.Path, Is.EqualTo(new ScimAttributePath("urn:ietf:params:scim:schemas:core:2.0:User", "name", "givenName")));
        Assert.That(result.StringValue, Is.EqualTo("B"));
    }

    [Test]
    public void Parse_NestedDeeperThanBound_IsInvalidFilterWithoutStackOverflow()
    {
        var filter = new string('(', 10_000) + "a eq \"b\"" + new string(')', 10_000);

        var result = ScimFilterParser.Parse(filter[..ScimFilterParser.MaxLength]);

        Assert.That(result.ErrorOrNull?.Code, Is.EqualTo(ScimErrorCodes.InvalidFilter));
    }

    [Test]
    public void Parse_NotChainDeeperThanBound_IsInvalidFilter()
    {
        var filter = string.Concat(Enumerable.Repeat("not (", 40)) + "a eq \"b\"" + new string(')', 40);

        Assert.That(ScimFilterParser.Parse(filter).ErrorOrNull?.Code, Is.EqualTo(ScimErrorCodes.InvalidFilter));
    }

    [Test]
    public void Parse_LongerThanBound_IsInvalidFilter()
    {
        var filter = "userName eq \"" + new string('a', ScimFilterParser.MaxLength) + "\"";

        Assert.That(ScimFilterParser.Parse(filter).ErrorOrNull?.Code, Is.EqualTo(ScimErrorCodes.InvalidFilter));
    }

    [Test]
    public void Parse_LongAndChain_ParsesWithoutRecursionPerTerm()
    {
        var filter = string.Join(" and ", Enumerable.Repeat("a eq \"b\"", 250));

        Assert.That(ScimFilterParser.Parse(filter).IsSuccess, Is.True);
    }

    [TestCase("members[value eq \"abc\"]", "members", null, true)]
    [TestCase("emails[type eq \"work\"].value", "emails", "value", true)]
    [TestCase("name.givenName", "name", "givenName", false)]
    [TestCase("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "department", null, false)]
    public void ParsePath_ValidPath_ReadsAttributeAndFilter(string path, string name, string? sub, bool hasFilter)
    {
        var result = ScimFilterParser.ParsePath(path).Value;

        Assert.That(result.Attribute.Name, Is.EqualTo(name));
        Assert.That(result.Attribute.SubAttribute, Is.EqualTo(sub));
        Assert.That(result.ValueFilter is not null, Is.EqualTo(hasFilter));
    }

    [TestCase("members[value eq \"abc\"")]
    [TestCase("members[value eq]")]
    [TestCase("members[value eq \"abc\"].")]
    [TestCase("members[value eq \"abc\"] x")]
    [TestCase("name.givenName[value eq \"x\"]")]
    [TestCase("a.b.c")]
    public void ParsePath_InvalidPath_IsInvalidPath(string path)
    {
        Assert.That(ScimFilterParser.ParsePath(path).ErrorOrNull?.Code, Is.EqualTo(ScimErrorCodes.InvalidPath));
    }
}
