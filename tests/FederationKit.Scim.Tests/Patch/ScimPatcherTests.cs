using System.Text.Json.Nodes;
using FederationKit.Scim.Patch;

namespace FederationKit.Scim.Tests.Patch;

public class ScimPatcherTests
{
    private const string User = """
        {"userName":"bjensen","active":true,"displayName":"Babs",
         "name":{"givenName":"Barbara","familyName":"Jensen"},
         "emails":[{"value":"b@example.com","type":"work","primary":true},{"value":"b@home.example","type":"home"}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Sales"}}
        """;

    private const string Group = """{"displayName":"Sales","members":[{"value":"u1"},{"value":"u2"}]}""";

    private static Result<JsonObject> Apply(ScimResourceType type, string resource, string operations)
    {
        var body = JsonNode.Parse($$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":{{operations}}}""");
        var read = ScimPatchRequest.Read(body, 100);
        return read.IsFailure ? read.Error : ScimPatcher.Apply(type, JsonNode.Parse(resource)!.AsObject(), read.Value);
    }

    private static JsonObject Ok(ScimResourceType type, string resource, string operations)
    {
        var result = Apply(type, resource, operations);
        Assert.That(result.IsSuccess, Is.True, result.ErrorOrNull?.ToString());
        return result.Value;
    }

