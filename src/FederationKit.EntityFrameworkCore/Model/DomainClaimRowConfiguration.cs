using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>
/// Maps <see cref="DomainClaimRow"/> to table <c>fk_domain_claims</c>: unique (owner, domain), unique verified domain (nulls
/// are distinct on SQLite and PostgreSQL, so only verified rows compete), and an index for the due-check scan.
/// </summary>
internal sealed class DomainClaimRowConfiguration : IEntityTypeConfiguration<DomainClaimRow>
{
    public void Configure(EntityTypeBuilder<DomainClaimRow> builder)
    {
        builder.ToTable("fk_domain_claims");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Domain).IsRequired().HasMaxLength(253);
        builder.Property(r => r.VerifiedDomain).HasMaxLength(253);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.OwnerKind, r.OwnerId, r.Domain }).IsUnique();
        builder.HasIndex(r => r.VerifiedDomain).IsUnique();
        builder.HasIndex(r => r.Domain);
        builder.HasIndex(r => r.NextCheckAtUnixMs);
    }
}
