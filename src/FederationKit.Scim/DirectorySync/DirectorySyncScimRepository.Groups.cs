using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FederationKit.DirectorySync;
using FederationKit.DirectorySync.Groups;
using FederationKit.Organizations;
using FederationKit.Scim.Filters;

namespace FederationKit.Scim.DirectorySync;

/// <summary>Groups: SCIM JSON ↔ <see cref="DirectoryGroup"/> and its member rows.</summary>
public sealed partial class DirectorySyncScimRepository
{
    private async Task<Result<ScimResource>> GetGroupAsync(DirectorySyncCaller caller, string id, CancellationToken cancellationToken)
    {
        if (!TryGroupId(id, out var groupId))
        {
            return NotFound(ScimResourceType.Group, id);
        }

        var group = await _sync.GetGroupAsync(caller, groupId, cancellationToken).ConfigureAwait(false);
        return group.IsSuccess ? await ToResourceAsync(caller, group.Value, withMembers: true, cancellationToken).ConfigureAwait(false) : DirectorySyncScimErrors.Map(group.Error);
    }

    private async Task<Result<ScimResource>> CreateGroupAsync(DirectorySyncCaller caller, JsonObject json, CancellationToken cancellationToken)
    {
        var input = ToGroupInput(json);
        if (input.IsFailure)
        {
            return input.Error;
        }

        var created = await _sync.CreateGroupAsync(caller, input.Value, cancellationToken).ConfigureAwait(false);
        return created.IsSuccess ? await ToResourceAsync(caller, created.Value, withMembers: true, cancellationToken).ConfigureAwait(false) : DirectorySyncScimErrors.Map(created.Error);
    }

    private async Task<Result<ScimResource>> ReplaceGroupAsync(DirectorySyncCaller caller, string id, JsonObject json, long? version, CancellationToken cancellationToken)
    {
        if (!TryGroupId(id, out var groupId))
        {
            return NotFound(ScimResourceType.Group, id);
        }

        var input = ToGroupInput(json);
        if (input.IsFailure)
        {
            return input.Error;
        }

        var replaced = await _sync.ReplaceGroupAsync(caller, groupId, input.Value, version, cancellationToken).ConfigureAwait(false);
        return replaced.IsSuccess ? await ToResourceAsync(caller, replaced.Value, withMembers: true, cancellationToken).ConfigureAwait(false) : DirectorySyncScimErrors.Map(replaced.Error);
    }

    private async Task<Result<ScimPage>> QueryGroupsAsync(DirectorySyncCaller caller, ScimQuery query, CancellationToken cancellationToken)
    {
        if (query.Filter is null)
        {
            var page = await _sync.ListGroupsAsync(caller, query.StartIndex - 1, query.Count, cancellationToken).ConfigureAwait(false);
            var resources = new List<ScimResource>(page.Items.Length);
            foreach (var group in page.Items)
            {
                resources.Add(await ToResourceAsync(caller, group, withMembers: true, cancellationToken).ConfigureAwait(false));
            }

            return new ScimPage(resources, page.TotalCount);
        }

        var withMembers = Mentions(query.Filter, "members");
        var candidates = await IndexedGroupsAsync(caller, query.Filter, cancellationToken).ConfigureAwait(false) ?? await AllGroupsAsync(caller, cancellationToken).ConfigureAwait(false);
        var matches = new List<ScimResource>();
        foreach (var group in candidates)
        {
            var resource = await ToResourceAsync(caller, group, withMembers, cancellationToken).ConfigureAwait(false);
            if (ScimFilterEvaluator.Matches(ScimResourceType.Group, resource, query.Filter))
            {
                matches.Add(resource);
            }
        }

        var pageOfMatches = Page(query, matches);
        if (withMembers)
        {
            return pageOfMatches;
        }

        // The page's groups are returned with their members.
        var complete = new List<ScimResource>(pageOfMatches.Resources.Count);
        foreach (var resource in pageOfMatches.Resources)
        {
            var full = await GetGroupAsync(caller, resource.Id, cancellationToken).ConfigureAwait(false);
            complete.Add(full.IsSuccess ? full.Value : resource);
        }

        return pageOfMatches with { Resources = complete };
    }

