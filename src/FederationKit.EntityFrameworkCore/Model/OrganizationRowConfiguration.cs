using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>Maps <see cref="OrganizationRow"/> to table <c>fk_organizations</c>.</summary>
internal sealed class OrganizationRowConfiguration : IEntityTypeConfiguration<OrganizationRow>
{
    public void Configure(EntityTypeBuilder<OrganizationRow> builder)
    {
        builder.ToTable("fk_organizations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).IsRequired().HasMaxLength(512);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.ParentId);
    }
}
