using System.Globalization;
using System.Text.Json.Nodes;
using FederationKit.Scim.Schemas;

namespace FederationKit.Scim;

/// <summary>Turns a stored resource into the JSON a client sees: <c>schemas</c>, <c>id</c> and <c>meta</c> added; and strips what a client may not set from incoming JSON.</summary>
internal static class ScimResourceJson
{
    public static JsonObject Render(ScimResourceType type, ScimResource resource, string? location)
    {
        var schema = ScimSchemas.For(type);
        var json = (JsonObject)resource.Attributes.DeepClone();
        JsonNames.Remove(json, "meta");
        JsonNames.Remove(json, "id");
        if (JsonNames.Get(json, "schemas") is not JsonArray)
        {
            var schemas = new JsonArray(schema.Core.Id);
            foreach (var extension in schema.Extensions.Where(e => JsonNames.KeyOf(json, e.Id) is not null))
            {
                schemas.Add(extension.Id);
            }

            JsonNames.Set(json, "schemas", schemas);
        }

        var result = new JsonObject { ["schemas"] = JsonNames.Get(json, "schemas")!.DeepClone(), ["id"] = resource.Id };
        foreach (var pair in json.Where(p => !string.Equals(p.Key, "schemas", StringComparison.OrdinalIgnoreCase)))
        {
            result[pair.Key] = pair.Value?.DeepClone();
        }

        var meta = new JsonObject { ["resourceType"] = schema.Name };
        if (resource.Created is { } created)
        {
            meta["created"] = created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        if (resource.LastModified is { } modified)
        {
            meta["lastModified"] = modified.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        if (location is not null)
        {
            meta["location"] = location;
        }

        meta["version"] = ETag(resource.Version);
        result["meta"] = meta;
        return result;
    }

    /// <summary>The weak ETag of a version.</summary>
    public static string ETag(string version) => "W/\"" + version + "\"";
}
