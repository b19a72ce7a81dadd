namespace FederationKit.AspNetCore.Scim;

/// <summary>Limits of the SCIM endpoints, bound from <c>FederationKit:Scim</c> and validated at start.</summary>
public sealed class ScimEndpointOptions
{
    /// <summary>The configuration section, relative to <c>FederationKit</c>.</summary>
    public const string ConfigurationSection = "Scim";

    /// <summary>The largest request body accepted, in bytes; a larger one is answered 413. Default 1 MB.</summary>
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How many requests one SCIM token may send per <see cref="RateLimitWindow"/>; more are answered 429 with <c>Retry-After</c>. Default 1200.</summary>
    public int RequestsPerWindow { get; set; } = 1200;

    /// <summary>The window of <see cref="RequestsPerWindow"/>. Default one minute.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    internal static void Check(ScimEndpointOptions options, OptionsCheck check)
    {
        check.Require(options.MaxRequestBodyBytes is >= 1024 and <= 64 * 1024 * 1024, nameof(MaxRequestBodyBytes), "must be between 1024 and 67108864");
        check.Require(options.RequestsPerWindow >= 1, nameof(RequestsPerWindow), "must be at least 1");
        check.Require(options.RateLimitWindow >= TimeSpan.FromSeconds(1) && options.RateLimitWindow <= TimeSpan.FromHours(1), nameof(RateLimitWindow), "must be between one second and one hour");
    }
}
