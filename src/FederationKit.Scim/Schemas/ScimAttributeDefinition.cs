namespace FederationKit.Scim.Schemas;

/// <summary>One attribute of a SCIM schema (RFC 7643 §7), as the processor enforces it and <c>/Schemas</c> describes it.</summary>
internal sealed record ScimAttributeDefinition(string Name, string Type, string Description)
{
    public bool MultiValued { get; init; }

    public bool Required { get; init; }

    public bool CaseExact { get; init; }

    public string Mutability { get; init; } = "readWrite";

    public string Returned { get; init; } = "default";

    public string Uniqueness { get; init; } = "none";

    public IReadOnlyList<ScimAttributeDefinition> SubAttributes { get; init; } = [];

    public bool IsComplex => Type == "complex";

    public bool IsWritable => Mutability is "readWrite" or "writeOnly";

    public ScimAttributeDefinition? Sub(string name) =>
        SubAttributes.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));
}
