using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>Maps <see cref="ParentOrganizationRow"/> to table <c>fk_parent_organizations</c>.</summary>
internal sealed class ParentOrganizationRowConfiguration : IEntityTypeConfiguration<ParentOrganizationRow>
{
    public void Configure(EntityTypeBuilder<ParentOrganizationRow> builder)
    {
        builder.ToTable("fk_parent_organizations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).IsRequired().HasMaxLength(512);
        builder.Property(r => r.AdministratorsJson).IsRequired();
        builder.Property(r => r.Version).IsConcurrencyToken();
    }
}
