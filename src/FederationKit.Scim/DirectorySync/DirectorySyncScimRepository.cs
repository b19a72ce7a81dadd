using System.Globalization;
using System.Text.Json.Nodes;
using FederationKit.DirectorySync;
using FederationKit.Scim.Filters;

namespace FederationKit.Scim.DirectorySync;

/// <summary>
/// The SCIM resources of a directory on the domain's <see cref="DirectorySyncService"/>: users keyed by <c>externalId</c>
/// (userName, primary email, given/family/display name, active, the read-only groups), groups with member rows. No list
/// request loads the directory: the conjuncts of a filter's top-level <c>and</c>s that the stores answer (users:
/// <c>userName</c>, <c>externalId</c>, <c>emails.value</c>, <c>displayName</c>, <c>active</c> <c>eq</c>; groups:
/// <c>displayName</c>, <c>externalId</c>, <c>members.value</c> <c>eq</c>; both: <c>meta.lastModified</c> <c>gt</c>/<c>ge</c>)
/// and the page become one store query with its total; the rest of the filter is evaluated page by page over that query's
/// matches, and refused with <c>tooMany</c> when they are more than <see cref="DirectorySyncOptions.MaxFilterScan"/>.
/// Attributes the domain does not keep (phone numbers, enterprise attributes) are not stored.
/// </summary>
public sealed partial class DirectorySyncScimRepository : IScimResourceRepository
{
    private readonly DirectorySyncService _sync;
    private readonly int _pageSize;
    private readonly int _maxScan;
    private readonly int _maxMembers;

    /// <summary>Creates the repository.</summary>
    /// <param name="sync">The directory sync service.</param>
    /// <param name="options">Directory sync settings (page size of scans).</param>
    public DirectorySyncScimRepository(DirectorySyncService sync, DirectorySyncOptions options)
    {
        _sync = sync ?? throw new ArgumentNullException(nameof(sync));
        ArgumentNullException.ThrowIfNull(options);
        _pageSize = Math.Max(1, options.MaxPageSize);
        _maxScan = Math.Max(0, options.MaxFilterScan);
        _maxMembers = Math.Max(0, options.MaxGroupMembersReturned);
    }

