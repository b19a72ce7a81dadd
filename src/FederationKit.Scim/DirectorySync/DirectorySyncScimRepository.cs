using System.Globalization;
using System.Text.Json.Nodes;
using FederationKit.DirectorySync;
using FederationKit.Scim.Filters;

namespace FederationKit.Scim.DirectorySync;

/// <summary>
/// The SCIM resources of a directory on the domain's <see cref="DirectorySyncService"/>: users keyed by <c>externalId</c>
/// (userName, primary email, given/family/display name, active), groups with member rows. A filter whose conjunction
/// holds an <c>eq</c> on an indexed attribute (users: <c>userName</c>, <c>externalId</c>, <c>emails.value</c>, <c>id</c>;
/// groups: <c>displayName</c>, <c>externalId</c>, <c>id</c>) is answered by a store lookup; any other filter is evaluated
/// in memory over the directory's pages. Attributes the domain does not keep (phone numbers, enterprise attributes) are
/// not stored.
/// </summary>
public sealed partial class DirectorySyncScimRepository : IScimResourceRepository
{
    private readonly DirectorySyncService _sync;
    private readonly int _pageSize;

    /// <summary>Creates the repository.</summary>
    /// <param name="sync">The directory sync service.</param>
    /// <param name="options">Directory sync settings (page size of scans).</param>
    public DirectorySyncScimRepository(DirectorySyncService sync, DirectorySyncOptions options)
    {
        _sync = sync ?? throw new ArgumentNullException(nameof(sync));
        ArgumentNullException.ThrowIfNull(options);
        _pageSize = Math.Max(1, options.MaxPageSize);
    }

    /// <inheritdoc />
    public Task<Result<ScimResource>> GetAsync(ScimRequestContext context, ScimResourceType type, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return type == ScimResourceType.User ? GetUserAsync(Caller(context), id, cancellationToken) : GetGroupAsync(Caller(context), id, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result<ScimPage>> QueryAsync(ScimRequestContext context, ScimResourceType type, ScimQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(query);
        return type == ScimResourceType.User ? QueryUsersAsync(Caller(context), query, cancellationToken) : QueryGroupsAsync(Caller(context), query, cancellationToken);
    }

    /// <inheritdoc />
    public Task<Result<ScimResource>> CreateAsync(ScimRequestContext context, ScimResourceType type, JsonObject resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resource);
        return type == ScimResourceType.User ? CreateUserAsync(Caller(context), resource, cancellationToken) : CreateGroupAsync(Caller(context), resource, cancellationToken);
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
            ? ReplaceUserAsync(Caller(context), id, resource, version, cancellationToken)
            : ReplaceGroupAsync(Caller(context), id, resource, version, cancellationToken);
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

    /// <summary>The comparisons <c>eq</c> that every match of <paramref name="filter"/> must satisfy (the conjuncts of its top-level <c>and</c>s).</summary>
    private static IEnumerable<ScimComparisonFilter> RequiredEqualities(ScimFilter filter) => filter switch
    {
        ScimAndFilter and => RequiredEqualities(and.Left).Concat(RequiredEqualities(and.Right)),
        ScimComparisonFilter { Operator: ScimComparisonOperator.Equal } equal when equal.StringValue is not null => [equal],
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

    private static ScimPage Page(ScimQuery query, List<ScimResource> matches) =>
        new([.. matches.OrderBy(r => r.Id, StringComparer.Ordinal).Skip(query.StartIndex - 1).Take(query.Count)], matches.Count);
}
