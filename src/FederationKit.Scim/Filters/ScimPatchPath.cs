namespace FederationKit.Scim.Filters;

/// <summary>A parsed RFC 7644 §3.5.2 PATCH path: the attribute (and sub-attribute) it targets and, for multi-valued attributes, the value filter that selects values.</summary>
/// <param name="Attribute">The attribute, with the sub-attribute when the path names one (<c>emails.value</c> for <c>emails[type eq "work"].value</c>).</param>
/// <param name="ValueFilter">The filter between brackets, or <see langword="null"/>.</param>
public sealed record ScimPatchPath(ScimAttributePath Attribute, ScimFilter? ValueFilter);
