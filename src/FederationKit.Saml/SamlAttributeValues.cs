using System.Collections.Immutable;

namespace FederationKit.Saml;

/// <summary>One attribute of the assertion's AttributeStatement with all its values.</summary>
/// <param name="Name">The attribute name (often a URI).</param>
/// <param name="FriendlyName">The FriendlyName, if given.</param>
/// <param name="Values">Every value, in document order.</param>
public sealed record SamlAttributeValues(string Name, string? FriendlyName, ImmutableArray<string> Values);
