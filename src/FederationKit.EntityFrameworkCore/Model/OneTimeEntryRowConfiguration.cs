using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>Maps <see cref="OneTimeEntryRow"/> to table <c>fk_one_time_entries</c>.</summary>
internal sealed class OneTimeEntryRowConfiguration : IEntityTypeConfiguration<OneTimeEntryRow>
{
    public void Configure(EntityTypeBuilder<OneTimeEntryRow> builder)
    {
        builder.ToTable("fk_one_time_entries");
        builder.HasKey(r => new { r.Purpose, r.Key });
        builder.Property(r => r.Purpose).HasMaxLength(128);
        builder.Property(r => r.Key).HasMaxLength(512);
        builder.Property(r => r.Value).IsRequired();
        builder.HasIndex(r => r.ExpiresAtUnixMs);
    }
}
