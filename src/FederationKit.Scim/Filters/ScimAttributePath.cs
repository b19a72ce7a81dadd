namespace FederationKit.Scim.Filters;

/// <summary>An attribute path of RFC 7644 §3.10: an optional schema URN, an attribute name and an optional sub-attribute (<c>name.givenName</c>). Names compare case-insensitively.</summary>
/// <param name="SchemaUrn">The schema URN prefix as written (<c>urn:ietf:params:scim:schemas:core:2.0:User</c>), or <see langword="null"/>.</param>
/// <param name="Name">The attribute name (<c>emails</c>).</param>
/// <param name="SubAttribute">The sub-attribute name (<c>value</c>), or <see langword="null"/>.</param>
public sealed record ScimAttributePath(string? SchemaUrn, string Name, string? SubAttribute)
{
    /// <summary>Whether this path names <paramref name="name"/> (and <paramref name="subAttribute"/>), ignoring case and any schema URN.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="subAttribute">The sub-attribute name, or <see langword="null"/> for the attribute itself.</param>
    /// <returns><see langword="true"/> when the names match.</returns>
    public bool Is(string name, string? subAttribute = null) =>
        string.Equals(Name, name, StringComparison.OrdinalIgnoreCase)
        && string.Equals(SubAttribute, subAttribute, StringComparison.OrdinalIgnoreCase);

    /// <summary>The path as SCIM writes it.</summary>
    /// <returns>The path text.</returns>
    public override string ToString() =>
        (SchemaUrn is null ? string.Empty : SchemaUrn + ":") + Name + (SubAttribute is null ? string.Empty : "." + SubAttribute);
}
