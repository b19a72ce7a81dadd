using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>Maps <see cref="DirectorySyncTokenRow"/> to table <c>fk_directory_sync_tokens</c>: listed per directory, the hash unique.</summary>
internal sealed class DirectorySyncTokenRowConfiguration : IEntityTypeConfiguration<DirectorySyncTokenRow>
{
    public void Configure(EntityTypeBuilder<DirectorySyncTokenRow> builder)
    {
        builder.ToTable("fk_directory_sync_tokens");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever().HasMaxLength(64);
        builder.Property(r => r.SecretHash).IsRequired().HasMaxLength(64);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.SecretHash).IsUnique();
        builder.HasIndex(r => r.DirectoryId);
    }
}
