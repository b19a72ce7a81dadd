using System.Text.Json.Nodes;
using FederationKit.Scim.Schemas;

namespace FederationKit.Scim;

/// <summary>The discovery documents of RFC 7644 §4, describing exactly what this service provider supports: PATCH and filters yes, bulk, sorting and password change no, ETags yes.</summary>
internal static class ScimDiscovery
{
    public static JsonObject ServiceProviderConfig(string? baseUrl, int maxResults) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"),
        ["documentationUri"] = "https://github.com/federationkit/federationkit/blob/main/docs/scim.md",
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = maxResults },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = true },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "OAuth Bearer Token",
            ["description"] = "A bearer token of the directory, created by an administrator of the directory.",
            ["primary"] = true,
        }),
        ["meta"] = Meta("ServiceProviderConfig", baseUrl, "/ServiceProviderConfig"),
    };

    public static IReadOnlyList<JsonObject> ResourceTypes(string? baseUrl) =>
    [
        new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ResourceType"),
            ["id"] = "User",
            ["name"] = "User",
            ["endpoint"] = "/Users",
            ["description"] = "User Account",
            ["schema"] = ScimSchemas.UserUrn,
            ["schemaExtensions"] = new JsonArray(new JsonObject { ["schema"] = ScimSchemas.EnterpriseUserUrn, ["required"] = false }),
            ["meta"] = Meta("ResourceType", baseUrl, "/ResourceTypes/User"),
        },
        new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ResourceType"),
            ["id"] = "Group",
            ["name"] = "Group",
            ["endpoint"] = "/Groups",
            ["description"] = "Group",
            ["schema"] = ScimSchemas.GroupUrn,
            ["schemaExtensions"] = new JsonArray(),
            ["meta"] = Meta("ResourceType", baseUrl, "/ResourceTypes/Group"),
        },
    ];

    public static IReadOnlyList<JsonObject> Schemas(string? baseUrl) =>
        [.. new[] { ScimSchemas.User, ScimSchemas.EnterpriseUser, ScimSchemas.Group }.Select(s => Schema(s, baseUrl))];

    private static JsonObject Schema(ScimSchemaDefinition schema, string? baseUrl)
    {
        var attributes = new JsonArray();
        foreach (var attribute in schema.Attributes)
        {
            attributes.Add(Attribute(attribute));
        }

        return new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Schema"),
            ["id"] = schema.Id,
            ["name"] = schema.Name,
            ["description"] = schema.Description,
            ["attributes"] = attributes,
            ["meta"] = Meta("Schema", baseUrl, "/Schemas/" + schema.Id),
        };
    }

    private static JsonObject Attribute(ScimAttributeDefinition attribute)
    {
        var json = new JsonObject
        {
            ["name"] = attribute.Name,
            ["type"] = attribute.Type,
            ["multiValued"] = attribute.MultiValued,
            ["description"] = attribute.Description,
            ["required"] = attribute.Required,
            ["caseExact"] = attribute.CaseExact,
            ["mutability"] = attribute.Mutability,
            ["returned"] = attribute.Returned,
            ["uniqueness"] = attribute.Uniqueness,
        };
        if (attribute.SubAttributes.Count > 0)
        {
            var subAttributes = new JsonArray();
            foreach (var sub in attribute.SubAttributes)
            {
                subAttributes.Add(Attribute(sub));
            }

            json["subAttributes"] = subAttributes;
        }

        return json;
    }

    private static JsonObject Meta(string resourceType, string? baseUrl, string path)
    {
        var meta = new JsonObject { ["resourceType"] = resourceType };
        if (baseUrl is not null)
        {
            meta["location"] = baseUrl.TrimEnd('/') + path;
        }

        return meta;
    }
}
