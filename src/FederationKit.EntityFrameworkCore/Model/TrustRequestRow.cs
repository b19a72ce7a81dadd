namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>The table row of a directory trust request; the trustee users are a JSON column.</summary>
internal sealed class TrustRequestRow
{
    public Guid Id { get; set; }

    public Guid DirectoryId { get; set; }

    public int DirectoryOwnerKind { get; set; }

    public Guid DirectoryOwnerId { get; set; }

    public Guid TrusteeOrganizationId { get; set; }

    public Guid RequesterUserId { get; set; }

    public string RequesterName { get; set; } = string.Empty;

    public string RequesterEmail { get; set; } = string.Empty;

    public string RequesterOrganizationName { get; set; } = string.Empty;

    public string Domain { get; set; } = string.Empty;

    public int State { get; set; }

    public long RequestedAtUnixMs { get; set; }

    public long LastSentAtUnixMs { get; set; }

    public int ResendCount { get; set; }

    public long? DecidedAtUnixMs { get; set; }

    public string? RejectionReason { get; set; }

    public string TrusteeUsersJson { get; set; } = "[]";

    public long Version { get; set; }
}
