using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FederationKit.Scim.Filters;
using FederationKit.Scim.Patch;
using FederationKit.Scim.Schemas;
using FederationKit.Stores;
using Microsoft.Extensions.Options;

namespace FederationKit.Scim;

/// <summary>
/// The host-neutral SCIM 2.0 service provider of one request: validates the input (filters, bodies, PATCH operations,
/// paging, <c>If-Match</c>), calls the <see cref="IScimResourceRepository"/>, and answers with the status, body and
/// headers of RFC 7644. Every refusal becomes an RFC 7644 §3.12 error response; nothing a client sends makes it throw.
/// </summary>
public sealed class ScimRequestProcessor
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    private readonly IScimResourceRepository _repository;
    private readonly ScimProcessorOptions _options;

    /// <summary>Creates the processor.</summary>
    /// <param name="repository">The directory's resources.</param>
    /// <param name="options">The limits.</param>
    public ScimRequestProcessor(IScimResourceRepository repository, IOptions<ScimProcessorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(options);
        _repository = repository;
        _options = options.Value;
    }

    /// <summary><c>GET /Users</c> or <c>/Groups</c>: a filtered page as a ListResponse.</summary>
    /// <param name="context">The request's directory and token.</param>
    /// <param name="type">The resource type.</param>
    /// <param name="parameters">The query parameters.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response.</returns>
    public async Task<ScimResponse> ListAsync(ScimRequestContext context, ScimResourceType type, ScimListParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parameters);
        ScimFilter? filter = null;
        if (parameters.Filter is not null)
        {
            var parsed = ScimFilterParser.Parse(parameters.Filter);
            if (parsed.IsFailure)
            {
                return ScimResponse.FromError(parsed.Error);
            }

            var typed = ScimFilterTypeCheck.Check(type, parsed.Value);
            if (typed.IsFailure)
            {
                return ScimResponse.FromError(typed.Error);
            }

            filter = parsed.Value;
        }

        if (!TryInteger(parameters.StartIndex, 1, out var startIndex) || !TryInteger(parameters.Count, _options.MaxResults, out var count))
        {
            return ScimResponse.FromError(ScimErrors.Create(ScimErrorCodes.InvalidQuery, "startIndex and count must be integers."));
        }

        startIndex = Math.Max(1, startIndex);
        count = Math.Clamp(count, 0, _options.MaxResults);
        var page = await _repository.QueryAsync(context, type, new ScimQuery(filter, startIndex, count) { Projection = new ScimProjection(parameters.Attributes, parameters.ExcludedAttributes) }, cancellationToken).ConfigureAwait(false);
        if (page.IsFailure)
        {
            return ScimResponse.FromError(page.Error);
        }

        var resources = new JsonArray();
        foreach (var resource in page.Value.Resources.Take(count))
        {
            resources.Add(Project(Render(context, type, resource), parameters));
        }

        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimDefaults.ListResponseUrn),
            ["totalResults"] = page.Value.TotalResults,
            ["startIndex"] = startIndex,
            ["itemsPerPage"] = resources.Count,
            ["Resources"] = resources,
        };
        return new ScimResponse(200, body);
    }

    /// <summary><c>GET /Users/{id}</c>.</summary>
    /// <param name="context">The request's directory and token.</param>
    /// <param name="type">The resource type.</param>
    /// <param name="id">The resource ID.</param>
    /// <param name="parameters">The <c>attributes</c>/<c>excludedAttributes</c> parameters.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response.</returns>
    public async Task<ScimResponse> GetAsync(ScimRequestContext context, ScimResourceType type, string id, ScimListParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parameters);
        var resource = await _repository.GetAsync(context, type, id, new ScimProjection(parameters.Attributes, parameters.ExcludedAttributes), cancellationToken).ConfigureAwait(false);
        return resource.IsFailure ? ScimResponse.FromError(NotFound(resource.Error, type, id)) : Ok(context, type, resource.Value, 200, parameters);
    }

    /// <summary><c>POST /Users</c>: creates a resource (201 with <c>Location</c> and <c>ETag</c>).</summary>
    /// <param name="context">The request's directory and token.</param>
    /// <param name="type">The resource type.</param>
    /// <param name="body">The request body (UTF-8 JSON).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response.</returns>
    public async Task<ScimResponse> CreateAsync(ScimRequestContext context, ScimResourceType type, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var attributes = ReadResource(type, body);
        if (attributes.IsFailure)
        {
            return ScimResponse.FromError(attributes.Error);
        }

        var created = await _repository.CreateAsync(context, type, attributes.Value, cancellationToken).ConfigureAwait(false);
        if (created.IsFailure)
        {
            return ScimResponse.FromError(created.Error);
        }

        var response = Ok(context, type, created.Value, 201, new ScimListParameters());
        return response with { Location = LocationOf(context, type, created.Value.Id) };
    }

    /// <summary><c>PUT /Users/{id}</c>: replaces every attribute (Okta's full replace); <paramref name="ifMatch"/> makes it conditional.</summary>
    /// <param name="context">The request's directory and token.</param>
    /// <param name="type">The resource type.</param>
    /// <param name="id">The resource ID.</param>
    /// <param name="body">The request body (UTF-8 JSON).</param>
    /// <param name="ifMatch">The <c>If-Match</c> header, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response.</returns>
    public async Task<ScimResponse> ReplaceAsync(ScimRequestContext context, ScimResourceType type, string id, ReadOnlyMemory<byte> body, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var attributes = ReadResource(type, body);
        if (attributes.IsFailure)
        {
            return ScimResponse.FromError(attributes.Error);
        }

        var current = await _repository.GetAsync(context, type, id, cancellationToken).ConfigureAwait(false);
        if (current.IsFailure)
        {
            return ScimResponse.FromError(NotFound(current.Error, type, id));
        }

        var expected = ExpectedVersion(ifMatch);
        if (expected is not null && expected != current.Value.Version)
        {
            return ScimResponse.FromError(PreconditionFailed(type, id));
        }

        var replaced = await _repository.ReplaceAsync(context, type, id, attributes.Value, expected, cancellationToken).ConfigureAwait(false);
        if (replaced.IsFailure)
        {
            return ScimResponse.FromError(expected is not null && replaced.Error.Code == StoreErrorCodes.ConcurrencyConflict ? PreconditionFailed(type, id) : NotFound(replaced.Error, type, id));
        }

        return Ok(context, type, replaced.Value, 200, new ScimListParameters());
    }

    /// <summary><c>PATCH /Users/{id}</c>: applies the operations; with <paramref name="ifMatch"/> only to that version (412 otherwise), without it retried on concurrent changes so no change (such as a member add) is lost.</summary>
    /// <param name="context">The request's directory and token.</param>
    /// <param name="type">The resource type.</param>
    /// <param name="id">The resource ID.</param>
    /// <param name="body">The request body (UTF-8 JSON).</param>
    /// <param name="ifMatch">The <c>If-Match</c> header, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response.</returns>
    public async Task<ScimResponse> PatchAsync(ScimRequestContext context, ScimResourceType type, string id, ReadOnlyMemory<byte> body, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var json = Parse(body);
        if (json.IsFailure)
        {
            return ScimResponse.FromError(json.Error);
        }

        var operations = ScimPatchRequest.Read(json.Value, _options.MaxPatchOperations);
        if (operations.IsFailure)
        {
            return ScimResponse.FromError(operations.Error);
        }

        var expected = ExpectedVersion(ifMatch);
        IReadOnlyCollection<string> add = [], remove = [];
        var memberDeltas = type == ScimResourceType.Group && ScimMemberPatch.TryRead(operations.Value, out add, out remove);
        var result = await BoundedRetry.RunAsync(
            Math.Max(1, _options.PatchAttempts),
            async _ =>
            {
                if (memberDeltas
                    && await _repository.ChangeMembersAsync(context, id, add, remove, expected, cancellationToken).ConfigureAwait(false) is { } changed)
                {
                    return changed;
                }

                var current = await _repository.GetAsync(context, type, id, cancellationToken).ConfigureAwait(false);
                if (current.IsFailure)
                {
                    return NotFound(current.Error, type, id);
                }

                if (expected is not null && expected != current.Value.Version)
                {
                    return PreconditionFailed(type, id);
                }

                var patched = ScimPatcher.Apply(type, current.Value.Attributes, operations.Value);
                if (patched.IsFailure)
                {
                    return patched.Error;
                }

                var attributes = ScimResourceValidator.Normalize(type, patched.Value, requireSchemas: false);
                if (attributes.IsFailure)
                {
                    return attributes.Error;
                }

                return await _repository.ReplaceAsync(context, type, id, attributes.Value, current.Value.Version, cancellationToken).ConfigureAwait(false);
            },
            error => expected is null && error.Code == StoreErrorCodes.ConcurrencyConflict).ConfigureAwait(false);

        if (result.IsFailure)
        {
            var error = result.Error.Code == StoreErrorCodes.ConcurrencyConflict
                ? expected is not null
                    ? PreconditionFailed(type, id)
                    : ScimErrors.Create(ScimErrorCodes.Conflict, $"The {type} '{id}' kept changing while it was patched; send the request again.")
                : NotFound(result.Error, type, id);
            return ScimResponse.FromError(error);
        }

        return Ok(context, type, result.Value, 200, new ScimListParameters());
    }

    /// <summary><c>DELETE /Users/{id}</c>: deprovisions the resource (204).</summary>
    /// <param name="context">The request's directory and token.</param>
    /// <param name="type">The resource type.</param>
    /// <param name="id">The resource ID.</param>
    /// <param name="ifMatch">The <c>If-Match</c> header, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The response.</returns>
    public async Task<ScimResponse> DeleteAsync(ScimRequestContext context, ScimResourceType type, string id, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var expected = ExpectedVersion(ifMatch);
        if (expected is not null)
        {
            var current = await _repository.GetAsync(context, type, id, cancellationToken).ConfigureAwait(false);
            if (current.IsFailure)
            {
                return ScimResponse.FromError(NotFound(current.Error, type, id));
            }

            if (current.Value.Version != expected)
            {
                return ScimResponse.FromError(PreconditionFailed(type, id));
            }
        }

        var deleted = await _repository.DeleteAsync(context, type, id, expected, cancellationToken).ConfigureAwait(false);
        if (deleted.IsFailure)
        {
            return ScimResponse.FromError(expected is not null && deleted.Error.Code == StoreErrorCodes.ConcurrencyConflict ? PreconditionFailed(type, id) : NotFound(deleted.Error, type, id));
        }

        return new ScimResponse(204, null);
    }

    /// <summary><c>GET /ServiceProviderConfig</c>.</summary>
    /// <param name="context">The request's directory and token (for <c>meta.location</c>).</param>
    /// <returns>The response.</returns>
    public ScimResponse ServiceProviderConfig(ScimRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ScimResponse(200, ScimDiscovery.ServiceProviderConfig(context.BaseUrl, _options.MaxResults));
    }

    /// <summary><c>GET /ResourceTypes</c> or <c>/ResourceTypes/{name}</c>.</summary>
    /// <param name="context">The request's directory and token (for <c>meta.location</c>).</param>
    /// <param name="name">The resource type's name, or <see langword="null"/> for the list.</param>
    /// <returns>The response.</returns>
    public static ScimResponse ResourceTypes(ScimRequestContext context, string? name)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Discovery(ScimDiscovery.ResourceTypes(context.BaseUrl), name, "resource type");
    }

    /// <summary><c>GET /Schemas</c> or <c>/Schemas/{urn}</c>.</summary>
    /// <param name="context">The request's directory and token (for <c>meta.location</c>).</param>
    /// <param name="id">The schema URN, or <see langword="null"/> for the list.</param>
    /// <returns>The response.</returns>
    public static ScimResponse Schemas(ScimRequestContext context, string? id)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Discovery(ScimDiscovery.Schemas(context.BaseUrl), id, "schema");
    }

    private static ScimResponse Discovery(IReadOnlyList<JsonObject> documents, string? id, string what)
    {
        if (id is not null)
        {
            var document = documents.FirstOrDefault(d => string.Equals((string?)d["id"], id, StringComparison.OrdinalIgnoreCase));
            return document is null
                ? ScimResponse.FromError(ScimErrors.Create(ScimErrorCodes.NotFound, $"There is no {what} '{id}'."))
                : new ScimResponse(200, (JsonObject)document.DeepClone());
        }

        var resources = new JsonArray();
        foreach (var document in documents)
        {
            resources.Add(document.DeepClone());
        }

        return new ScimResponse(200, new JsonObject
        {
            ["schemas"] = new JsonArray(ScimDefaults.ListResponseUrn),
            ["totalResults"] = documents.Count,
            ["startIndex"] = 1,
            ["itemsPerPage"] = documents.Count,
            ["Resources"] = resources,
        });
    }

    /// <summary>A request body parsed as JSON and normalised as a full resource of <paramref name="type"/> (schemas required).</summary>
    private static Result<JsonObject> ReadResource(ScimResourceType type, ReadOnlyMemory<byte> body)
    {
        var json = Parse(body);
        return json.IsFailure ? json.Error : ScimResourceValidator.Normalize(type, json.Value, requireSchemas: true);
    }

    private static Result<JsonNode> Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return ScimErrors.Syntax("The request has no body.");
        }

        try
        {
            var node = JsonNode.Parse(body.Span, NodeOptions, DocumentOptions);
            return node is null ? ScimErrors.Syntax("The body is JSON null.") : Result<JsonNode>.Success(node);
        }
        catch (JsonException)
        {
            return ScimErrors.Syntax("The body is not valid JSON.");
        }
    }

    private static bool TryInteger(string? text, int fallback, out int value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            value = (int)Math.Clamp(parsed, int.MinValue, int.MaxValue);
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>The version an <c>If-Match</c> asks for: <c>W/"v"</c> and <c>"v"</c> give v; absent or <c>*</c> give none.</summary>
    internal static string? ExpectedVersion(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return null;
        }

        var text = ifMatch.Trim();
        if (text == "*")
        {
            return null;
        }

        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? text[1..^1] : text;
    }

    private static FederationError PreconditionFailed(ScimResourceType type, string id) =>
        ScimErrors.Create(ScimErrorCodes.PreconditionFailed, $"The {type} '{id}' has changed since the version in If-Match; read it again.");

    private static FederationError NotFound(FederationError error, ScimResourceType type, string id) =>
        error.Code == StoreErrorCodes.NotFound ? ScimErrors.Create(ScimErrorCodes.NotFound, $"There is no {type} '{id}' in this directory.") : error;

    private static string? LocationOf(ScimRequestContext context, ScimResourceType type, string id) =>
        context.BaseUrl is null ? null : context.BaseUrl.TrimEnd('/') + ScimSchemas.For(type).Endpoint + "/" + Uri.EscapeDataString(id);

    private static JsonObject Render(ScimRequestContext context, ScimResourceType type, ScimResource resource) =>
        ScimResourceJson.Render(type, resource, LocationOf(context, type, resource.Id));

    private static ScimResponse Ok(ScimRequestContext context, ScimResourceType type, ScimResource resource, int status, ScimListParameters parameters) =>
        new(status, Project(Render(context, type, resource), parameters)) { ETag = ScimResourceJson.ETag(resource.Version) };

    /// <summary>Applies <c>attributes</c> or <c>excludedAttributes</c> (top-level names; <c>id</c>, <c>schemas</c> and <c>meta</c> are always returned).</summary>
    private static JsonObject Project(JsonObject json, ScimListParameters parameters)
    {
        static HashSet<string> Names(string text) => ScimProjection.Names(text);

        string[] always = ["id", "schemas", "meta"];
        if (!string.IsNullOrWhiteSpace(parameters.Attributes))
        {
            var keep = Names(parameters.Attributes);
            foreach (var key in json.Select(p => p.Key).Where(k => !always.Contains(k) && !keep.Contains(k) && !k.StartsWith("urn:", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                json.Remove(key);
            }
        }
        else if (!string.IsNullOrWhiteSpace(parameters.ExcludedAttributes))
        {
            var drop = Names(parameters.ExcludedAttributes);
            foreach (var key in json.Select(p => p.Key).Where(k => !always.Contains(k) && drop.Contains(k)).ToList())
            {
                json.Remove(key);
            }
        }

        return json;
    }
}
