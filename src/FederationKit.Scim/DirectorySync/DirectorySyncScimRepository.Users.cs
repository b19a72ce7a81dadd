using System.Text.Json.Nodes;
using FederationKit.DirectorySync;
using FederationKit.DirectorySync.Users;
using FederationKit.Organizations;

namespace FederationKit.Scim.DirectorySync;

/// <summary>Users: SCIM JSON ↔ <see cref="DirectorySyncUser"/>.</summary>
public sealed partial class DirectorySyncScimRepository
{
    private async Task<Result<ScimResource>> GetUserAsync(DirectorySyncCaller caller, string? baseUrl, string id, ScimProjection projection, CancellationToken cancellationToken)
    {
        if (!TryUserId(id, out var userId))
        {
            return NotFound(ScimResourceType.User, id);
        }

        var user = await _sync.GetUserAsync(caller, userId, cancellationToken).ConfigureAwait(false);
        return user.IsSuccess
            ? await ToResourceAsync(caller, baseUrl, user.Value, projection.Returns("groups"), cancellationToken).ConfigureAwait(false)
            : DirectorySyncScimErrors.Map(user.Error);
    }

    private async Task<Result<ScimResource>> CreateUserAsync(DirectorySyncCaller caller, string? baseUrl, JsonObject json, CancellationToken cancellationToken)
    {
        var created = await _sync.CreateUserAsync(caller, ToUserInput(json), cancellationToken).ConfigureAwait(false);
        return created.IsSuccess
            ? await ToResourceAsync(caller, baseUrl, created.Value, withGroups: true, cancellationToken).ConfigureAwait(false)
            : DirectorySyncScimErrors.Map(created.Error);
    }

    private async Task<Result<ScimResource>> ReplaceUserAsync(DirectorySyncCaller caller, string? baseUrl, string id, JsonObject json, long? version, CancellationToken cancellationToken)
    {
        if (!TryUserId(id, out var userId))
        {
            return NotFound(ScimResourceType.User, id);
        }

        var replaced = await _sync.ReplaceUserAsync(caller, userId, ToUserInput(json), version, cancellationToken).ConfigureAwait(false);
        return replaced.IsSuccess
            ? await ToResourceAsync(caller, baseUrl, replaced.Value, withGroups: true, cancellationToken).ConfigureAwait(false)
            : DirectorySyncScimErrors.Map(replaced.Error);
    }

    /// <summary>One store query for the filter's indexed conjuncts and the page; any other condition is evaluated page by page over its matches.</summary>
    private async Task<Result<ScimPage>> QueryUsersAsync(DirectorySyncCaller caller, string? baseUrl, ScimQuery query, CancellationToken cancellationToken)
    {
        var returnsGroups = query.Projection.Returns("groups");
        var filtersGroups = Mentions(query.Filter, "groups");
        Task<Result<ScimResource>> Render(DirectorySyncUser user) => ToResourceAsync(caller, baseUrl, user, returnsGroups || filtersGroups, cancellationToken);

        if (query.Filter is not null && RequiredIds(query.Filter).FirstOrDefault() is { } id)
        {
            ScimResource? resource = null;
            if (TryUserId(id, out var userId) && await _sync.GetUserAsync(caller, userId, cancellationToken).ConfigureAwait(false) is { IsSuccess: true } user)
            {
                var rendered = await Render(user.Value).ConfigureAwait(false);
                resource = rendered.IsSuccess ? rendered.Value : null;
            }

            return Single(query, resource, ScimResourceType.User);
        }

        var (criteria, residual, _) = DirectorySyncScimFilters.ForUsers(query.Filter);
        if (residual is not null)
        {
            // The groups are read for the filter only when it names them, else for the page's users only (one query).
            var scanned = await ScanAsync(
                ScimResourceType.User,
                query,
                residual,
                (offset, count) => _sync.QueryUsersAsync(caller, criteria, offset, count, cancellationToken),
                user => ToResourceAsync(caller, baseUrl, user, filtersGroups, cancellationToken),
                (_, evaluated) => Task.FromResult(Result<ScimResource>.Success(evaluated))).ConfigureAwait(false);
            if (scanned.IsSuccess && returnsGroups && !filtersGroups)
            {
                await AttachGroupsAsync(caller, baseUrl, scanned.Value.Resources, cancellationToken).ConfigureAwait(false);
            }

            return scanned;
        }

        var page = await _sync.QueryUsersAsync(caller, criteria, query.StartIndex - 1, query.Count, cancellationToken).ConfigureAwait(false);
        var resources = page.Items.Select(ToResource).ToList();
        if (returnsGroups)
        {
            await AttachGroupsAsync(caller, baseUrl, resources, cancellationToken).ConfigureAwait(false);
        }

        return new ScimPage(resources, page.TotalCount);
    }

