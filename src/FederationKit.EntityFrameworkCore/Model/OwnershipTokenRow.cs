namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>The table row of an owner's DNS ownership token (one per owner: the owner is the key).</summary>
internal sealed class OwnershipTokenRow
{
    public int OwnerKind { get; set; }

    public Guid OwnerId { get; set; }

    public string Value { get; set; } = string.Empty;

    public long CreatedAtUnixMs { get; set; }
}
