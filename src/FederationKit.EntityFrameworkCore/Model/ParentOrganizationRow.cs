namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>The table row of a parent organization; administrators are kept as a JSON column.</summary>
internal sealed class ParentOrganizationRow
{
    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string AdministratorsJson { get; set; } = "[]";

    public long CreatedAtUnixMs { get; set; }

    public long Version { get; set; }
}
