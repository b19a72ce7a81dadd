namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>The table row of a directory group; its members are <see cref="DirectoryGroupMemberRow"/> rows.</summary>
internal sealed class DirectoryGroupRow
{
    public Guid Id { get; set; }

    public Guid DirectoryId { get; set; }

    public string DisplayName { get; set; } = string.Empty;

    public string? ExternalId { get; set; }

    public long CreatedAtUnixMs { get; set; }

    public long LastModifiedAtUnixMs { get; set; }

    public long Version { get; set; }
}
