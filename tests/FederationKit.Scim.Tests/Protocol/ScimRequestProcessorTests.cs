using System.Text.Json.Nodes;

namespace FederationKit.Scim.Tests.Protocol;

public class ScimRequestProcessorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Test]
    public async Task CreateAsync_ValidUser_Returns201WithLocationETagAndMeta()
    {
        var kit = new ScimKit();

        var response = await kit.Processor.CreateAsync(kit.Context, ScimResourceType.User, ScimKit.Bytes(ScimKit.User("bjensen@example.com", "ext-1", "bjensen@example.com")), None);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(201));
            Assert.That(response.ETag, Is.EqualTo("W/\"1\""));
            Assert.That(response.Location, Is.EqualTo("https://app.example/scim/v2/d1/Users/000001"));
            Assert.That((string?)response.Body!["id"], Is.EqualTo("000001"));
            Assert.That((string?)response.Body!["meta"]!["resourceType"], Is.EqualTo("User"));
            Assert.That((string?)response.Body!["meta"]!["version"], Is.EqualTo("W/\"1\""));
            Assert.That((string?)response.Body!["meta"]!["location"], Is.EqualTo(response.Location));
            Assert.That(response.Body!["schemas"]![0]!.GetValue<string>(), Is.EqualTo(ScimDefaults.UserSchema));
        });
    }

    [Test]
    public async Task CreateAsync_EntraStringBoolean_StoresBoolean()
    {
        var kit = new ScimKit();
        var user = ScimKit.User("a@example.com");
        user["active"] = "False";

        var response = await kit.Processor.CreateAsync(kit.Context, ScimResourceType.User, ScimKit.Bytes(user), None);

        Assert.That(response.Body!["active"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task CreateAsync_ReadOnlyIdAndGroups_AreIgnored()
    {
        var kit = new ScimKit();
        var user = ScimKit.User("a@example.com");
        user["id"] = "chosen-by-client";
        user["groups"] = new JsonArray(new JsonObject { ["value"] = "g1" });

        var response = await kit.Processor.CreateAsync(kit.Context, ScimResourceType.User, ScimKit.Bytes(user), None);

        Assert.That((string?)response.Body!["id"], Is.EqualTo("000001"));
        Assert.That(response.Body!["groups"], Is.Null);
    }

    private static IEnumerable<TestCaseData> BadCreates()
    {
        yield return new TestCaseData("not json", 400, ScimErrorCodes.InvalidSyntax, "invalidSyntax").SetName("CreateAsync_NotJson_InvalidSyntax");
        yield return new TestCaseData("[1]", 400, ScimErrorCodes.InvalidSyntax, "invalidSyntax").SetName("CreateAsync_Array_InvalidSyntax");
        yield return new TestCaseData("{\"userName\":\"a\"}", 400, ScimErrorCodes.InvalidSyntax, "invalidSyntax").SetName("CreateAsync_NoSchemas_InvalidSyntax");
        yield return new TestCaseData("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}", 400, ScimErrorCodes.InvalidValue, "invalidValue").SetName("CreateAsync_NoUserName_InvalidValue");
        yield return new TestCaseData("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a\",\"active\":\"maybe\"}", 400, ScimErrorCodes.InvalidValue, "invalidValue").SetName("CreateAsync_BadBoolean_InvalidValue");
        yield return new TestCaseData("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":7}", 400, ScimErrorCodes.InvalidValue, "invalidValue").SetName("CreateAsync_NumberUserName_InvalidValue");
        yield return new TestCaseData("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a\",\"emails\":{\"value\":\"a@b\"}}", 400, ScimErrorCodes.InvalidValue, "invalidValue").SetName("CreateAsync_EmailsNotArray_InvalidValue");
        yield return new TestCaseData("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a\",\"emails\":[{\"value\":\"a@b\",\"primary\":true},{\"value\":\"c@d\",\"primary\":true}]}", 400, ScimErrorCodes.InvalidValue, "invalidValue").SetName("CreateAsync_TwoPrimaries_InvalidValue");
        yield return new TestCaseData(new string('[', 100) + new string(']', 100), 400, ScimErrorCodes.InvalidSyntax, "invalidSyntax").SetName("CreateAsync_DeepJson_InvalidSyntax");
    }

    [TestCaseSource(nameof(BadCreates))]
    public async Task CreateAsync_BadBody_IsRefused(string body, int status, string code, string scimType)
    {
        var kit = new ScimKit();

        var response = await kit.Processor.CreateAsync(kit.Context, ScimResourceType.User, ScimKit.Bytes(body), None);

        ScimKit.AssertError(response, status, code, scimType);
    }

    [Test]
    public async Task CreateAsync_DuplicateUserName_Is409Uniqueness()
    {
        var kit = new ScimKit();
        await kit.CreateUserAsync(ScimKit.User("a@example.com"));

        var response = await kit.Processor.CreateAsync(kit.Context, ScimResourceType.User, ScimKit.Bytes(ScimKit.User("A@EXAMPLE.COM")), None);

        ScimKit.AssertError(response, 409, ScimErrorCodes.Uniqueness, "uniqueness");
    }

    [Test]
    public async Task GetAsync_Unknown_Is404()
    {
        var kit = new ScimKit();

        var response = await kit.Processor.GetAsync(kit.Context, ScimResourceType.User, "nope", new ScimListParameters(), None);

        ScimKit.AssertError(response, 404, ScimErrorCodes.NotFound, null);
    }

    [Test]
    public async Task ListAsync_FilterAndPaging_ReturnsListResponse()
    {
        var kit = new ScimKit();
        for (var i = 0; i < 5; i++)
        {
            await kit.CreateUserAsync(ScimKit.User($"user{i}@example.com", $"ext-{i}"));
        }

        var response = await kit.Processor.ListAsync(kit.Context, ScimResourceType.User, new ScimListParameters("userName sw \"user\"", "2", "2"), None);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(response.Body!["schemas"]![0]!.GetValue<string>(), Is.EqualTo(ScimDefaults.ListResponseUrn));
            Assert.That((int)response.Body!["totalResults"]!, Is.EqualTo(5));
            Assert.That((int)response.Body!["startIndex"]!, Is.EqualTo(2));
            Assert.That((int)response.Body!["itemsPerPage"]!, Is.EqualTo(2));
            Assert.That(response.Body!["Resources"]!.AsArray().Select(r => (string?)r!["userName"]), Is.EqualTo(new[] { "user1@example.com", "user2@example.com" }));
        });
    }

    [TestCase(ScimResourceType.User, "active gt true", TestName = "ListAsync_GtOnABoolean_IsInvalidFilter")]
    [TestCase(ScimResourceType.User, "not (active lt false)", TestName = "ListAsync_LtOnABooleanUnderNot_IsInvalidFilter")]
    [TestCase(ScimResourceType.User, "userName pr and name ge \"a\"", TestName = "ListAsync_GeOnAComplexAttribute_IsInvalidFilter")]
    [TestCase(ScimResourceType.User, "emails[primary le true]", TestName = "ListAsync_LeOnABooleanSubAttribute_IsInvalidFilter")]
    public async Task ListAsync_OrderingOnBooleanOrComplex_IsInvalidFilter(ScimResourceType type, string filter)
    {
        var kit = new ScimKit();
        await kit.CreateUserAsync(ScimKit.User("a@example.com"));

        var response = await kit.Processor.ListAsync(kit.Context, type, new ScimListParameters(filter), None);

        Assert.That(response.StatusCode, Is.EqualTo(400));
        Assert.That((string?)response.Body!["scimType"], Is.EqualTo("invalidFilter"));
        Assert.That((string?)response.Body!["detail"], Does.EndWith($"({ScimErrorCodes.InvalidFilter})"));
    }

    [TestCase("userName gt \"a\"")]
    [TestCase("meta.lastModified ge \"2026-01-01T00:00:00Z\"")]
    [TestCase("emails.value lt \"z\"")]
    public async Task ListAsync_OrderingOnStringsAndDates_IsAccepted(string filter)
    {
        var kit = new ScimKit();
        await kit.CreateUserAsync(ScimKit.User("a@example.com"));

        var response = await kit.Processor.ListAsync(kit.Context, ScimResourceType.User, new ScimListParameters(filter), None);

        Assert.That(response.StatusCode, Is.EqualTo(200), response.Body?.ToJsonString());
    }

    [Test]
    public async Task ListAsync_CountZero_ReturnsTotalsOnly()
    {
        var kit = new ScimKit();
        await kit.CreateUserAsync(ScimKit.User("a@example.com"));

        var response = await kit.Processor.ListAsync(kit.Context, ScimResourceType.User, new ScimListParameters(Count: "0"), None);

        Assert.That((int)response.Body!["totalResults"]!, Is.EqualTo(1));
        Assert.That(response.Body!["Resources"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task ListAsync_CountAboveMaximum_IsClamped()
    {
        var kit = new ScimKit(new ScimProcessorOptions { MaxResults = 3 });
        for (var i = 0; i < 5; i++)
        {
            await kit.CreateUserAsync(ScimKit.User($"u{i}@example.com"));
        }

        var response = await kit.Processor.ListAsync(kit.Context, ScimResourceType.User, new ScimListParameters(Count: "1000"), None);

        Assert.That((int)response.Body!["itemsPerPage"]!, Is.EqualTo(3));
        Assert.That((int)response.Body!["totalResults"]!, Is.EqualTo(5));
    }

    [Test]
    public async Task ListAsync_NegativeCountAndZeroStart_AreReadAsZeroAndOne()
    {
        var kit = new ScimKit();
        await kit.CreateUserAsync(ScimKit.User("a@example.com"));

        var response = await kit.Processor.ListAsync(kit.Context, ScimResourceType.User, new ScimListParameters(StartIndex: "0", Count: "-5"), None);

        Assert.That((int)response.Body!["startIndex"]!, Is.EqualTo(1));
        Assert.That((int)response.Body!["itemsPerPage"]!, Is.EqualTo(0));
    }

    [TestCase("abc", null)]
    [TestCase(null, "x")]
    public async Task ListAsync_NonIntegerPaging_IsInvalidQuery(string? startIndex, string? count)
    {
        var kit = new ScimKit();

        var response = await kit.Processor.ListAsync(kit.Context, ScimResourceType.User, new ScimListParameters(StartIndex: startIndex, Count: count), None);

        ScimKit.AssertError(response, 400, ScimErrorCodes.InvalidQuery, "invalidValue");
    }

    [Test]
    public async Task ListAsync_BadFilter_IsInvalidFilter()
    {
        var kit = new ScimKit();

        var response = await kit.Processor.ListAsync(kit.Context, ScimResourceType.User, new ScimListParameters("userName eq"), None);

        ScimKit.AssertError(response, 400, ScimErrorCodes.InvalidFilter, "invalidFilter");
    }

    [Test]
    public async Task ListAsync_ExcludedMembers_LeavesMembersOut()
    {
        var kit = new ScimKit();
        await kit.CreateGroupAsync(ScimKit.Group("Sales", "u1"));

        var response = await kit.Processor.ListAsync(kit.Context, ScimResourceType.Group, new ScimListParameters("displayName eq \"Sales\"", ExcludedAttributes: "members"), None);

        var group = response.Body!["Resources"]![0]!;
        Assert.That(group["members"], Is.Null);
        Assert.That((string?)group["displayName"], Is.EqualTo("Sales"));
    }

    [Test]
    public async Task ReplaceAsync_OktaFullReplace_DropsAttributesNotSent()
    {
        var kit = new ScimKit();
        var id = await kit.CreateUserAsync(ScimKit.User("a@example.com", "ext", "a@example.com"));
        var replacement = ScimKit.User("a@example.com", "ext");
        replacement["active"] = false;

        var response = await kit.Processor.ReplaceAsync(kit.Context, ScimResourceType.User, id, ScimKit.Bytes(replacement), null, None);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(response.Body!["emails"], Is.Null);
            Assert.That(response.Body!["active"]!.GetValue<bool>(), Is.False);
            Assert.That(response.ETag, Is.EqualTo("W/\"2\""));
        });
    }

    [Test]
    public async Task ReplaceAsync_StaleIfMatch_Is412()
    {
        var kit = new ScimKit();
        var id = await kit.CreateUserAsync(ScimKit.User("a@example.com"));
        await kit.Processor.ReplaceAsync(kit.Context, ScimResourceType.User, id, ScimKit.Bytes(ScimKit.User("a@example.com")), null, None);

        var response = await kit.Processor.ReplaceAsync(kit.Context, ScimResourceType.User, id, ScimKit.Bytes(ScimKit.User("b@example.com")), "W/\"1\"", None);

        ScimKit.AssertError(response, 412, ScimErrorCodes.PreconditionFailed, null);
    }

    [Test]
    public async Task ReplaceAsync_CurrentIfMatch_Succeeds()
    {
        var kit = new ScimKit();
        var id = await kit.CreateUserAsync(ScimKit.User("a@example.com"));

        var response = await kit.Processor.ReplaceAsync(kit.Context, ScimResourceType.User, id, ScimKit.Bytes(ScimKit.User("b@example.com")), "W/\"1\"", None);

        Assert.That(response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task DeleteAsync_Existing_Is204ThenGetIs404()
    {
        var kit = new ScimKit();
        var id = await kit.CreateUserAsync(ScimKit.User("a@example.com"));

        var deleted = await kit.Processor.DeleteAsync(kit.Context, ScimResourceType.User, id, null, None);
        var read = await kit.Processor.GetAsync(kit.Context, ScimResourceType.User, id, new ScimListParameters(), None);

        Assert.That(deleted.StatusCode, Is.EqualTo(204));
        Assert.That(deleted.Body, Is.Null);
        ScimKit.AssertError(read, 404, ScimErrorCodes.NotFound, null);
    }

    [Test]
    public async Task DeleteAsync_StaleIfMatch_Is412AndKeepsTheUser()
    {
        var kit = new ScimKit();
        var id = await kit.CreateUserAsync(ScimKit.User("a@example.com"));

        var deleted = await kit.Processor.DeleteAsync(kit.Context, ScimResourceType.User, id, "W/\"9\"", None);

        ScimKit.AssertError(deleted, 412, ScimErrorCodes.PreconditionFailed, null);
        Assert.That((await kit.Processor.GetAsync(kit.Context, ScimResourceType.User, id, new ScimListParameters(), None)).StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task DeleteAsync_Unknown_Is404()
    {
        var kit = new ScimKit();

        ScimKit.AssertError(await kit.Processor.DeleteAsync(kit.Context, ScimResourceType.Group, "x", null, None), 404, ScimErrorCodes.NotFound, null);
    }

    [Test]
    public async Task PatchAsync_TwoRacingWithSameIfMatch_ExactlyOneWins()
    {
        var kit = new ScimKit();
        var id = await kit.CreateGroupAsync(ScimKit.Group("Sales"));
        var first = ScimKit.Bytes(ScimKit.Patch(ScimKit.Op("add", "members", new JsonArray(new JsonObject { ["value"] = "u1" }))));
        var second = ScimKit.Bytes(ScimKit.Patch(ScimKit.Op("add", "members", new JsonArray(new JsonObject { ["value"] = "u2" }))));
        Task<ScimResponse>? racer = null;
        kit.Repository.BeforeReplace = () => { racer = kit.Processor.PatchAsync(kit.Context, ScimResourceType.Group, id, second, "W/\"1\"", None); return Task.CompletedTask; };

        var winner = await kit.Processor.PatchAsync(kit.Context, ScimResourceType.Group, id, first, "W/\"1\"", None);
        var loser = await racer!;

        var statuses = new[] { winner.StatusCode, loser.StatusCode }.Order().ToArray();
        Assert.That(statuses, Is.EqualTo(new[] { 200, 412 }));
        var group = (await kit.Processor.GetAsync(kit.Context, ScimResourceType.Group, id, new ScimListParameters(), None)).Body!;
        Assert.That(group["members"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task PatchAsync_TwoConcurrentMemberAddsWithoutIfMatch_NoMemberLost()
    {
        var kit = new ScimKit();
        var id = await kit.CreateGroupAsync(ScimKit.Group("Sales"));
        var first = ScimKit.Bytes(ScimKit.Patch(ScimKit.Op("add", "members", new JsonArray(new JsonObject { ["value"] = "u1" }))));
        var second = ScimKit.Bytes(ScimKit.Patch(ScimKit.Op("add", "members", new JsonArray(new JsonObject { ["value"] = "u2" }))));
        Task<ScimResponse>? racer = null;
        kit.Repository.BeforeReplace = () => { racer = kit.Processor.PatchAsync(kit.Context, ScimResourceType.Group, id, second, null, None); return Task.CompletedTask; };

        var a = await kit.Processor.PatchAsync(kit.Context, ScimResourceType.Group, id, first, null, None);
        var b = await racer!;

        Assert.That(a.StatusCode, Is.EqualTo(200));
        Assert.That(b.StatusCode, Is.EqualTo(200));
        var group = (await kit.Processor.GetAsync(kit.Context, ScimResourceType.Group, id, new ScimListParameters(), None)).Body!;
        Assert.That(group["members"]!.AsArray().Select(m => (string?)m!["value"]).Order(), Is.EqualTo(new[] { "u1", "u2" }));
    }

    [Test]
    public async Task PatchAsync_ConcurrentChangeWithOneAttempt_Is409ConflictNotALostWrite()
    {
        var kit = new ScimKit(new ScimProcessorOptions { PatchAttempts = 1 });
        var id = await kit.CreateGroupAsync(ScimKit.Group("Sales"));
        var first = ScimKit.Bytes(ScimKit.Patch(ScimKit.Op("add", "members", new JsonArray(new JsonObject { ["value"] = "u1" }))));
        var second = ScimKit.Bytes(ScimKit.Patch(ScimKit.Op("add", "members", new JsonArray(new JsonObject { ["value"] = "u2" }))));
        Task<ScimResponse>? racer = null;
        kit.Repository.BeforeReplace = () => { racer = kit.Processor.PatchAsync(kit.Context, ScimResourceType.Group, id, second, null, None); return Task.CompletedTask; };

        var a = await kit.Processor.PatchAsync(kit.Context, ScimResourceType.Group, id, first, null, None);
        await racer!;

        ScimKit.AssertError(a, 409, ScimErrorCodes.Conflict, null);
    }

    [Test]
    public async Task PatchAsync_ManyParallelMemberAdds_NoMemberLost()
    {
        var kit = new ScimKit(new ScimProcessorOptions { PatchAttempts = 50 });
        var id = await kit.CreateGroupAsync(ScimKit.Group("Sales"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => kit.Processor.PatchAsync(kit.Context, ScimResourceType.Group, id,
            ScimKit.Bytes(ScimKit.Patch(ScimKit.Op("add", "members", new JsonArray(new JsonObject { ["value"] = $"u{i:D2}" })))), null, None))));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(200));
        var group = (await kit.Processor.GetAsync(kit.Context, ScimResourceType.Group, id, new ScimListParameters(), None)).Body!;
        Assert.That(group["members"]!.AsArray(), Has.Count.EqualTo(20));
    }

    [Test]
    public async Task PatchAsync_StaleIfMatch_Is412()
    {
        var kit = new ScimKit();
        var id = await kit.CreateUserAsync(ScimKit.User("a@example.com"));

        var response = await kit.Processor.PatchAsync(kit.Context, ScimResourceType.User, id, ScimKit.Bytes(ScimKit.Patch(ScimKit.Op("replace", "active", false))), "W/\"7\"", None);

        ScimKit.AssertError(response, 412, ScimErrorCodes.PreconditionFailed, null);
    }

    [Test]
    public async Task PatchAsync_UnknownResource_Is404()
    {
        var kit = new ScimKit();

        var response = await kit.Processor.PatchAsync(kit.Context, ScimResourceType.User, "nope", ScimKit.Bytes(ScimKit.Patch(ScimKit.Op("replace", "active", false))), null, None);

        ScimKit.AssertError(response, 404, ScimErrorCodes.NotFound, null);
    }

    [Test]
    public async Task PatchAsync_TooManyOperations_IsInvalidSyntax()
    {
        var kit = new ScimKit(new ScimProcessorOptions { MaxPatchOperations = 2 });
        var id = await kit.CreateUserAsync(ScimKit.User("a@example.com"));
        var patch = ScimKit.Patch(ScimKit.Op("replace", "active", false), ScimKit.Op("replace", "active", true), ScimKit.Op("replace", "active", false));

        ScimKit.AssertError(await kit.Processor.PatchAsync(kit.Context, ScimResourceType.User, id, ScimKit.Bytes(patch), null, None), 400, ScimErrorCodes.InvalidSyntax, "invalidSyntax");
    }

    [Test]
    public void Discovery_ServiceProviderConfig_SaysWhatIsSupported()
    {
        var kit = new ScimKit();

        var body = kit.Processor.ServiceProviderConfig(kit.Context).Body!;

        Assert.Multiple(() =>
        {
            Assert.That(body["patch"]!["supported"]!.GetValue<bool>(), Is.True);
            Assert.That(body["bulk"]!["supported"]!.GetValue<bool>(), Is.False);
            Assert.That(body["filter"]!["supported"]!.GetValue<bool>(), Is.True);
            Assert.That((int)body["filter"]!["maxResults"]!, Is.EqualTo(ScimDefaults.MaxResults));
            Assert.That(body["sort"]!["supported"]!.GetValue<bool>(), Is.False);
            Assert.That(body["etag"]!["supported"]!.GetValue<bool>(), Is.True);
            Assert.That(body["changePassword"]!["supported"]!.GetValue<bool>(), Is.False);
            Assert.That((string?)body["authenticationSchemes"]![0]!["type"], Is.EqualTo("oauthbearertoken"));
        });
    }

    [Test]
    public void Discovery_ResourceTypesAndSchemas_ListUserGroupAndEnterprise()
    {
        var kit = new ScimKit();

        var types = ScimRequestProcessor.ResourceTypes(kit.Context, null).Body!;
        var schemas = ScimRequestProcessor.Schemas(kit.Context, null).Body!;
        var user = ScimRequestProcessor.Schemas(kit.Context, ScimDefaults.UserSchema).Body!;

        Assert.That(types["Resources"]!.AsArray().Select(t => (string?)t!["endpoint"]), Is.EqualTo(new[] { "/Users", "/Groups" }));
        Assert.That(schemas["Resources"]!.AsArray().Select(t => (string?)t!["id"]), Is.EqualTo(new[] { ScimDefaults.UserSchema, ScimDefaults.EnterpriseUserSchema, ScimDefaults.GroupSchema }));
        Assert.That(user["attributes"]!.AsArray().Select(a => (string?)a!["name"]), Does.Contain("userName").And.Contain("emails").And.Contain("active"));
        ScimKit.AssertError(ScimRequestProcessor.Schemas(kit.Context, "urn:nope"), 404, ScimErrorCodes.NotFound, null);
    }
}
