using System.Text.Json.Nodes;

namespace FederationKit.Scim;

/// <summary>A stored SCIM resource as a repository returns it: its ID, its version (sent as the ETag <c>W/"version"</c>) and its attributes as SCIM JSON.</summary>
/// <param name="Id">The service provider's ID of the resource (<c>id</c>).</param>
/// <param name="Version">The opaque version; it changes on every write.</param>
/// <param name="Attributes">The resource's attributes as SCIM JSON, without <c>id</c> and <c>meta</c> (the processor adds them); <c>schemas</c> may be left out.</param>
public sealed record ScimResource(string Id, string Version, JsonObject Attributes)
{
    /// <summary>When the resource was created (<c>meta.created</c>), if the store knows.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>When the resource last changed (<c>meta.lastModified</c>), if the store knows.</summary>
    public DateTimeOffset? LastModified { get; init; }
}