    private static DirectorySyncUserInput ToUserInput(JsonObject json)
    {
        var name = JsonNames.Get(json, "name") as JsonObject;
        var active = JsonNames.Get(json, "active") is JsonValue a && a.TryGetValue<bool>(out var isActive) ? isActive : true;
        return new DirectorySyncUserInput(
            UserName: Text(json, "userName") ?? string.Empty,
            ExternalId: Text(json, "externalId"),
            Email: PrimaryEmail(json) ?? string.Empty,
            GivenName: name is null ? null : Text(name, "givenName"),
            FamilyName: name is null ? null : Text(name, "familyName"),
            DisplayName: Text(json, "displayName"),
            Active: active);
    }

    /// <summary>The primary email, else the work email, else the first; Entra ID and Okta send one work email marked primary.</summary>
    private static string? PrimaryEmail(JsonObject json)
    {
        if (JsonNames.Get(json, "emails") is not JsonArray emails)
        {
            return null;
        }

        var values = emails.OfType<JsonObject>().Where(e => Text(e, "value") is { Length: > 0 }).ToList();
        var chosen = values.FirstOrDefault(e => JsonNames.Get(e, "primary") is JsonValue p && p.TryGetValue<bool>(out var primary) && primary)
            ?? values.FirstOrDefault(e => string.Equals(Text(e, "type"), "work", StringComparison.OrdinalIgnoreCase))
            ?? values.FirstOrDefault();
        return chosen is null ? null : Text(chosen, "value");
    }

    /// <summary>The user's SCIM JSON; with <paramref name="withGroups"/> its read-only <c>groups</c>.</summary>
    private async Task<Result<ScimResource>> ToResourceAsync(DirectorySyncCaller caller, string? baseUrl, DirectorySyncUser user, bool withGroups, CancellationToken cancellationToken)
    {
        var resource = ToResource(user);
        if (withGroups)
        {
            await AttachGroupsAsync(caller, baseUrl, [resource], cancellationToken).ConfigureAwait(false);
        }

        return resource;
    }

    /// <summary>
    /// Adds the read-only <c>groups</c> (RFC 7643 §4.1.2: value, display, $ref and type of each group the user is a direct
    /// member of, at most <see cref="DirectorySyncOptions.MaxPageSize"/>) to users' resources, in one store query for all.
    /// </summary>
    private async Task AttachGroupsAsync(DirectorySyncCaller caller, string? baseUrl, IReadOnlyList<ScimResource> users, CancellationToken cancellationToken)
    {
        if (users.Count == 0)
        {
            return;
        }

        var ids = users.Select(u => TryUserId(u.Id, out var id) ? id : default).ToList();
        var groups = await _sync.ListGroupsOfUsersAsync(caller, ids, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < users.Count; i++)
        {
            if (!groups.TryGetValue(ids[i], out var memberOf) || memberOf.Count == 0)
            {
                continue;
            }

            var list = new JsonArray();
            foreach (var group in memberOf)
            {
                var id = group.Id.Value.ToString("D");
                var value = new JsonObject { ["value"] = id, ["display"] = group.DisplayName, ["type"] = "direct" };
                if (baseUrl is not null)
                {
                    value["$ref"] = baseUrl.TrimEnd('/') + "/Groups/" + id;
                }

                list.Add(value);
            }

            users[i].Attributes["groups"] = list;
        }
    }

    private static ScimResource ToResource(DirectorySyncUser user)
    {
        var json = new JsonObject { ["schemas"] = new JsonArray(ScimDefaults.UserSchema) };
        if (user.UserName is not null)
        {
            json["userName"] = user.UserName;
        }

        if (user.ExternalId is not null)
        {
            json["externalId"] = user.ExternalId;
        }

        json["active"] = user.Active;
        if (user.DisplayName is not null)
        {
            json["displayName"] = user.DisplayName;
        }

        if (user.GivenName is not null || user.FamilyName is not null)
        {
            var name = new JsonObject();
            if (user.GivenName is not null)
            {
                name["givenName"] = user.GivenName;
            }

            if (user.FamilyName is not null)
            {
                name["familyName"] = user.FamilyName;
            }

            json["name"] = name;
        }

        if (user.Email.Length > 0)
        {
            json["emails"] = new JsonArray(new JsonObject { ["value"] = user.Email, ["type"] = "work", ["primary"] = true });
        }

        return new ScimResource(user.Id.Value.ToString("D"), VersionOf(user.Version), json) { Created = user.CreatedAt, LastModified = user.LastModifiedAt };
    }

    private static bool TryUserId(string id, out UserId userId)
    {
        var ok = Guid.TryParse(id, out var guid);
        userId = new UserId(guid);
        return ok;
    }
}
