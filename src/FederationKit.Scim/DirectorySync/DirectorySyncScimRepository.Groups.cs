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
    /// <summary>How many of a group's members a read includes.</summary>
    private enum MemberRead
    {
        /// <summary>None (<c>excludedAttributes=members</c>).</summary>
        None,

        /// <summary>The first <see cref="DirectorySyncOptions.MaxGroupMembersReturned"/> by id (a GET or list).</summary>
        Capped,

        /// <summary>Every member (the read PUT and PATCH change).</summary>
        All,
    }

    private async Task<Result<ScimResource>> GetGroupAsync(DirectorySyncCaller caller, string id, MemberRead members, CancellationToken cancellationToken)
    {
        if (!TryGroupId(id, out var groupId))
        {
            return NotFound(ScimResourceType.Group, id);
        }

        var group = await _sync.GetGroupAsync(caller, groupId, cancellationToken).ConfigureAwait(false);
        return group.IsSuccess ? await ToResourceAsync(caller, group.Value, members, cancellationToken).ConfigureAwait(false) : DirectorySyncScimErrors.Map(group.Error);
    }

    private async Task<Result<ScimResource>> CreateGroupAsync(DirectorySyncCaller caller, JsonObject json, CancellationToken cancellationToken)
    {
        var input = ToGroupInput(json);
        if (input.IsFailure)
        {
            return input.Error;
        }

        var created = await _sync.CreateGroupAsync(caller, input.Value, cancellationToken).ConfigureAwait(false);
        return created.IsSuccess ? await ToResourceAsync(caller, created.Value, MemberRead.Capped, cancellationToken).ConfigureAwait(false) : DirectorySyncScimErrors.Map(created.Error);
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
        return replaced.IsSuccess ? await ToResourceAsync(caller, replaced.Value, MemberRead.Capped, cancellationToken).ConfigureAwait(false) : DirectorySyncScimErrors.Map(replaced.Error);
    }

    /// <summary>One store query for the filter's indexed conjuncts (<c>id</c> and <c>members.value eq</c> included) and the page; any other condition is evaluated page by page over its matches.</summary>
    private async Task<Result<ScimPage>> QueryGroupsAsync(DirectorySyncCaller caller, ScimQuery query, CancellationToken cancellationToken)
    {
        var returned = query.Projection.Returns("members") ? MemberRead.Capped : MemberRead.None;
        var (criteria, residual, impossible) = DirectorySyncScimFilters.ForGroups(query.Filter);
        if (impossible)
        {
            return new ScimPage([], 0);
        }

        if (residual is not null)
        {
            // Members are read for the filter only when it names them (refused above the member cap), else for the page's groups only.
            var membersFiltered = Mentions(residual, "members");
            return await ScanAsync(
                ScimResourceType.Group,
                query,
                residual,
                (offset, count) => _sync.QueryGroupsAsync(caller, criteria, offset, count, cancellationToken),
                async group =>
                {
                    if (membersFiltered && await TooManyMembersAsync(caller, group.Id.Value.ToString("D"), cancellationToken).ConfigureAwait(false) is { } refused)
                    {
                        return refused;
                    }

                    return await ToResourceAsync(caller, group, membersFiltered ? MemberRead.Capped : MemberRead.None, cancellationToken).ConfigureAwait(false);
                },
                async (group, evaluated) => (membersFiltered, returned) switch
                {
                    (false, MemberRead.Capped) => Result<ScimResource>.Success(await ToResourceAsync(caller, group, MemberRead.Capped, cancellationToken).ConfigureAwait(false)),
                    (true, MemberRead.None) => Result<ScimResource>.Success(WithoutMembers(evaluated)),
                    _ => Result<ScimResource>.Success(evaluated),
                }).ConfigureAwait(false);
        }

        var list = await _sync.QueryGroupsAsync(caller, criteria, query.StartIndex - 1, query.Count, cancellationToken).ConfigureAwait(false);
        var resources = new List<ScimResource>(list.Items.Length);
        foreach (var group in list.Items)
        {
            resources.Add(await ToResourceAsync(caller, group, returned, cancellationToken).ConfigureAwait(false));
        }

        return new ScimPage(resources, list.TotalCount);
    }

    /// <summary>A filter on members is evaluated over the members a read returns; a group with more is refused rather than judged on part of them.</summary>
    private async Task<FederationError?> TooManyMembersAsync(DirectorySyncCaller caller, string id, CancellationToken cancellationToken)
    {
        if (!TryGroupId(id, out var groupId))
        {
            return null;
        }

        var page = await _sync.ListGroupMembersAsync(caller, groupId, 0, 0, cancellationToken).ConfigureAwait(false);
        return page.IsSuccess && page.Value.TotalCount > _maxMembers
            ? ScimErrors.Create(ScimErrorCodes.TooMany, $"The group '{id}' has {page.Value.TotalCount} members, more than the {_maxMembers} a filter on members is evaluated over; use members.value eq \"<user id>\".")
            : null;
    }

    private static ScimResource WithoutMembers(ScimResource resource)
    {
        var json = (JsonObject)resource.Attributes.DeepClone();
        json.Remove("members");
        return resource with { Attributes = json };
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

    private async Task<ScimResource> ToResourceAsync(DirectorySyncCaller caller, DirectoryGroup group, MemberRead read, CancellationToken cancellationToken)
    {
        var json = new JsonObject { ["schemas"] = new JsonArray(ScimDefaults.GroupSchema), ["displayName"] = group.DisplayName };
        if (group.ExternalId is not null)
        {
            json["externalId"] = group.ExternalId;
        }

        if (read != MemberRead.None)
        {
            var limit = read == MemberRead.All ? int.MaxValue : _maxMembers;
            var members = new JsonArray();
            while (members.Count < limit)
            {
                var page = await _sync.ListGroupMembersAsync(caller, group.Id, members.Count, Math.Min(_pageSize, limit - members.Count), cancellationToken).ConfigureAwait(false);
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
