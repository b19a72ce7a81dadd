using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>Maps <see cref="DomainLinkRow"/> to table <c>fk_domain_links</c> (primary key: the normalized domain).</summary>
internal sealed class DomainLinkRowConfiguration : IEntityTypeConfiguration<DomainLinkRow>
{
    public void Configure(EntityTypeBuilder<DomainLinkRow> builder)
    {
        builder.ToTable("fk_domain_links");
        builder.HasKey(r => r.Domain);
        builder.Property(r => r.Domain).HasMaxLength(253);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.DirectoryId);
    }
}
