using System.Text;
using System.Text.Json.Nodes;
using FederationKit.Directories;
using Microsoft.Extensions.Options;

namespace FederationKit.Scim.Tests;

/// <summary>A processor over an in-memory repository, and JSON helpers.</summary>
internal sealed class ScimKit
{
    public ScimKit(ScimProcessorOptions? options = null)
    {
        Repository = new InMemoryScimRepository();
        Processor = new ScimRequestProcessor(Repository, Options.Create(options ?? new ScimProcessorOptions()));
    }

    public InMemoryScimRepository Repository { get; }

    public ScimRequestProcessor Processor { get; }

    public ScimRequestContext Context { get; } = new(new DirectoryId(Guid.Parse("6f1c2a4e-0000-4000-8000-000000000001")), "token-1", "corr-1") { BaseUrl = "https://app.example/scim/v2/d1" };

    public static ReadOnlyMemory<byte> Bytes(string json) => Encoding.UTF8.GetBytes(json);

    public static ReadOnlyMemory<byte> Bytes(JsonNode json) => Encoding.UTF8.GetBytes(json.ToJsonString());

    public static JsonObject User(string userName, string? externalId = null, string? email = null, bool active = true)
    {
        var user = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimDefaults.UserSchema),
            ["userName"] = userName,
            ["active"] = active,
            ["name"] = new JsonObject { ["givenName"] = "Barbara", ["familyName"] = "Jensen" },
        };
        if (externalId is not null)
        {
            user["externalId"] = externalId;
        }

        if (email is not null)
        {
            user["emails"] = new JsonArray(new JsonObject { ["value"] = email, ["type"] = "work", ["primary"] = true });
        }

        return user;
    }

    public static JsonObject Group(string displayName, params string[] members)
    {
        var list = new JsonArray();
        foreach (var member in members)
        {
            list.Add(new JsonObject { ["value"] = member });
        }

        return new JsonObject { ["schemas"] = new JsonArray(ScimDefaults.GroupSchema), ["displayName"] = displayName, ["members"] = list };
    }

    public static JsonObject Patch(params JsonObject[] operations)
    {
        var list = new JsonArray();
        foreach (var operation in operations)
        {
            list.Add(operation);
        }

        return new JsonObject { ["schemas"] = new JsonArray(ScimDefaults.PatchOpUrn), ["Operations"] = list };
    }

    public static JsonObject Op(string op, string? path, JsonNode? value)
    {
        var operation = new JsonObject { ["op"] = op };
        if (path is not null)
        {
            operation["path"] = path;
        }

        if (value is not null)
        {
            operation["value"] = value;
        }

        return operation;
    }

    public async Task<string> CreateUserAsync(JsonObject user)
    {
        var response = await Processor.CreateAsync(Context, ScimResourceType.User, Bytes(user), CancellationToken.None);
        Assert.That(response.StatusCode, Is.EqualTo(201), response.Body?.ToJsonString());
        return (string)response.Body!["id"]!;
    }

    public async Task<string> CreateGroupAsync(JsonObject group)
    {
        var response = await Processor.CreateAsync(Context, ScimResourceType.Group, Bytes(group), CancellationToken.None);
        Assert.That(response.StatusCode, Is.EqualTo(201), response.Body?.ToJsonString());
        return (string)response.Body!["id"]!;
    }

    public static void AssertError(ScimResponse response, int status, string code, string? scimType)
    {
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), response.Body?.ToJsonString());
            Assert.That(response.Error?.Code, Is.EqualTo(code));
            Assert.That((string?)response.Body!["status"], Is.EqualTo(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That((string?)response.Body!["scimType"], Is.EqualTo(scimType));
            Assert.That(response.Body!["schemas"]![0]!.GetValue<string>(), Is.EqualTo(ScimDefaults.ErrorUrn));
            Assert.That((string?)response.Body!["detail"], Does.Contain(code));
        });
    }
}
