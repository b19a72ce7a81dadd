using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using FederationKit.Organizations;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>The JSON shape of one parent-organization administrator in its administrators column, and the conversion to and from the domain.</summary>
internal sealed record MemberDocument(Guid UserId, string Email, OrganizationRole Role)
{
    /// <summary>Written only when true, so documents written before the flag existed read as false.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool RoleFromAdminMapping { get; init; }

    public static string Serialize(ImmutableList<OrganizationMember> members) =>
        JsonSerializer.Serialize(members.Select(m => new MemberDocument(m.UserId.Value, m.Email, m.Role) { RoleFromAdminMapping = m.RoleFromAdminMapping }).ToList());

    public static ImmutableList<OrganizationMember> Deserialize(string json) =>
        (JsonSerializer.Deserialize<List<MemberDocument>>(json) ?? [])
            .Select(d => new OrganizationMember(new UserId(d.UserId), d.Email, d.Role) { RoleFromAdminMapping = d.RoleFromAdminMapping })
            .ToImmutableList();
}
