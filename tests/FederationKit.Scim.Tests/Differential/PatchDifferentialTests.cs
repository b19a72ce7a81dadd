using System.Text.Json.Nodes;
using FederationKit.Scim.Patch;

namespace FederationKit.Scim.Tests.Differential;

/// <summary>The same PATCH operations applied by npm scim-patch 0.8.3 and by us to the same resources give the same result; where scim-patch departs from RFC 7644, the case says how and we assert the RFC.</summary>
public class PatchDifferentialTests
{
    private const string User = """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "userName":"bjensen@example.com","externalId":"e-1","active":true,"displayName":"Babs Jensen","title":"Engineer",
         "name":{"givenName":"Barbara","familyName":"Jensen"},
         "emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@home.example","type":"home"}],
         "phoneNumbers":[{"value":"555-0100","type":"work"}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales","employeeNumber":"42"}}
        """;

    private const string Group = """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Sales","externalId":"g-1",
         "members":[{"value":"u1","display":"One"},{"value":"u2","display":"Two"}]}
        """;

    /// <summary>A case; <paramref name="Rfc"/> is set when scim-patch is known to differ, with what RFC 7644 gives and why.</summary>
    public sealed record PatchCase(string Name, ScimResourceType Type, string Operations, (string Expected, string Why)? Rfc = null)
    {
        public override string ToString() => Name;
    }

    private static readonly PatchCase[] Cases =
    [
        new("replace active false", ScimResourceType.User, """[{"op":"replace","path":"active","value":false}]"""),
        new("Entra Replace active \"False\"", ScimResourceType.User, """[{"op":"Replace","path":"active","value":"False"}]""",
            ("""{"active":false}""", "RFC 7643 §2.3.2: active is a boolean; scim-patch stores the string \"False\" (truthy), we store false as Entra ID means")),
        new("replace displayName", ScimResourceType.User, """[{"op":"replace","path":"displayName","value":"B. Jensen"}]"""),
        new("add title", ScimResourceType.User, """[{"op":"add","path":"title","value":"Manager"}]"""),
        new("add nickName (new attribute)", ScimResourceType.User, """[{"op":"add","path":"nickName","value":"Babs"}]"""),
        new("remove title", ScimResourceType.User, """[{"op":"remove","path":"title"}]"""),
        new("replace name.givenName", ScimResourceType.User, """[{"op":"replace","path":"name.givenName","value":"Barb"}]"""),
        new("add name.middleName", ScimResourceType.User, """[{"op":"add","path":"name.middleName","value":"Q"}]"""),
        new("remove name.familyName", ScimResourceType.User, """[{"op":"remove","path":"name.familyName"}]"""),
        new("replace without path, several attributes", ScimResourceType.User, """[{"op":"replace","value":{"displayName":"X","title":"Y","active":false}}]"""),
        new("Entra replace without path, dotted key", ScimResourceType.User, """[{"op":"replace","value":{"name.givenName":"Barb"}}]"""),
        new("add without path, new attribute", ScimResourceType.User, """[{"op":"add","value":{"nickName":"B"}}]"""),
        new("replace emails[type eq work].value", ScimResourceType.User, """[{"op":"replace","path":"emails[type eq \"work\"].value","value":"new@example.com"}]"""),
        new("replace emails[type eq home] object", ScimResourceType.User, """[{"op":"replace","path":"emails[type eq \"home\"]","value":{"value":"h@home.example","type":"home"}}]"""),
        new("remove emails[type eq home]", ScimResourceType.User, """[{"op":"remove","path":"emails[type eq \"home\"]"}]"""),
        new("remove emails[type eq home].value... of a filter with and", ScimResourceType.User, """[{"op":"remove","path":"emails[type eq \"home\" and value co \"home\"]"}]"""),
        new("add emails value", ScimResourceType.User, """[{"op":"add","path":"emails","value":[{"value":"other@example.com","type":"other"}]}]"""),
        new("replace emails array", ScimResourceType.User, """[{"op":"replace","path":"emails","value":[{"value":"only@example.com","type":"work","primary":true}]}]"""),
        new("remove emails", ScimResourceType.User, """[{"op":"remove","path":"emails"}]"""),
        new("replace phoneNumbers[type eq work].value", ScimResourceType.User, """[{"op":"replace","path":"phoneNumbers[type eq \"work\"].value","value":"555-0199"}]"""),
        new("replace enterprise department by URN path", ScimResourceType.User, """[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Ops"}]"""),
        new("add enterprise costCenter by URN path", ScimResourceType.User, """[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter","value":"C7"}]"""),
        new("remove enterprise employeeNumber by URN path", ScimResourceType.User, """[{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"}]"""),
        new("replace externalId", ScimResourceType.User, """[{"op":"replace","path":"externalId","value":"e-2"}]"""),
        new("Okta replace active and displayName without path", ScimResourceType.User, """[{"op":"replace","value":{"active":false}}]"""),
        new("two operations in order", ScimResourceType.User, """[{"op":"replace","path":"title","value":"A"},{"op":"replace","path":"title","value":"B"}]"""),
        new("add members", ScimResourceType.Group, """[{"op":"add","path":"members","value":[{"value":"u3"}]}]"""),
        new("add member already there", ScimResourceType.Group, """[{"op":"add","path":"members","value":[{"value":"u2","display":"Two"}]}]"""),
        new("Entra add two members", ScimResourceType.Group, """[{"op":"Add","path":"members","value":[{"value":"u3"},{"value":"u4"}]}]"""),
        new("remove member by filter", ScimResourceType.Group, """[{"op":"remove","path":"members[value eq \"u1\"]"}]"""),
        new("Entra remove member with value array", ScimResourceType.Group, """[{"op":"Remove","path":"members","value":[{"value":"u2"}]}]""",
            ("""{"members":[{"value":"u1","display":"One"}]}""", "Entra ID names the members to remove by value only; scim-patch removes only deep-equal objects (display included) and removes nothing, we remove member u2")),
        new("remove all members", ScimResourceType.Group, """[{"op":"remove","path":"members"}]"""),
        new("replace members", ScimResourceType.Group, """[{"op":"replace","path":"members","value":[{"value":"u9"}]}]"""),
        new("replace group displayName", ScimResourceType.Group, """[{"op":"replace","path":"displayName","value":"Sales EMEA"}]"""),
        new("Entra replace group displayName without path", ScimResourceType.Group, """[{"op":"Replace","value":{"displayName":"Sales EMEA"}}]"""),
        new("add members without path", ScimResourceType.Group, """[{"op":"add","value":{"members":[{"value":"u5"}]}}]"""),
        new("upper-case attribute name", ScimResourceType.Group, """[{"op":"replace","path":"DisplayName","value":"S"}]""",
            ("""{"displayName":"S"}""", "RFC 7643 §2.1: attribute names are case-insensitive; scim-patch adds a second key \"DisplayName\", we change displayName")),
    ];

