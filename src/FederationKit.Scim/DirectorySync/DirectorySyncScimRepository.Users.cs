using System.Text.Json.Nodes;
using FederationKit.DirectorySync;
using FederationKit.DirectorySync.Users;
using FederationKit.Organizations;
using FederationKit.Scim.Filters;

namespace FederationKit.Scim.DirectorySync;

/// <summary>Users: SCIM JSON ↔ <see cref="DirectorySyncUser"/>.</summary>
public sealed partial class DirectorySyncScimRepository
{
    private async Task<Result<ScimResource>> GetUserAsync(DirectorySyncCaller caller, string id, CancellationToken cancellationToken)
    {
        if (!TryUserId(id, out var userId))
        {
            return NotFound(ScimResourceType.User, id);
        }

        var user = await _sync.GetUserAsync(caller, userId, cancellationToken).ConfigureAwait(false);
        return user.IsSuccess ? ToResource(user.Value) : DirectorySyncScimErrors.Map(user.Error);
    }

    private async Task<Result<ScimResource>> CreateUserAsync(DirectorySyncCaller caller, JsonObject json, CancellationToken cancellationToken)
    {
        var created = await _sync.CreateUserAsync(caller, ToUserInput(json), cancellationToken).ConfigureAwait(false);
        return created.IsSuccess ? ToResource(created.Value) : DirectorySyncScimErrors.Map(created.Error);
    }

    private async Task<Result<ScimResource>> ReplaceUserAsync(DirectorySyncCaller caller, string id, JsonObject json, long? version, CancellationToken cancellationToken)
    {
        if (!TryUserId(id, out var userId))
        {
            return NotFound(ScimResourceType.User, id);
        }

        var replaced = await _sync.ReplaceUserAsync(caller, userId, ToUserInput(json), version, cancellationToken).ConfigureAwait(false);
        return replaced.IsSuccess ? ToResource(replaced.Value) : DirectorySyncScimErrors.Map(replaced.Error);
    }

    private async Task<Result<ScimPage>> QueryUsersAsync(DirectorySyncCaller caller, ScimQuery query, CancellationToken cancellationToken)
    {
        if (query.Filter is null)
        {
            var page = await _sync.ListUsersAsync(caller, query.StartIndex - 1, query.Count, cancellationToken).ConfigureAwait(false);
            return new ScimPage([.. page.Items.Select(ToResource)], page.TotalCount);
        }

        var candidates = await IndexedUsersAsync(caller, query.Filter, cancellationToken).ConfigureAwait(false) ?? await AllUsersAsync(caller, cancellationToken).ConfigureAwait(false);
        var matches = candidates.Select(ToResource).Where(r => ScimFilterEvaluator.Matches(ScimResourceType.User, r, query.Filter)).ToList();
        return Page(query, matches);
    }

    /// <summary>The users an indexed equality of the filter allows, or <see langword="null"/> when the filter has none.</summary>
    private async Task<List<DirectorySyncUser>?> IndexedUsersAsync(DirectorySyncCaller caller, ScimFilter filter, CancellationToken cancellationToken)
    {
        foreach (var equal in RequiredEqualities(filter))
        {
            var value = equal.StringValue!;
            if (equal.Path.Is("userName"))
            {
                var user = await _sync.FindUserByUserNameAsync(caller, value, cancellationToken).ConfigureAwait(false);
                return user is null ? [] : [user];
            }

            if (equal.Path.Is("externalId"))
            {
                var user = await _sync.FindUserByExternalIdAsync(caller, value, cancellationToken).ConfigureAwait(false);
                return user is null ? [] : [user];
            }

            if (equal.Path.Is("emails", "value") || equal.Path.Is("emails"))
            {
                return [.. await _sync.FindUsersByEmailAsync(caller, value, cancellationToken).ConfigureAwait(false)];
            }

            if (equal.Path.Is("id"))
            {
                if (!TryUserId(value, out var userId))
                {
                    return [];
                }

                var user = await _sync.GetUserAsync(caller, userId, cancellationToken).ConfigureAwait(false);
                return user.IsSuccess ? [user.Value] : [];
            }
        }

        return null;
    }

    private async Task<List<DirectorySyncUser>> AllUsersAsync(DirectorySyncCaller caller, CancellationToken cancellationToken)
    {
        var all = new List<DirectorySyncUser>();
        while (true)
        {
            var page = await _sync.ListUsersAsync(caller, all.Count, _pageSize, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Items);
            if (page.Items.IsEmpty || all.Count >= page.TotalCount)
            {
                return all;
            }
        }
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
