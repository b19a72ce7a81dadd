using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>Maps <see cref="OwnershipTokenRow"/> to table <c>fk_ownership_tokens</c>, keyed by owner.</summary>
internal sealed class OwnershipTokenRowConfiguration : IEntityTypeConfiguration<OwnershipTokenRow>
{
    public void Configure(EntityTypeBuilder<OwnershipTokenRow> builder)
    {
        builder.ToTable("fk_ownership_tokens");
        builder.HasKey(r => new { r.OwnerKind, r.OwnerId });
        builder.Property(r => r.Value).IsRequired().HasMaxLength(128);
    }
}
