using System.Net;
using System.Text.Json.Nodes;

namespace FederationKit.AspNetCore.Tests.Scim;

/// <summary>The provisioning sequences Entra ID and Okta document, replayed against the real endpoint over the directory sync domain service.</summary>
public sealed class ScimProvisioningSequenceTests
{
    private static string Filter(string filter) => Uri.EscapeDataString(filter);

    [Test]
    public async Task EntraId_CreateFindPatchGroupMembersDeactivateDelete_Succeeds()
    {
        await using var host = await ScimDomainHost.StartAsync();
        var client = host.Client();

        // 1. Entra ID looks the user up before creating it.
        var lookup = await client.GetAsync(host.Url("/Users?filter=" + Filter("userName eq \"carol@acme.com\"")));
        Assert.That(lookup.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((int)(await ScimDomainHost.BodyAsync(lookup))["totalResults"]!, Is.EqualTo(0));

        // 2. Create, with the enterprise extension schema, roles and meta Entra ID sends.
        var created = await client.PostAsync(host.Url("/Users"), ScimDomainHost.Json("""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"carol@acme.com","active":true,
             "emails":[{"primary":true,"type":"work","value":"carol@acme.com"}],
             "meta":{"resourceType":"User"},"name":{"formatted":"Carol King","familyName":"King","givenName":"Carol"},"roles":[]}
            """));
        var user = await ScimDomainHost.BodyAsync(created);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), user.ToJsonString());
        var userId = (string)user["id"]!;
        Assert.That((string?)user["externalId"], Is.EqualTo("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"));

        // 3. Found by userName and by externalId.
        var byName = await ScimDomainHost.BodyAsync(await client.GetAsync(host.Url("/Users?filter=" + Filter("userName eq \"carol@acme.com\""))));
        var byExternal = await ScimDomainHost.BodyAsync(await client.GetAsync(host.Url("/Users?filter=" + Filter("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\""))));
        Assert.That((string?)byName["Resources"]![0]!["id"], Is.EqualTo(userId));
        Assert.That((string?)byExternal["Resources"]![0]!["id"], Is.EqualTo(userId));

