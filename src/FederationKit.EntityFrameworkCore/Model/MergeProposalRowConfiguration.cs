using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>Maps <see cref="MergeProposalRow"/> to table <c>fk_merge_proposals</c> with one active proposal per organization.</summary>
internal sealed class MergeProposalRowConfiguration : IEntityTypeConfiguration<MergeProposalRow>
{
    public void Configure(EntityTypeBuilder<MergeProposalRow> builder)
    {
        builder.ToTable("fk_merge_proposals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.RejectionReason).HasMaxLength(1024);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.ActiveOrganizationId).IsUnique();
        builder.HasIndex(r => r.OrganizationId);
        builder.HasIndex(r => r.ParentId);
    }
}
