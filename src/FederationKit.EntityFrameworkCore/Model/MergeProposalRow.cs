namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>
/// The table row of a merge proposal. <see cref="ActiveOrganizationId"/> holds the organization only while the proposal is
/// open or completing (null otherwise); its unique index allows one active proposal per organization on every provider.
/// </summary>
internal sealed class MergeProposalRow
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid? ActiveOrganizationId { get; set; }

    public Guid ParentId { get; set; }

    public Guid ProposedBy { get; set; }

    public long CreatedAtUnixMs { get; set; }

    public long ExpiresAtUnixMs { get; set; }

    public int Status { get; set; }

    public Guid? OrganizationApprovedBy { get; set; }

    public Guid? ParentApprovedBy { get; set; }

    public Guid? DecidedBy { get; set; }

    public long? DecidedAtUnixMs { get; set; }

    public string? RejectionReason { get; set; }

    public long Version { get; set; }
}
