namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>The table row of an organization (its members, and which of them are break-glass accounts, are rows of <c>fk_memberships</c>).</summary>
internal sealed class OrganizationRow
{
    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public Guid? ParentId { get; set; }

    public bool OnlySso { get; set; }

    public long CreatedAtUnixMs { get; set; }

    public long Version { get; set; }
}
