using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>Maps <see cref="SecretRow"/> to table <c>fk_secrets</c>.</summary>
internal sealed class SecretRowConfiguration : IEntityTypeConfiguration<SecretRow>
{
    public void Configure(EntityTypeBuilder<SecretRow> builder)
    {
        builder.ToTable("fk_secrets");
        builder.HasKey(r => r.Reference);
        builder.Property(r => r.Reference).HasMaxLength(200);
        builder.Property(r => r.Purpose).IsRequired().HasMaxLength(128);
        builder.Property(r => r.ProtectedValue).IsRequired();
    }
}