        // 4. Attribute updates as Entra ID sends them.
        var renamed = await client.PatchAsync(host.Url($"/Users/{userId}"), ScimDomainHost.Json("""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
             {"op":"Replace","path":"name.familyName","value":"King-Goffin"},
             {"op":"Add","path":"displayName","value":"Carol King-Goffin"}]}
            """));
        var renamedBody = await ScimDomainHost.BodyAsync(renamed);
        Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK), renamedBody.ToJsonString());
        Assert.That((string?)renamedBody["name"]!["familyName"], Is.EqualTo("King-Goffin"));

        // 5. A group, found by displayName without its members, then members added and removed.
        var group = await client.PostAsync(host.Url("/Groups"), ScimDomainHost.Json("""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"Engineering","meta":{"resourceType":"Group"}}
            """));
        var groupBody = await ScimDomainHost.BodyAsync(group);
        Assert.That(group.StatusCode, Is.EqualTo(HttpStatusCode.Created), groupBody.ToJsonString());
        var groupId = (string)groupBody["id"]!;
        var found = await ScimDomainHost.BodyAsync(await client.GetAsync(host.Url("/Groups?excludedAttributes=members&filter=" + Filter("displayName eq \"Engineering\""))));
        Assert.That((string?)found["Resources"]![0]!["id"], Is.EqualTo(groupId));

        var added = await client.PatchAsync(host.Url($"/Groups/{groupId}"), ScimDomainHost.Json($$$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[{"value":"{{{userId}}}"}]}]}
            """));
        var addedBody = await ScimDomainHost.BodyAsync(added);
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.OK), addedBody.ToJsonString());
        Assert.That(addedBody["members"]!.AsArray().Select(m => (string?)m!["value"]), Is.EqualTo(new[] { userId }));
        var byMember = await ScimDomainHost.BodyAsync(await client.GetAsync(host.Url("/Groups?filter=" + Filter($"members[value eq \"{userId}\"]"))));
        Assert.That((int)byMember["totalResults"]!, Is.EqualTo(1));

        var removed = await client.PatchAsync(host.Url($"/Groups/{groupId}"), ScimDomainHost.Json($$$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"{{{userId}}}"}]}]}
            """));
        var removedBody = await ScimDomainHost.BodyAsync(removed);
        Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.OK), removedBody.ToJsonString());
        Assert.That(removedBody["members"], Is.Null);

        // The user signs in through SSO and lands on the SCIM-provisioned account.
        var signedIn = await host.SignInAsync("carol@acme.com");
        Assert.That(signedIn.IsSuccess, Is.True, () => signedIn.Error.ToString());
        Assert.That(signedIn.Value.UserId.Value.ToString("D"), Is.EqualTo(userId));

        // 6. Soft delete: "active" as the string "False".
        var deactivated = await client.PatchAsync(host.Url($"/Users/{userId}"), ScimDomainHost.Json("""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}
            """));
        var deactivatedBody = await ScimDomainHost.BodyAsync(deactivated);
        Assert.That(deactivated.StatusCode, Is.EqualTo(HttpStatusCode.OK), deactivatedBody.ToJsonString());
        Assert.That(deactivatedBody["active"]!.GetValue<bool>(), Is.False);
        var refused = await host.SignInAsync("carol@acme.com");
        Assert.That(refused.ErrorOrNull?.Code, Is.EqualTo(FederationKit.SignIn.SignInErrorCodes.UserSuspended));
        var scimEvents = host.Events.OfType<FederationKit.DirectorySync.Events.DirectorySyncEvent>().Where(e => e is not FederationKit.DirectorySync.Events.DirectorySyncTokenIssued).ToList();
        Assert.That(scimEvents.Select(e => e.GetType().Name), Does.Contain("DirectorySyncUserCreated").And.Contain("DirectorySyncUserUpdated").And.Contain("DirectoryGroupMembersChanged"));
        Assert.That(scimEvents.Select(e => e.Actor.Kind), Is.All.EqualTo(FederationKit.Events.EventActorKind.ScimToken));

        // 7. Hard delete of the user and the group.
        Assert.That((await client.DeleteAsync(host.Url($"/Users/{userId}"))).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await client.GetAsync(host.Url($"/Users/{userId}"))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await client.DeleteAsync(host.Url($"/Groups/{groupId}"))).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await client.GetAsync(host.Url($"/Groups/{groupId}"))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Okta_CreateGetReplaceDeactivateGroupPushDelete_Succeeds()
    {
        await using var host = await ScimDomainHost.StartAsync();
        var client = host.Client();

        var lookup = await client.GetAsync(host.Url("/Users?filter=" + Filter("userName eq \"dave@acme.com\"") + "&startIndex=1&count=100"));
        Assert.That((int)(await ScimDomainHost.BodyAsync(lookup))["totalResults"]!, Is.EqualTo(0));

        var created = await client.PostAsync(host.Url("/Users"), ScimDomainHost.Json("""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"dave@acme.com",
             "name":{"givenName":"Dave","familyName":"Lee"},"emails":[{"primary":true,"value":"dave@acme.com","type":"work"}],
             "displayName":"Dave Lee","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],"password":"1mz050nq","active":true}
            """));
        var user = await ScimDomainHost.BodyAsync(created);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), user.ToJsonString());
        Assert.That(user["password"], Is.Null);
        var userId = (string)user["id"]!;

        var read = await client.GetAsync(host.Url($"/Users/{userId}"));
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var replaced = await client.PutAsync(host.Url($"/Users/{userId}"), ScimDomainHost.Json($$$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"{{{userId}}}","userName":"dave@acme.com",
             "name":{"givenName":"David","familyName":"Lee"},"emails":[{"primary":true,"value":"dave@acme.com","type":"work"}],
             "displayName":"David Lee","externalId":"00ujl29u0le5T6Aj10h7","active":true}
            """));
        var replacedBody = await ScimDomainHost.BodyAsync(replaced);
        Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), replacedBody.ToJsonString());
        Assert.That((string?)replacedBody["name"]!["givenName"], Is.EqualTo("David"));

        var group = await client.PostAsync(host.Url("/Groups"), ScimDomainHost.Json("""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Test SCIMv2","members":[]}
            """));
        var groupBody = await ScimDomainHost.BodyAsync(group);
        Assert.That(group.StatusCode, Is.EqualTo(HttpStatusCode.Created), groupBody.ToJsonString());
        var groupId = (string)groupBody["id"]!;

        var renamed = await client.PatchAsync(host.Url($"/Groups/{groupId}"), ScimDomainHost.Json($$$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"id":"{{{groupId}}}","displayName":"Test SCIMv3"}}]}
            """));
        var renamedBody = await ScimDomainHost.BodyAsync(renamed);
        Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK), renamedBody.ToJsonString());
        Assert.That((string?)renamedBody["displayName"], Is.EqualTo("Test SCIMv3"));

        var pushed = await client.PatchAsync(host.Url($"/Groups/{groupId}"), ScimDomainHost.Json($$$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{{userId}}}","display":"dave@acme.com"}]}]}
            """));
        Assert.That(pushed.StatusCode, Is.EqualTo(HttpStatusCode.OK), (await ScimDomainHost.BodyAsync(pushed)).ToJsonString());
        var unpushed = await client.PatchAsync(host.Url($"/Groups/{groupId}"), ScimDomainHost.Json($$$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \"{{{userId}}}\"]"}]}
            """));
        Assert.That(unpushed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ScimDomainHost.BodyAsync(unpushed))["members"], Is.Null);

        var deactivated = await client.PatchAsync(host.Url($"/Users/{userId}"), ScimDomainHost.Json("""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}
            """));
        var deactivatedBody = await ScimDomainHost.BodyAsync(deactivated);
        Assert.That(deactivated.StatusCode, Is.EqualTo(HttpStatusCode.OK), deactivatedBody.ToJsonString());
        Assert.That(deactivatedBody["active"]!.GetValue<bool>(), Is.False);

        var page = await ScimDomainHost.BodyAsync(await client.GetAsync(host.Url("/Users?startIndex=1&count=1")));
        Assert.That((int)page["itemsPerPage"]!, Is.EqualTo(1));

        Assert.That((await client.DeleteAsync(host.Url($"/Groups/{groupId}"))).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task Create_EmailOutsideTheDirectorysDomains_IsInvalidValue()
    {
        await using var host = await ScimDomainHost.StartAsync();

        var created = await host.Client().PostAsync(host.Url("/Users"), ScimDomainHost.Json("""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"eve@evil.example","externalId":"e-eve",
             "emails":[{"primary":true,"value":"eve@evil.example","type":"work"}],"active":true}
            """));

        var body = await ScimDomainHost.BodyAsync(created);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToJsonString());
        Assert.That((string?)body["scimType"], Is.EqualTo("invalidValue"));
        Assert.That((string?)body["detail"], Does.Contain("directory_sync.email_domain_not_covered"));
    }

    [Test]
    public async Task Request_TokenOfTheDirectoryForAnotherDirectory_Is401()
    {
        await using var host = await ScimDomainHost.StartAsync();

        var response = await host.Client().GetAsync($"/scim/v2/{Guid.NewGuid()}/Users");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
    }

    [Test]
    public async Task ConcurrentMemberAdds_WithoutIfMatch_NoMemberLost()
    {
        await using var host = await ScimDomainHost.StartAsync();
        var client = host.Client();
        var userIds = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var created = await client.PostAsync(host.Url("/Users"), ScimDomainHost.Json($$$"""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"u{{{i}}}@acme.com","externalId":"x{{{i}}}","emails":[{"primary":true,"value":"u{{{i}}}@acme.com"}]}
                """));
            userIds.Add((string)(await ScimDomainHost.BodyAsync(created))["id"]!);
        }

        var group = await ScimDomainHost.BodyAsync(await client.PostAsync(host.Url("/Groups"), ScimDomainHost.Json("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"All"}""")));
        var groupId = (string)group["id"]!;

        var responses = await Task.WhenAll(userIds.Select(id => Task.Run(() => host.Client().PatchAsync(host.Url($"/Groups/{groupId}"), ScimDomainHost.Json($$$"""
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{{id}}}"}]}]}
            """)))));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        var final = await ScimDomainHost.BodyAsync(await client.GetAsync(host.Url($"/Groups/{groupId}")));
        Assert.That(final["members"]!.AsArray().Select(m => (string)m!["value"]!).Order(), Is.EqualTo(userIds.Order()));
    }

    [Test]
    public async Task OtherDirectorysToken_CannotSeeOrChangeThisDirectorysResources()
    {
        await using var host = await ScimDomainHost.StartAsync();
        var created = await host.Client().PostAsync(host.Url("/Users"), ScimDomainHost.Json("""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"fred@acme.com","externalId":"e-fred","emails":[{"primary":true,"value":"fred@acme.com"}]}
            """));
        var userId = (string)(await ScimDomainHost.BodyAsync(created))["id"]!;
        var group = await host.Client().PostAsync(host.Url("/Groups"), ScimDomainHost.Json("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Acme staff"}"""));
        var groupId = (string)(await ScimDomainHost.BodyAsync(group))["id"]!;
        var (other, otherToken) = await host.AddOtherDirectoryAsync("Globex", "globex.com");
        var intruder = host.Client(otherToken);
        string Other(string path) => $"/scim/v2/{other}{path}";

        var read = await intruder.GetAsync(Other($"/Users/{userId}"));
        var list = await ScimDomainHost.BodyAsync(await intruder.GetAsync(Other("/Users?filter=" + Filter("userName eq \"fred@acme.com\""))));
        var patch = await intruder.PatchAsync(Other($"/Users/{userId}"), ScimDomainHost.Json("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}"""));
        var addToOwnGroup = await intruder.PostAsync(Other("/Groups"), ScimDomainHost.Json($$$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Grab","members":[{"value":"{{{userId}}}"}]}"""));
        var deleteGroup = await intruder.DeleteAsync(Other($"/Groups/{groupId}"));
        var deleteUser = await intruder.DeleteAsync(Other($"/Users/{userId}"));
        var crossToken = await host.Client(otherToken).GetAsync(host.Url("/Users"));

        Assert.Multiple(async () =>
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((int)list["totalResults"]!, Is.EqualTo(0));
            Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(addToOwnGroup.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(deleteGroup.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(deleteUser.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(crossToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            var still = await ScimDomainHost.BodyAsync(await host.Client().GetAsync(host.Url($"/Users/{userId}")));
            Assert.That(still["active"]!.GetValue<bool>(), Is.True);
        });
    }
}
