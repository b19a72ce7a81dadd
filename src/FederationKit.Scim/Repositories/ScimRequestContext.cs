using FederationKit.Directories;

namespace FederationKit.Scim;

/// <summary>Who sends a SCIM request and for what: the directory whose base URL it reached, the bearer token it authenticated with (the actor of every change it makes) and a correlation ID for events and logs.</summary>
/// <param name="DirectoryId">The directory the request provisions.</param>
/// <param name="TokenId">The ID of the SCIM token that authenticated the request (never the token itself).</param>
/// <param name="CorrelationId">The request's correlation ID, or <see langword="null"/>.</param>
public sealed record ScimRequestContext(DirectoryId DirectoryId, string TokenId, string? CorrelationId)
{
    /// <summary>The absolute base URL of the directory's SCIM service (<c>https://app.example/scim/v2/{directoryId}</c>), for <c>meta.location</c>; <see langword="null"/> leaves locations out.</summary>
    public string? BaseUrl { get; init; }
}
