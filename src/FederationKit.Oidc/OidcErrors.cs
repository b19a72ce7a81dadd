namespace FederationKit.Oidc;

/// <summary>Builds <see cref="FederationError"/>s with OIDC codes.</summary>
internal static class OidcErrors
{
    public static FederationError Of(string code, string message) => new(code, message);
}
