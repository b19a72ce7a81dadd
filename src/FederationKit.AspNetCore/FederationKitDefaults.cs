namespace FederationKit.AspNetCore;

/// <summary>Default values of the FederationKit authentication scheme.</summary>
public static class FederationKitDefaults
{
    /// <summary>The scheme name <c>AddFederationKit()</c> registers: <c>FederationKit</c>.</summary>
    public const string AuthenticationScheme = "FederationKit";

    /// <summary>The scheme's display name.</summary>
    public const string DisplayName = "Enterprise single sign-on";

    /// <summary>The path prefix under which the handler serves every endpoint: <c>/federation</c>.</summary>
    public const string PathPrefix = "/federation";

    /// <summary>The start of each correlation cookie's name; the transaction ID follows.</summary>
    public const string CorrelationCookiePrefix = ".FederationKit.Correlation.";

    /// <summary>The query parameter added to the return URL after a profile test: <c>passed</c> or <c>failed</c>.</summary>
    public const string TestResultQueryParameter = "fedkit_test";
}