    private async Task<List<DirectoryGroup>?> IndexedGroupsAsync(DirectorySyncCaller caller, ScimFilter filter, CancellationToken cancellationToken)
    {
        foreach (var equal in RequiredEqualities(filter))
        {
            var value = equal.StringValue!;
            if (equal.Path.Is("displayName"))
            {
                // The store compares display names exactly; SCIM's displayName ignores case, so a miss falls back to a scan.
                var group = await _sync.FindGroupByDisplayNameAsync(caller, value, cancellationToken).ConfigureAwait(false);
                if (group is not null)
                {
                    return [group];
                }

                return null;
            }

            if (equal.Path.Is("externalId"))
            {
                var group = await _sync.FindGroupByExternalIdAsync(caller, value, cancellationToken).ConfigureAwait(false);
                return group is null ? [] : [group];
            }

            if (equal.Path.Is("id"))
            {
                if (!TryGroupId(value, out var groupId))
                {
                    return [];
                }

                var group = await _sync.GetGroupAsync(caller, groupId, cancellationToken).ConfigureAwait(false);
                return group.IsSuccess ? [group.Value] : [];
            }
        }

        return null;
    }

    private async Task<List<DirectoryGroup>> AllGroupsAsync(DirectorySyncCaller caller, CancellationToken cancellationToken)
    {
        var all = new List<DirectoryGroup>();
        while (true)
        {
            var page = await _sync.ListGroupsAsync(caller, all.Count, _pageSize, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Items);
            if (page.Items.IsEmpty || all.Count >= page.TotalCount)
            {
                return all;
            }
        }
    }

    private static Result<DirectoryGroupInput> ToGroupInput(JsonObject json)
    {
        var members = ImmutableArray.CreateBuilder<UserId>();
        if (JsonNames.Get(json, "members") is JsonArray list)
        {
            foreach (var member in list.OfType<JsonObject>())
            {
                var value = Text(member, "value");
                if (value is null || !TryUserId(value, out var userId))
                {
                    return ScimErrors.Create(ScimErrorCodes.InvalidValue, $"The member '{value}' is not the id of a user of this directory.");
                }

                var type = Text(member, "type");
                if (type is not null && !string.Equals(type, "User", StringComparison.OrdinalIgnoreCase))
                {
                    return ScimErrors.Create(ScimErrorCodes.InvalidValue, "Only users can be members of a group here; nested groups are not supported.");
                }

                members.Add(userId);
            }
        }

        return new DirectoryGroupInput(Text(json, "displayName") ?? string.Empty, Text(json, "externalId"), members.ToImmutable().Distinct().ToImmutableArray());
    }

    private async Task<ScimResource> ToResourceAsync(DirectorySyncCaller caller, DirectoryGroup group, bool withMembers, CancellationToken cancellationToken)
    {
        var json = new JsonObject { ["schemas"] = new JsonArray(ScimDefaults.GroupSchema), ["displayName"] = group.DisplayName };
        if (group.ExternalId is not null)
        {
            json["externalId"] = group.ExternalId;
        }

        if (withMembers)
        {
            var members = new JsonArray();
            while (true)
            {
                var page = await _sync.ListGroupMembersAsync(caller, group.Id, members.Count, _pageSize, cancellationToken).ConfigureAwait(false);
                if (page.IsFailure)
                {
                    break;
                }

                foreach (var member in page.Value.Items)
                {
                    members.Add(new JsonObject { ["value"] = member.Value.ToString("D"), ["type"] = "User" });
                }

                if (page.Value.Items.IsEmpty || members.Count >= page.Value.TotalCount)
                {
                    break;
                }
            }

            if (members.Count > 0)
            {
                json["members"] = members;
            }
        }

        return new ScimResource(group.Id.Value.ToString("D"), VersionOf(group.Version), json) { Created = group.CreatedAt, LastModified = group.LastModifiedAt };
    }

    private static bool TryGroupId(string id, out DirectoryGroupId groupId)
    {
        var ok = Guid.TryParse(id, out var guid);
        groupId = new DirectoryGroupId(guid);
        return ok;
    }
}
