namespace FederationKit.Saml;

/// <summary>The subject's NameID: its full text (comments inside never cut it short) and its qualifiers.</summary>
/// <param name="Value">The NameID value.</param>
/// <param name="Format">The NameID format URI, if given.</param>
/// <param name="NameQualifier">The NameQualifier attribute, if given.</param>
/// <param name="SpNameQualifier">The SPNameQualifier attribute, if given.</param>
public sealed record SamlNameId(string Value, string? Format, string? NameQualifier, string? SpNameQualifier);
