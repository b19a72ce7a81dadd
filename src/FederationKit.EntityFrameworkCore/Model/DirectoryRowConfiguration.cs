using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>Maps <see cref="DirectoryRow"/> to table <c>fk_directories</c>; names are unique per owner (case-insensitive).</summary>
internal sealed class DirectoryRowConfiguration : IEntityTypeConfiguration<DirectoryRow>
{
    public void Configure(EntityTypeBuilder<DirectoryRow> builder)
    {
        builder.ToTable("fk_directories");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).IsRequired().HasMaxLength(256);
        builder.Property(r => r.NameKey).IsRequired().HasMaxLength(256);
        builder.Property(r => r.MemberSubjectFormat).HasMaxLength(512);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.OwnerKind, r.OwnerId, r.NameKey }).IsUnique().HasDatabaseName("ux_fk_directories_owner_name");
    }
}
