namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>The table row of a directory; <see cref="NameKey"/> is the upper-case name that the per-owner unique index uses.</summary>
internal sealed class DirectoryRow
{
    public Guid Id { get; set; }

    public int OwnerKind { get; set; }

    public Guid OwnerId { get; set; }

    public string Name { get; set; } = string.Empty;

    public string NameKey { get; set; } = string.Empty;

    public int IdentityType { get; set; }

    public bool IsDefault { get; set; }

    public bool IsEncrypted { get; set; }

    public bool IsBeingDeleted { get; set; }

    public string? MemberSubjectFormat { get; set; }

    public long CreatedAtUnixMs { get; set; }

    public long Version { get; set; }

    /// <summary>The key that makes names unique per owner regardless of case (the in-memory store compares OrdinalIgnoreCase).</summary>
    public static string ToNameKey(string name) => name.ToUpperInvariant();
}