    private static IEnumerable<PatchCase> AllCases() => Cases;

    private static JsonObject? _node;

    [OneTimeSetUp]
    public void RunThroughNode()
    {
        var patches = new JsonArray();
        foreach (var c in Cases)
        {
            patches.Add(new JsonObject { ["id"] = c.Name, ["resource"] = Resource(c.Type), ["operations"] = JsonNode.Parse(c.Operations) });
        }

        _node = NodeDifferential.Run(new JsonObject { ["patches"] = patches });
    }

    [Test]
    public void Cases_AreDozens() => Assert.That(Cases, Has.Length.GreaterThanOrEqualTo(36));

    [TestCaseSource(nameof(AllCases))]
    public void Patch_SameOperations_SameResultAsScimPatch(PatchCase c)
    {
        var theirs = _node!["patches"]!.AsArray().Single(p => (string?)p!["id"] == c.Name)!;
        var body = JsonNode.Parse($$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":{{c.Operations}}}""");
        var operations = ScimPatchRequest.Read(body, 100);
        Assert.That(operations.IsSuccess, Is.True, operations.ErrorOrNull?.ToString());
        var ours = ScimPatcher.Apply(c.Type, Resource(c.Type), operations.Value);
        Assert.That(ours.IsSuccess, Is.True, ours.ErrorOrNull?.ToString());
        Assert.That(theirs["error"], Is.Null, "scim-patch refused: " + theirs["error"]);

        if (c.Rfc is { } rfc)
        {
            Assert.That(NodeDifferential.Canonical(ours.Value), Is.Not.EqualTo(NodeDifferential.Canonical(theirs["result"])), "the known difference is gone: " + rfc.Why);
            foreach (var (key, value) in JsonNode.Parse(rfc.Expected)!.AsObject())
            {
                Assert.That(NodeDifferential.Canonical(ours.Value[key]), Is.EqualTo(NodeDifferential.Canonical(value)), rfc.Why);
            }

            return;
        }

        Assert.That(NodeDifferential.Canonical(ours.Value), Is.EqualTo(NodeDifferential.Canonical(theirs["result"])));
    }

    private static JsonObject Resource(ScimResourceType type) => JsonNode.Parse(type == ScimResourceType.User ? User : Group)!.AsObject();
}
