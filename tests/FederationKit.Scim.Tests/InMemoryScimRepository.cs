using System.Globalization;
using System.Text.Json.Nodes;
using FederationKit.Scim;
using FederationKit.Scim.Filters;

namespace FederationKit.Scim.Tests;

/// <summary>A JSON repository for the processor's tests: versions count up, userName (ignoring case) and externalId are unique per type, queries are evaluated in memory and ordered by id.</summary>
internal sealed class InMemoryScimRepository : IScimResourceRepository
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(ScimResourceType, string), ScimResource> _resources = [];
    private int _nextId;

    public int Writes { get; private set; }

    /// <summary>Runs before each replace, inside no lock: lets a test interleave a concurrent writer.</summary>
    public Func<Task>? BeforeReplace { get; set; }

    public Task<Result<ScimResource>> GetAsync(ScimRequestContext context, ScimResourceType type, string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_resources.TryGetValue((type, id), out var resource)
                ? Result<ScimResource>.Success(Copy(resource))
                : Result<ScimResource>.Failure(StoreErrors.NotFound("resource", id)));
        }
    }

    public Task<Result<ScimPage>> QueryAsync(ScimRequestContext context, ScimResourceType type, ScimQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var matching = _resources.Where(kv => kv.Key.Item1 == type).Select(kv => kv.Value)
                .Where(r => query.Filter is null || ScimFilterEvaluator.Matches(type, r, query.Filter))
                .OrderBy(r => r.Id, StringComparer.Ordinal)
                .ToList();
            var page = matching.Skip(query.StartIndex - 1).Take(query.Count).Select(Copy).ToList();
            return Task.FromResult(Result<ScimPage>.Success(new ScimPage(page, matching.Count)));
        }
    }

    public Task<Result<ScimResource>> CreateAsync(ScimRequestContext context, ScimResourceType type, JsonObject resource, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var clash = Clash(type, null, resource);
            if (clash is not null)
            {
                return Task.FromResult(Result<ScimResource>.Failure(clash));
            }

            var id = (++_nextId).ToString("D6", CultureInfo.InvariantCulture);
            var stored = new ScimResource(id, "1", (JsonObject)resource.DeepClone()) { Created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), LastModified = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
            _resources[(type, id)] = stored;
            Writes++;
            return Task.FromResult(Result<ScimResource>.Success(Copy(stored)));
        }
    }

    public async Task<Result<ScimResource>> ReplaceAsync(ScimRequestContext context, ScimResourceType type, string id, JsonObject resource, string? expectedVersion, CancellationToken cancellationToken)
    {
        if (BeforeReplace is { } hook)
        {
            BeforeReplace = null;
            await hook();
        }

        lock (_gate)
        {
            if (!_resources.TryGetValue((type, id), out var current))
            {
                return StoreErrors.NotFound("resource", id);
            }

            if (expectedVersion is not null && expectedVersion != current.Version)
            {
                return StoreErrors.ConcurrencyConflict("resource", id);
            }

            var clash = Clash(type, id, resource);
            if (clash is not null)
            {
                return clash;
            }

            var version = (int.Parse(current.Version, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
            var stored = current with { Version = version, Attributes = (JsonObject)resource.DeepClone() };
            _resources[(type, id)] = stored;
            Writes++;
            return Copy(stored);
        }
    }

    public Task<Result> DeleteAsync(ScimRequestContext context, ScimResourceType type, string id, string? expectedVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_resources.TryGetValue((type, id), out var current))
            {
                return Task.FromResult(Result.Failure(StoreErrors.NotFound("resource", id)));
            }

            if (expectedVersion is not null && expectedVersion != current.Version)
            {
                return Task.FromResult(Result.Failure(StoreErrors.ConcurrencyConflict("resource", id)));
            }

            _resources.Remove((type, id));
            return Task.FromResult(Result.Success);
        }
    }

    private FederationError? Clash(ScimResourceType type, string? id, JsonObject resource)
    {
        foreach (var (key, other) in _resources)
        {
            if (key.Item1 != type || key.Item2 == id)
            {
                continue;
            }

            if (Same(resource, other.Attributes, "userName", StringComparison.OrdinalIgnoreCase) || Same(resource, other.Attributes, "externalId", StringComparison.Ordinal))
            {
                return ScimErrors.Create(ScimErrorCodes.Uniqueness, "Another resource has the same userName or externalId.");
            }
        }

        return null;
    }

    private static bool Same(JsonObject a, JsonObject b, string name, StringComparison comparison) =>
        (string?)a[name] is { } x && (string?)b[name] is { } y && string.Equals(x, y, comparison);

    private static ScimResource Copy(ScimResource resource) => resource with { Attributes = (JsonObject)resource.Attributes.DeepClone() };
}
