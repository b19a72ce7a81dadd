using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>
/// Maps <see cref="DirectoryGroupRow"/> to <c>fk_directory_groups</c> ((directory, display name) unique, (directory, external id)
/// unique where set) and <see cref="DirectoryGroupMemberRow"/> to <c>fk_directory_group_members</c> (keyed by (group, user),
/// indexed by user, deleted with the group).
/// </summary>
internal sealed class DirectoryGroupRowConfiguration : IEntityTypeConfiguration<DirectoryGroupRow>, IEntityTypeConfiguration<DirectoryGroupMemberRow>
{
    public void Configure(EntityTypeBuilder<DirectoryGroupRow> builder)
    {
        builder.ToTable("fk_directory_groups");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.DisplayName).IsRequired().HasMaxLength(256);
        builder.Property(r => r.ExternalId).HasMaxLength(256);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.DirectoryId, r.DisplayName }).IsUnique();
        builder.HasIndex(r => new { r.DirectoryId, r.ExternalId }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<DirectoryGroupMemberRow> builder)
    {
        builder.ToTable("fk_directory_group_members");
        builder.HasKey(r => new { r.GroupId, r.UserId });
        builder.HasIndex(r => r.UserId);
        builder.HasOne<DirectoryGroupRow>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
