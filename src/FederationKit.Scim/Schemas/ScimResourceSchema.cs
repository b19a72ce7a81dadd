namespace FederationKit.Scim.Schemas;

/// <summary>A resource type's core schema and extensions, and how an attribute path resolves against them.</summary>
internal sealed record ScimResourceSchema(ScimResourceType Type, string Name, string Endpoint, ScimSchemaDefinition Core, IReadOnlyList<ScimSchemaDefinition> Extensions)
{
    /// <summary>The common attributes of RFC 7643 §3.1 every resource has.</summary>
    public static IReadOnlyList<ScimAttributeDefinition> Common { get; } =
    [
        new("id", "string", "Unique identifier of the resource, assigned by the service provider.") { CaseExact = true, Mutability = "readOnly", Returned = "always", Uniqueness = "server" },
        new("externalId", "string", "Identifier of the resource in the provisioning client (the IdP).") { CaseExact = true },
        new("meta", "complex", "Resource metadata.")
        {
            Mutability = "readOnly",
            SubAttributes =
            [
                new("resourceType", "string", "The resource type.") { CaseExact = true, Mutability = "readOnly" },
                new("created", "dateTime", "When the resource was created.") { Mutability = "readOnly" },
                new("lastModified", "dateTime", "When the resource last changed.") { Mutability = "readOnly" },
                new("location", "reference", "The resource's URI.") { CaseExact = true, Mutability = "readOnly" },
                new("version", "string", "The resource's version (ETag).") { CaseExact = true, Mutability = "readOnly" },
            ],
        },
    ];

    /// <summary>Finds the attribute a path names: in the core schema (with or without its URN), an extension (by URN), or the common attributes.</summary>
    public (ScimSchemaDefinition? Schema, ScimAttributeDefinition? Attribute) Resolve(string? schemaUrn, string name)
    {
        if (schemaUrn is null || string.Equals(schemaUrn, Core.Id, StringComparison.OrdinalIgnoreCase))
        {
            var common = Common.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
            return common is not null ? (null, common) : (Core, Core.Attribute(name));
        }

        var extension = Extension(schemaUrn);
        return extension is null ? (null, null) : (extension, extension.Attribute(name));
    }

    public ScimSchemaDefinition? Extension(string urn) =>
        Extensions.FirstOrDefault(e => string.Equals(e.Id, urn, StringComparison.OrdinalIgnoreCase));
}
