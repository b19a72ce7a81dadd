namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>
/// The table row of an IdP profile. The protocol settings (SAML or OIDC; they hold no secrets, only secret references) and
/// the last test result are JSON columns, so the aggregate is written in one statement.
/// </summary>
internal sealed class IdpProfileRow
{
    public Guid Id { get; set; }

    public Guid DirectoryId { get; set; }

    public int OwnerKind { get; set; }

    public Guid OwnerId { get; set; }

    public string Name { get; set; } = string.Empty;

    public int Protocol { get; set; }

    public string SettingsJson { get; set; } = "{}";

    public bool IsActive { get; set; }

    public string? LastTestJson { get; set; }

    public long CreatedAtUnixMs { get; set; }

    public long Version { get; set; }
}
