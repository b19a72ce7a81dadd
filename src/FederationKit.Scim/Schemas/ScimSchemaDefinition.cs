namespace FederationKit.Scim.Schemas;

/// <summary>A SCIM schema (core or extension): its URN, name and attributes.</summary>
internal sealed record ScimSchemaDefinition(string Id, string Name, string Description, IReadOnlyList<ScimAttributeDefinition> Attributes)
{
    public ScimAttributeDefinition? Attribute(string name) =>
        Attributes.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
}