    [Test]
    public void Apply_ReplaceActiveWithEntraStringFalse_SetsBooleanFalse()
    {
        var user = Ok(ScimResourceType.User, User, """[{"op":"Replace","path":"active","value":"False"}]""");

        Assert.That(user["active"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public void Apply_ReplaceWithoutPath_SetsEachAttribute()
    {
        var user = Ok(ScimResourceType.User, User, """[{"op":"replace","value":{"active":false,"displayName":"B. Jensen","name.givenName":"Babs"}}]""");

        Assert.Multiple(() =>
        {
            Assert.That(user["active"]!.GetValue<bool>(), Is.False);
            Assert.That((string?)user["displayName"], Is.EqualTo("B. Jensen"));
            Assert.That((string?)user["name"]!["givenName"], Is.EqualTo("Babs"));
            Assert.That((string?)user["name"]!["familyName"], Is.EqualTo("Jensen"));
        });
    }

    [Test]
    public void Apply_ReplaceWithoutPathExtensionObject_SetsExtensionAttribute()
    {
        var user = Ok(ScimResourceType.User, User, """[{"op":"replace","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Ops"}}}]""");

        Assert.That((string?)user["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]!["department"], Is.EqualTo("Ops"));
    }

    [Test]
    public void Apply_ReplaceExtensionPath_SetsExtensionAttribute()
    {
        var user = Ok(ScimResourceType.User, User, """[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Ops"}]""");

        Assert.That((string?)user["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]!["department"], Is.EqualTo("Ops"));
    }

    [Test]
    public void Apply_ReplaceEmailsWorkValue_ChangesOnlyTheWorkEmail()
    {
        var user = Ok(ScimResourceType.User, User, """[{"op":"replace","path":"emails[type eq \"work\"].value","value":"new@example.com"}]""");

        Assert.That(user["emails"]!.AsArray().Select(e => (string?)e!["value"]), Is.EqualTo(new[] { "new@example.com", "b@home.example" }));
    }

    [Test]
    public void Apply_AddEmailsOtherValueWhenNoneMatches_CreatesTheValue()
    {
        var user = Ok(ScimResourceType.User, User, """[{"op":"add","path":"emails[type eq \"other\"].value","value":"o@example.com"}]""");

        Assert.That(user["emails"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That((string?)user["emails"]![2]!["type"], Is.EqualTo("other"));
    }

    [Test]
    public void Apply_ReplaceValueFilterWithoutSubAttributeMatchingNothing_IsNoTarget()
    {
        var result = Apply(ScimResourceType.User, User, """[{"op":"replace","path":"emails[type eq \"other\"]","value":{"value":"x@example.com"}}]""");

        Assert.That(result.ErrorOrNull?.Code, Is.EqualTo(ScimErrorCodes.NoTarget));
    }

    [Test]
    public void Apply_ReplaceNonEqualityFilterSubAttributeMatchingNothing_IsNoTarget()
    {
        var result = Apply(ScimResourceType.User, User, """[{"op":"replace","path":"emails[value co \"nothing\"].display","value":"x"}]""");

        Assert.That(result.ErrorOrNull?.Code, Is.EqualTo(ScimErrorCodes.NoTarget));
    }

    [Test]
    public void Apply_AddMembers_AppendsWithoutDuplicates()
    {
        var group = Ok(ScimResourceType.Group, Group, """[{"op":"add","path":"members","value":[{"value":"u2"},{"value":"u3"}]}]""");

        Assert.That(group["members"]!.AsArray().Select(m => (string?)m!["value"]), Is.EqualTo(new[] { "u1", "u2", "u3" }));
    }

    [Test]
    public void Apply_AddMembersWithoutPath_Appends()
    {
        var group = Ok(ScimResourceType.Group, Group, """[{"op":"add","value":{"members":[{"value":"u3"}]}}]""");

        Assert.That(group["members"]!.AsArray(), Has.Count.EqualTo(3));
    }

    [Test]
    public void Apply_RemoveMemberByValueFilter_RemovesIt()
    {
        var group = Ok(ScimResourceType.Group, Group, """[{"op":"remove","path":"members[value eq \"u1\"]"}]""");

        Assert.That(group["members"]!.AsArray().Select(m => (string?)m!["value"]), Is.EqualTo(new[] { "u2" }));
    }

    [Test]
    public void Apply_EntraRemoveMembersWithValueArray_RemovesTheListed()
    {
        var group = Ok(ScimResourceType.Group, Group, """[{"op":"Remove","path":"members","value":[{"value":"u2"}]}]""");

        Assert.That(group["members"]!.AsArray().Select(m => (string?)m!["value"]), Is.EqualTo(new[] { "u1" }));
    }

    [Test]
    public void Apply_RemoveAllMembers_RemovesTheAttribute()
    {
        var group = Ok(ScimResourceType.Group, Group, """[{"op":"remove","path":"members"}]""");

        Assert.That(group["members"], Is.Null);
    }

    [Test]
    public void Apply_RemoveMemberNotThere_IsANoOp()
    {
        var group = Ok(ScimResourceType.Group, Group, """[{"op":"remove","path":"members[value eq \"nobody\"]"}]""");

        Assert.That(group["members"]!.AsArray(), Has.Count.EqualTo(2));
    }

    [Test]
    public void Apply_ReplaceMembers_ReplacesTheList()
    {
        var group = Ok(ScimResourceType.Group, Group, """[{"op":"replace","path":"members","value":[{"value":"u9"}]}]""");

        Assert.That(group["members"]!.AsArray().Select(m => (string?)m!["value"]), Is.EqualTo(new[] { "u9" }));
    }

    [Test]
    public void Apply_AddPrimaryEmail_UnsetsTheOldPrimary()
    {
        var user = Ok(ScimResourceType.User, User, """[{"op":"add","path":"emails","value":[{"value":"n@example.com","type":"other","primary":true}]}]""");

        var primaries = user["emails"]!.AsArray().Where(e => e!["primary"]?.GetValue<bool>() == true).Select(e => (string?)e!["value"]);
        Assert.That(primaries, Is.EqualTo(new[] { "n@example.com" }));
    }

    [Test]
    public void Apply_AddTwoPrimariesAtOnce_IsInvalidValue()
    {
        var result = Apply(ScimResourceType.User, User, """[{"op":"add","path":"emails","value":[{"value":"x@e.com","primary":true},{"value":"y@e.com","primary":true}]}]""");

        Assert.That(result.ErrorOrNull?.Code, Is.EqualTo(ScimErrorCodes.InvalidValue));
    }

    [Test]
    public void Apply_RemoveSubAttribute_RemovesIt()
    {
        var user = Ok(ScimResourceType.User, User, """[{"op":"remove","path":"name.givenName"}]""");

        Assert.That(user["name"]!["givenName"], Is.Null);
        Assert.That((string?)user["name"]!["familyName"], Is.EqualTo("Jensen"));
    }

    [Test]
    public void Apply_AddComplex_MergesSubAttributes()
    {
        var user = Ok(ScimResourceType.User, User, """[{"op":"add","path":"name","value":{"middleName":"Q"}}]""");

        Assert.That((string?)user["name"]!["givenName"], Is.EqualTo("Barbara"));
        Assert.That((string?)user["name"]!["middleName"], Is.EqualTo("Q"));
    }

    [Test]
    public void Apply_OktaRenameWithIdInValue_RenamesAndIgnoresTheId()
    {
        var group = Ok(ScimResourceType.Group, Group, """[{"op":"replace","value":{"id":"abf4dd94-a4c0-4f67-89c9-76b03340cb9b","displayName":"Test SCIMv2"}}]""");

        Assert.That((string?)group["displayName"], Is.EqualTo("Test SCIMv2"));
        Assert.That(group["id"], Is.Null);
    }

    [Test]
    public void Apply_CaseInsensitiveAttributeNames_ChangeTheStoredAttribute()
    {
        var user = Ok(ScimResourceType.User, User, """[{"op":"replace","path":"DISPLAYNAME","value":"X"}]""");

        Assert.That((string?)user["displayName"], Is.EqualTo("X"));
        Assert.That(user.Count(p => string.Equals(p.Key, "displayName", StringComparison.OrdinalIgnoreCase)), Is.EqualTo(1));
    }

    private static IEnumerable<TestCaseData> Refusals()
    {
        yield return new TestCaseData(ScimResourceType.User, """[{"op":"replace","path":"id","value":"x"}]""", ScimErrorCodes.Mutability).SetName("Apply_ReplaceId_Mutability");
        yield return new TestCaseData(ScimResourceType.User, """[{"op":"add","path":"groups","value":[{"value":"g"}]}]""", ScimErrorCodes.Mutability).SetName("Apply_AddGroupsOfUser_Mutability");
        yield return new TestCaseData(ScimResourceType.User, """[{"op":"replace","path":"meta.version","value":"x"}]""", ScimErrorCodes.Mutability).SetName("Apply_ReplaceMeta_Mutability");
        yield return new TestCaseData(ScimResourceType.Group, """[{"op":"replace","path":"members[value eq \"u1\"].value","value":"u7"}]""", ScimErrorCodes.Mutability).SetName("Apply_ReplaceImmutableMemberValue_Mutability");
        yield return new TestCaseData(ScimResourceType.User, """[{"op":"replace","path":"nickname.x.y","value":"x"}]""", ScimErrorCodes.InvalidPath).SetName("Apply_MalformedPath_InvalidPath");
        yield return new TestCaseData(ScimResourceType.User, """[{"op":"replace","path":"shoeSize","value":"x"}]""", ScimErrorCodes.InvalidPath).SetName("Apply_UnknownAttribute_InvalidPath");
        yield return new TestCaseData(ScimResourceType.User, """[{"op":"replace","path":"name.shoeSize","value":"x"}]""", ScimErrorCodes.InvalidPath).SetName("Apply_UnknownSubAttribute_InvalidPath");
        yield return new TestCaseData(ScimResourceType.User, """[{"op":"replace","path":"displayName[value eq \"x\"]","value":"x"}]""", ScimErrorCodes.InvalidPath).SetName("Apply_FilterOnSingleValued_InvalidPath");
        yield return new TestCaseData(ScimResourceType.User, """[{"op":"replace","path":"emails.value","value":"x"}]""", ScimErrorCodes.InvalidPath).SetName("Apply_SubOfEveryValue_InvalidPath");
        yield return new TestCaseData(ScimResourceType.User, """[{"op":"remove"}]""", ScimErrorCodes.NoTarget).SetName("Apply_RemoveWithoutPath_NoTarget");
        yield return new TestCaseData(ScimResourceType.User, """[{"op":"replace","path":"active","value":"yes"}]""", ScimErrorCodes.InvalidValue).SetName("Apply_BadBoolean_InvalidValue");
        yield return new TestCaseData(ScimResourceType.User, """[{"op":"replace","path":"displayName","value":{"a":1}}]""", ScimErrorCodes.InvalidValue).SetName("Apply_ObjectForString_InvalidValue");
        yield return new TestCaseData(ScimResourceType.User, """[{"op":"replace","path":"displayName"}]""", ScimErrorCodes.InvalidValue).SetName("Apply_ReplaceWithoutValue_InvalidValue");
        yield return new TestCaseData(ScimResourceType.User, """[{"op":"replace","value":"x"}]""", ScimErrorCodes.InvalidValue).SetName("Apply_ReplaceWithoutPathNotObject_InvalidValue");
        yield return new TestCaseData(ScimResourceType.User, """[{"op":"remove","path":"userName"}]""", ScimErrorCodes.InvalidValue).SetName("Apply_RemoveRequired_InvalidValue");
        yield return new TestCaseData(ScimResourceType.User, """[{"op":"move","path":"userName"}]""", ScimErrorCodes.InvalidSyntax).SetName("Apply_UnknownOp_InvalidSyntax");
        yield return new TestCaseData(ScimResourceType.User, """[]""", ScimErrorCodes.InvalidSyntax).SetName("Apply_NoOperations_InvalidSyntax");
        yield return new TestCaseData(ScimResourceType.User, """[{"op":"replace","path":"emails[type eq ]","value":"x"}]""", ScimErrorCodes.InvalidPath).SetName("Apply_BadValueFilter_InvalidPath");
    }

    [TestCaseSource(nameof(Refusals))]
    public void Apply_BadOperation_IsRefused(ScimResourceType type, string operations, string code)
    {
        var result = Apply(type, type == ScimResourceType.User ? User : Group, operations);

        Assert.That(result.ErrorOrNull?.Code, Is.EqualTo(code), result.IsSuccess ? result.Value.ToJsonString() : result.Error.Message);
    }

    [Test]
    public void Read_NoPatchOpSchema_IsInvalidSyntax()
    {
        var result = ScimPatchRequest.Read(JsonNode.Parse("""{"Operations":[{"op":"remove","path":"title"}]}"""), 10);

        Assert.That(result.ErrorOrNull?.Code, Is.EqualTo(ScimErrorCodes.InvalidSyntax));
    }
}
