namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>The table row of a SCIM token: only the SHA-256 hash of its secret, never the secret.</summary>
internal sealed class DirectorySyncTokenRow
{
    public string Id { get; set; } = string.Empty;

    public Guid DirectoryId { get; set; }

    public string SecretHash { get; set; } = string.Empty;

    public long CreatedAtUnixMs { get; set; }

    public Guid CreatedBy { get; set; }

    public long? ExpiresAtUnixMs { get; set; }

    public long? RevokedAtUnixMs { get; set; }

    public long Version { get; set; }
}
