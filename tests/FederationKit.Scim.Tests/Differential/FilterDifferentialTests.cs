using System.Text.Json.Nodes;
using FederationKit.Scim.Filters;

namespace FederationKit.Scim.Tests.Differential;

/// <summary>The same filters, parsed and applied by npm scim2-parse-filter 0.2.10 and by us to the same users, select the same users; where the package departs from RFC 7644, the case says how and we assert the RFC.</summary>
public class FilterDifferentialTests
{
    private const string Users = """
        [
         {"id":"1","userName":"bjensen@example.com","externalId":"e-1","active":true,"displayName":"Babs Jensen","title":"Engineer","userType":"Employee",
          "name":{"givenName":"Barbara","familyName":"Jensen"},"emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@home.example","type":"home"}],
          "meta":{"created":"2026-01-01T00:00:00Z","lastModified":"2026-03-01T00:00:00Z"}},
         {"id":"2","userName":"jsmith@example.com","externalId":"e-2","active":false,"displayName":"John Smith","userType":"Contractor",
          "name":{"givenName":"John","familyName":"Smith"},"emails":[{"value":"jsmith@example.com","type":"work"}],
          "meta":{"created":"2026-02-01T00:00:00Z","lastModified":"2026-02-15T00:00:00Z"}},
         {"id":"3","userName":"mlee@example.org","externalId":"e-3","active":true,"displayName":"May Lee","title":"Manager","userType":"Employee",
          "name":{"givenName":"May","familyName":"Lee"},"emails":[{"value":"mlee@example.org","type":"work"},{"value":"may@other.example","type":"other"}],
          "meta":{"created":"2026-03-01T00:00:00Z","lastModified":"2026-04-01T00:00:00Z"}},
         {"id":"4","userName":"nobody","active":true,"userType":"Intern",
          "meta":{"created":"2026-04-01T00:00:00Z","lastModified":"2026-04-02T00:00:00Z"}}
        ]
        """;

    /// <summary>A case; <paramref name="Rfc"/> is set when scim2-parse-filter is known to differ, with the IDs RFC 7644 selects and why.</summary>
    public sealed record FilterCase(string Filter, (string[] Expected, string Why)? Rfc = null)
    {
        public override string ToString() => Filter;
    }

    private const string CaseInsensitive = "RFC 7643 §4.1.1: userName is caseExact false, so eq ignores case; scim2-parse-filter compares exactly";

    private static readonly FilterCase[] Cases =
    [
        new("userName eq \"bjensen@example.com\""),
        new("userName eq \"BJENSEN@EXAMPLE.COM\"", (["1"], CaseInsensitive)),
        new("externalId eq \"e-2\""),
        new("displayName eq \"May Lee\""),
        new("userName ne \"bjensen@example.com\""),
        new("userName co \"example\""),
        new("userName sw \"j\""),
        new("userName ew \".org\""),
        new("title pr"),
        new("not (title pr)"),
        new("active eq true"),
        new("active eq false"),
        new("emails.value eq \"may@other.example\""),
        new("emails.value co \"@example.com\""),
        new("emails[type eq \"work\"]"),
        new("emails[type eq \"other\"]"),
        new("emails[type eq \"work\" and value co \"example.org\"]"),
        new("emails[type eq \"home\" or type eq \"other\"]"),
        new("name.familyName eq \"Smith\""),
        new("name.givenName sw \"M\""),
        new("userType eq \"Employee\" and active eq true"),
        new("userType eq \"Intern\" or title eq \"Manager\""),
        new("userType eq \"Employee\" and (title eq \"Engineer\" or title eq \"Manager\")"),
        new("userType eq \"Employee\" and not (title eq \"Engineer\")"),
        new("meta.created gt \"2026-02-01T00:00:00Z\""),
        new("meta.created ge \"2026-02-01T00:00:00Z\""),
        new("meta.lastModified lt \"2026-03-01T00:00:00Z\""),
        new("meta.lastModified le \"2026-03-01T00:00:00Z\""),
        new("userName gt \"k\""),
        new("userName lt \"k\""),
        new("externalId pr and not (active eq false)"),
        new("displayName co \"e\" and displayName co \"J\""),
        new("(userName sw \"b\") or (userName sw \"m\")"),
        new("userName eq \"nobody\" or userName eq \"jsmith@example.com\""),
    ];

    private static IEnumerable<FilterCase> AllCases() => Cases;

    private static JsonObject? _node;

    [OneTimeSetUp]
    public void RunThroughNode()
    {
        var filters = new JsonArray();
        foreach (var c in Cases)
        {
            filters.Add(new JsonObject { ["id"] = c.Filter, ["filter"] = c.Filter, ["resources"] = JsonNode.Parse(Users) });
        }

        _node = NodeDifferential.Run(new JsonObject { ["filters"] = filters });
    }

    [Test]
    public void Cases_AreDozens() => Assert.That(Cases, Has.Length.GreaterThanOrEqualTo(30));

    [TestCaseSource(nameof(AllCases))]
    public void Filter_SameFilter_SelectsTheSameUsersAsScim2ParseFilter(FilterCase c)
    {
        var theirs = _node!["filters"]!.AsArray().Single(p => (string?)p!["id"] == c.Filter)!;
        Assert.That(theirs["error"], Is.Null, "scim2-parse-filter refused: " + theirs["error"]);
        var theirIds = theirs["selected"]!.AsArray().Select(n => (string)n!).ToArray();
        var filter = ScimFilterParser.Parse(c.Filter);
        Assert.That(filter.IsSuccess, Is.True, filter.ErrorOrNull?.ToString());
        var ours = JsonNode.Parse(Users)!.AsArray().Select(n => n!.AsObject()).Where(u => ScimFilterEvaluator.Matches(ScimResourceType.User, u, filter.Value)).Select(u => (string)u["id"]!).ToArray();

        if (c.Rfc is { } rfc)
        {
            Assert.That(theirIds, Is.Not.EqualTo(rfc.Expected), "the known difference is gone: " + rfc.Why);
            Assert.That(ours, Is.EqualTo(rfc.Expected), rfc.Why);
            return;
        }

        Assert.That(ours, Is.EqualTo(theirIds));
    }
}
