using FederationKit.AspNetCore.Scim;
using FederationKit.Scim;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FederationKit;

// ASP0016 mistakes the inner lambdas (ScimHttp.Operation, which return the processor's ScimResponse to the edge that
// writes it) for request delegates; every request delegate here returns a plain Task.
#pragma warning disable ASP0016

/// <summary>Maps the SCIM 2.0 service of every directory.</summary>
public static class ScimEndpointRouteBuilderExtensions
{
    /// <summary>The default prefix of the SCIM endpoints.</summary>
    public const string DefaultPrefix = "/scim/v2";

    /// <summary>
    /// Maps <c>{prefix}/{directoryId}/Users</c>, <c>/Users/{id}</c>, <c>/Groups</c>, <c>/Groups/{id}</c>,
    /// <c>/ServiceProviderConfig</c>, <c>/ResourceTypes</c> and <c>/Schemas</c>. Every request needs a bearer token of
    /// that directory (<see cref="IScimAuthenticator"/>); register the services with <c>AddScim</c> first. The endpoints opt out
    /// of antiforgery validation: they never read a cookie, so a cross-site request carries no credential they accept, and an
    /// IdP's provisioning client has no antiforgery token to send.
    /// </summary>
    /// <param name="endpoints">The application's routes.</param>
    /// <param name="prefix">The path before the directory ID; <c>/scim/v2</c> by default.</param>
    /// <returns>The route group, for conventions such as <c>RequireHost</c>.</returns>
    public static RouteGroupBuilder MapFederationKitScim(this IEndpointRouteBuilder endpoints, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (!prefix.StartsWith('/'))
        {
            throw new ArgumentException("The SCIM prefix must start with '/'.", nameof(prefix));
        }

        var group = endpoints.MapGroup(prefix.TrimEnd('/') + "/{directoryId}");
        group.DisableAntiforgery();
        foreach (var (segment, type) in new[] { ("Users", ScimResourceType.User), ("Groups", ScimResourceType.Group) })
        {
            group.MapMethods("/" + segment, ["GET"], (RequestDelegate)(http => ScimHttp.HandleAsync(http, prefix, readsBody: false,
                (p, c, _, ct) => p.ListAsync(c, type, Parameters(http), ct))));
            group.MapMethods("/" + segment, ["POST"], (RequestDelegate)(http => ScimHttp.HandleAsync(http, prefix, readsBody: true,
                (p, c, body, ct) => p.CreateAsync(c, type, body, ct))));
            group.MapMethods("/" + segment + "/{id}", ["GET"], (RequestDelegate)(http => ScimHttp.HandleAsync(http, prefix, readsBody: false,
                (p, c, _, ct) => p.GetAsync(c, type, Id(http), Parameters(http), ct))));
            group.MapMethods("/" + segment + "/{id}", ["PUT"], (RequestDelegate)(http => ScimHttp.HandleAsync(http, prefix, readsBody: true,
                (p, c, body, ct) => p.ReplaceAsync(c, type, Id(http), body, http.Request.Headers.IfMatch, ct))));
            group.MapMethods("/" + segment + "/{id}", ["PATCH"], (RequestDelegate)(http => ScimHttp.HandleAsync(http, prefix, readsBody: true,
                (p, c, body, ct) => p.PatchAsync(c, type, Id(http), body, http.Request.Headers.IfMatch, ct))));
            group.MapMethods("/" + segment + "/{id}", ["DELETE"], (RequestDelegate)(http => ScimHttp.HandleAsync(http, prefix, readsBody: false,
                (p, c, _, ct) => p.DeleteAsync(c, type, Id(http), http.Request.Headers.IfMatch, ct))));
        }

        group.MapGet("/ServiceProviderConfig", (RequestDelegate)(http => ScimHttp.HandleAsync(http, prefix, readsBody: false,
            (p, c, _, _) => Task.FromResult(p.ServiceProviderConfig(c)))));
        group.MapGet("/ResourceTypes", (RequestDelegate)(http => ScimHttp.HandleAsync(http, prefix, readsBody: false,
            (_, c, _, _) => Task.FromResult(ScimRequestProcessor.ResourceTypes(c, null)))));
        group.MapGet("/ResourceTypes/{name}", (RequestDelegate)(http => ScimHttp.HandleAsync(http, prefix, readsBody: false,
            (_, c, _, _) => Task.FromResult(ScimRequestProcessor.ResourceTypes(c, (string?)http.Request.RouteValues["name"])))));
        group.MapGet("/Schemas", (RequestDelegate)(http => ScimHttp.HandleAsync(http, prefix, readsBody: false,
            (_, c, _, _) => Task.FromResult(ScimRequestProcessor.Schemas(c, null)))));
        group.MapGet("/Schemas/{id}", (RequestDelegate)(http => ScimHttp.HandleAsync(http, prefix, readsBody: false,
            (_, c, _, _) => Task.FromResult(ScimRequestProcessor.Schemas(c, (string?)http.Request.RouteValues["id"])))));
        foreach (var unsupported in new[] { "/Bulk", "/Me", "/Users/.search", "/Groups/.search", "/.search" })
        {
            group.Map(unsupported, (RequestDelegate)(http => ScimHttp.HandleAsync(http, prefix, readsBody: false,
                (_, _, _, _) => Task.FromResult(ScimResponse.FromError(ScimErrors.Create(ScimErrorCodes.NotImplemented, $"{unsupported} is not supported by this service provider."))))));
        }

        return group;
    }

    private static string Id(HttpContext http) => (string?)http.Request.RouteValues["id"] ?? string.Empty;

    private static ScimListParameters Parameters(HttpContext http)
    {
        var query = http.Request.Query;
        return new ScimListParameters(
            Filter: query.TryGetValue("filter", out var filter) ? filter.ToString() : null,
            StartIndex: query.TryGetValue("startIndex", out var startIndex) ? startIndex.ToString() : null,
            Count: query.TryGetValue("count", out var count) ? count.ToString() : null,
            Attributes: query.TryGetValue("attributes", out var attributes) ? attributes.ToString() : null,
            ExcludedAttributes: query.TryGetValue("excludedAttributes", out var excluded) ? excluded.ToString() : null);
    }
}
