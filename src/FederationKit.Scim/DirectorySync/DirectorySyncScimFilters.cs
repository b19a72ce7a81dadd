using System.Globalization;
using System.Text.Json;
using FederationKit.DirectorySync.Groups;
using FederationKit.DirectorySync.Users;
using FederationKit.Organizations;
using FederationKit.Scim.Filters;

namespace FederationKit.Scim.DirectorySync;

/// <summary>
/// Splits a SCIM filter into what the stores answer and what is left: the conjuncts of its top-level <c>and</c>s that are
/// <c>eq</c> on <c>userName</c>, <c>externalId</c>, <c>emails.value</c>, <c>displayName</c>, <c>active</c> (users),
/// <c>id</c>, <c>displayName</c>, <c>externalId</c>, <c>members.value</c> (groups), or <c>gt</c>/<c>ge</c> on <c>meta.lastModified</c>,
/// become store criteria; every other conjunct is the residual, evaluated over the criteria's matches.
/// </summary>
internal static class DirectorySyncScimFilters
{
    /// <summary>The user criteria and the residual filter (null when the store answers the whole filter); <c>Impossible</c> when no user can match.</summary>
    public static (DirectorySyncUserCriteria Criteria, ScimFilter? Residual, bool Impossible) ForUsers(ScimFilter? filter)
    {
        var criteria = DirectorySyncUserCriteria.All;
        var residual = new List<ScimFilter>();
        foreach (var conjunct in Conjuncts(filter))
        {
            if (TryEqual(conjunct, "userName", out var userName) && criteria.UserName is null)
            {
                criteria = criteria with { UserName = userName };
            }
            else if (TryEqual(conjunct, "externalId", out var externalId) && criteria.ExternalId is null)
            {
                criteria = criteria with { ExternalId = externalId };
            }
            else if ((TryEqual(conjunct, "emails", out var email, "value") || TryEqual(conjunct, "emails", out email) || TryValueEqual(conjunct, "emails", out email)) && criteria.Email is null)
            {
                criteria = criteria with { Email = email };
            }
            else if (TryEqual(conjunct, "displayName", out var displayName) && criteria.DisplayName is null)
            {
                criteria = criteria with { DisplayName = displayName };
            }
            else if (TryActive(conjunct, out var active) && criteria.Active is null)
            {
                criteria = criteria with { Active = active };
            }
            else if (TryModifiedAfter(conjunct, out var after) && criteria.ModifiedAfter is null)
            {
                criteria = criteria with { ModifiedAfter = after };
            }
            else
            {
                residual.Add(conjunct);
            }
        }

        return (criteria, And(residual), false);
    }

    /// <summary>The group criteria and the residual filter; <c>Impossible</c> when no group can match (a member value that is no user id).</summary>
    public static (DirectoryGroupCriteria Criteria, ScimFilter? Residual, bool Impossible) ForGroups(ScimFilter? filter)
    {
        var criteria = DirectoryGroupCriteria.All;
        var residual = new List<ScimFilter>();
        var impossible = false;
        foreach (var conjunct in Conjuncts(filter))
        {
            if (TryEqual(conjunct, "id", out var id) && criteria.Id is null)
            {
                if (Guid.TryParse(id, out var groupId))
                {
                    criteria = criteria with { Id = new DirectoryGroupId(groupId) };
                }
                else
                {
                    impossible = true;
                }
            }
            else if (TryEqual(conjunct, "displayName", out var displayName) && criteria.DisplayName is null)
            {
                criteria = criteria with { DisplayName = displayName };
            }
            else if (TryEqual(conjunct, "externalId", out var externalId) && criteria.ExternalId is null)
            {
                criteria = criteria with { ExternalId = externalId };
            }
            else if ((TryEqual(conjunct, "members", out var member, "value") || TryEqual(conjunct, "members", out member) || TryValueEqual(conjunct, "members", out member)) && criteria.Member is null)
            {
                if (Guid.TryParse(member, out var userId))
                {
                    criteria = criteria with { Member = new UserId(userId) };
                }
                else
                {
                    impossible = true;
                }
            }
            else if (TryModifiedAfter(conjunct, out var after) && criteria.ModifiedAfter is null)
            {
                criteria = criteria with { ModifiedAfter = after };
            }
            else
            {
                residual.Add(conjunct);
            }
        }

        return (criteria, And(residual), impossible);
    }

    private static IEnumerable<ScimFilter> Conjuncts(ScimFilter? filter) => filter switch
    {
        null => [],
        ScimAndFilter and => Conjuncts(and.Left).Concat(Conjuncts(and.Right)),
        _ => [filter],
    };

    private static ScimFilter? And(List<ScimFilter> filters) => filters.Count == 0 ? null : filters.Aggregate((a, b) => new ScimAndFilter(a, b));

    private static bool TryEqual(ScimFilter filter, string name, out string value, string? subAttribute = null)
    {
        if (filter is ScimComparisonFilter { Operator: ScimComparisonOperator.Equal } equal && equal.Path.Is(name, subAttribute) && IsCore(equal.Path) && equal.StringValue is { } text)
        {
            value = text;
            return true;
        }

        value = string.Empty;
        return false;
    }

    /// <summary><c>name[value eq "…"]</c>: the value-path form Entra ID sends for members.</summary>
    private static bool TryValueEqual(ScimFilter filter, string name, out string value)
    {
        value = string.Empty;
        return filter is ScimValuePathFilter valuePath && valuePath.Path.Is(name) && IsCore(valuePath.Path) && TryEqual(valuePath.Filter, "value", out value);
    }

    private static bool TryActive(ScimFilter filter, out bool active)
    {
        active = false;
        if (filter is not ScimComparisonFilter { Operator: ScimComparisonOperator.Equal, Value: { } value } equal || !equal.Path.Is("active") || !IsCore(equal.Path))
        {
            return false;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                active = true;
                return true;
            case JsonValueKind.False:
                return true;
            case JsonValueKind.String:
                return bool.TryParse(value.GetValue<string>(), out active);
            default:
                return false;
        }
    }

    /// <summary><c>meta.lastModified gt t</c> is "after t"; <c>ge t</c> is "after t − 1 ms" at whole milliseconds (the stores' precision).</summary>
    private static bool TryModifiedAfter(ScimFilter filter, out DateTimeOffset after)
    {
        after = default;
        if (filter is not ScimComparisonFilter { Operator: ScimComparisonOperator.GreaterThan or ScimComparisonOperator.GreaterThanOrEqual } comparison
            || !comparison.Path.Is("meta", "lastModified")
            || comparison.StringValue is not { } text
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return false;
        }

        var wholeMs = DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds());
        after = comparison.Operator == ScimComparisonOperator.GreaterThanOrEqual && wholeMs == instant ? instant.AddMilliseconds(-1) : instant;
        return true;
    }

    /// <summary>A path with no schema URN or the core schema's (an extension's attribute of the same name is another attribute).</summary>
    private static bool IsCore(ScimAttributePath path) =>
        path.SchemaUrn is null || path.SchemaUrn.StartsWith("urn:ietf:params:scim:schemas:core:2.0:", StringComparison.OrdinalIgnoreCase);
}
