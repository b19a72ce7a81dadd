namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>The table row of a domain link; the domain is the primary key, so a domain has at most one link.</summary>
internal sealed class DomainLinkRow
{
    public string Domain { get; set; } = string.Empty;

    public int OwnerKind { get; set; }

    public Guid OwnerId { get; set; }

    public Guid DirectoryId { get; set; }

    public long LinkedAtUnixMs { get; set; }

    public long Version { get; set; }
}