    /// <inheritdoc />
    public Task<Result<ScimResource>> GetAsync(ScimRequestContext context, ScimResourceType type, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return type == ScimResourceType.User
            ? GetUserAsync(Caller(context), context.BaseUrl, id, ScimProjection.Full, cancellationToken)
            : GetGroupAsync(Caller(context), id, MemberRead.All, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result<ScimResource>> GetAsync(ScimRequestContext context, ScimResourceType type, string id, ScimProjection projection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(projection);
        return type == ScimResourceType.User
            ? GetUserAsync(Caller(context), context.BaseUrl, id, projection, cancellationToken)
            : GetGroupAsync(Caller(context), id, projection.Returns("members") ? MemberRead.Capped : MemberRead.None, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result<ScimPage>> QueryAsync(ScimRequestContext context, ScimResourceType type, ScimQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(query);
        return type == ScimResourceType.User ? QueryUsersAsync(Caller(context), context.BaseUrl, query, cancellationToken) : QueryGroupsAsync(Caller(context), query, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result<ScimResource>> CreateAsync(ScimRequestContext context, ScimResourceType type, JsonObject resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resource);
        return type == ScimResourceType.User ? CreateUserAsync(Caller(context), context.BaseUrl, resource, cancellationToken) : CreateGroupAsync(Caller(context), resource, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result<ScimResource>> ReplaceAsync(ScimRequestContext context, ScimResourceType type, string id, JsonObject resource, string? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resource);
        if (!TryVersion(expectedVersion, out var version))
        {
            return Task.FromResult(Result<ScimResource>.Failure(new FederationError(StoreErrorCodes.ConcurrencyConflict, "The expected version is not a version of this service provider.")));
        }

        return type == ScimResourceType.User
            ? ReplaceUserAsync(Caller(context), context.BaseUrl, id, resource, version, cancellationToken)
            : ReplaceGroupAsync(Caller(context), id, resource, version, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Result<ScimResource>?> ChangeMembersAsync(
        ScimRequestContext context, string id, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove, string? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(remove);
        if (!TryVersion(expectedVersion, out var version))
        {
            return Result<ScimResource>.Failure(new FederationError(StoreErrorCodes.ConcurrencyConflict, "The expected version is not a version of this service provider."));
        }

        var adding = new List<FederationKit.Organizations.UserId>(add.Count);
        var removing = new List<FederationKit.Organizations.UserId>(remove.Count);
        foreach (var (ids, into) in new[] { (add, adding), (remove, removing) })
        {
            foreach (var member in ids)
            {
                if (!TryUserId(member, out var userId))
                {
                    // Not an id of ours: the general path answers it as before (invalidValue on add, ignored on remove).
                    return null;
                }

                into.Add(userId);
            }
        }

        if (!TryGroupId(id, out var groupId))
        {
            return Result<ScimResource>.Failure(NotFound(ScimResourceType.Group, id));
        }

        var caller = Caller(context);
        var changed = await _sync.ChangeGroupMembersAsync(caller, groupId, adding, removing, version, cancellationToken).ConfigureAwait(false);
        return changed.IsSuccess
            ? Result<ScimResource>.Success(await ToResourceAsync(caller, changed.Value, MemberRead.Capped, cancellationToken).ConfigureAwait(false))
            : Result<ScimResource>.Failure(DirectorySyncScimErrors.Map(changed.Error));
    }

    /// <inheritdoc />
    public async Task<Result> DeleteAsync(ScimRequestContext context, ScimResourceType type, string id, string? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!TryVersion(expectedVersion, out var version))
        {
            return new FederationError(StoreErrorCodes.ConcurrencyConflict, "The expected version is not a version of this service provider.");
        }

        Result result;
        if (type == ScimResourceType.User)
        {
            if (!TryUserId(id, out var userId))
            {
                return NotFound(type, id);
            }

            result = await _sync.DeleteUserAsync(Caller(context), userId, version, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (!TryGroupId(id, out var groupId))
            {
                return NotFound(type, id);
            }

            result = await _sync.DeleteGroupAsync(Caller(context), groupId, version, cancellationToken).ConfigureAwait(false);
        }

        return result.IsSuccess ? result : DirectorySyncScimErrors.Map(result.Error);
    }

    private static DirectorySyncCaller Caller(ScimRequestContext context) => new(context.DirectoryId, context.TokenId);

    private static FederationError NotFound(ScimResourceType type, string id) => StoreErrors.NotFound(type.ToString(), id);

    private static bool TryVersion(string? text, out long? version)
    {
        version = null;
        if (text is null)
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            version = parsed;
            return true;
        }

        return false;
    }

    private static string VersionOf(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static string? Text(JsonObject json, string name) => JsonNames.Get(json, name) is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The string of every <c>id eq "…"</c> among the conjuncts of <paramref name="filter"/>'s top-level <c>and</c>s.</summary>
    private static IEnumerable<string> RequiredIds(ScimFilter filter) => filter switch
    {
        ScimAndFilter and => RequiredIds(and.Left).Concat(RequiredIds(and.Right)),
        ScimComparisonFilter { Operator: ScimComparisonOperator.Equal } equal when equal.Path.Is("id") && equal.StringValue is { } id => [id],
        _ => [],
    };

    private static bool Mentions(ScimFilter? filter, string name) => filter switch
    {
        null => false,
        ScimAndFilter and => Mentions(and.Left, name) || Mentions(and.Right, name),
        ScimOrFilter or => Mentions(or.Left, name) || Mentions(or.Right, name),
        ScimNotFilter not => Mentions(not.Inner, name),
        ScimComparisonFilter comparison => comparison.Path.Is(name, comparison.Path.SubAttribute),
        ScimPresentFilter present => present.Path.Is(name, present.Path.SubAttribute),
        ScimValuePathFilter valuePath => valuePath.Path.Is(name),
        _ => false,
    };

    /// <summary>
    /// Evaluates <paramref name="residual"/> over the matches of a store query, fetched <see cref="DirectorySyncOptions.MaxPageSize"/>
    /// at a time and never held all at once: only the requested page is kept. Refused with <c>tooMany</c> when the query
    /// matches more than <see cref="DirectorySyncOptions.MaxFilterScan"/>.
    /// </summary>
    /// <param name="type">The resource type.</param>
    /// <param name="query">The page asked for.</param>
    /// <param name="residual">The conditions no store query answers.</param>
    /// <param name="fetch">One chunk of the store query's matches.</param>
    /// <param name="evaluate">The resource the residual is evaluated on (only the attributes it needs).</param>
    /// <param name="finish">The resource returned for a match of the page (the attributes the response carries).</param>
    private async Task<Result<ScimPage>> ScanAsync<T>(
        ScimResourceType type,
        ScimQuery query,
        ScimFilter residual,
        Func<int, int, Task<DirectorySyncPage<T>>> fetch,
        Func<T, Task<Result<ScimResource>>> evaluate,
        Func<T, ScimResource, Task<Result<ScimResource>>> finish)
    {
        var chunk = await fetch(0, _pageSize).ConfigureAwait(false);
        if (chunk.TotalCount > _maxScan)
        {
            return ScimErrors.Create(
                ScimErrorCodes.TooMany,
                $"The filter leaves {chunk.TotalCount} {type}s to evaluate one by one, more than the {_maxScan} allowed; add an indexed condition (userName, externalId, emails.value, displayName, active eq; meta.lastModified gt) with 'and'.");
        }

        var page = new List<ScimResource>();
        var matched = 0;
        var offset = 0;
        while (true)
        {
            foreach (var item in chunk.Items)
            {
                var resource = await evaluate(item).ConfigureAwait(false);
                if (resource.IsFailure)
                {
                    return resource.Error;
                }

                if (ScimFilterEvaluator.Matches(type, resource.Value, residual))
                {
                    if (matched >= query.StartIndex - 1 && page.Count < query.Count)
                    {
                        var finished = await finish(item, resource.Value).ConfigureAwait(false);
                        if (finished.IsFailure)
                        {
                            return finished.Error;
                        }

                        page.Add(finished.Value);
                    }

                    matched++;
                }
            }

            offset += chunk.Items.Length;
            if (chunk.Items.IsEmpty || offset >= chunk.TotalCount)
            {
                return new ScimPage(page, matched);
            }

            chunk = await fetch(offset, _pageSize).ConfigureAwait(false);
        }
    }

    private static ScimPage Single(ScimQuery query, ScimResource? resource, ScimResourceType type) =>
        resource is not null && ScimFilterEvaluator.Matches(type, resource, query.Filter!)
            ? new ScimPage(query.StartIndex == 1 && query.Count > 0 ? [resource] : [], 1)
            : new ScimPage([], 0);
}
