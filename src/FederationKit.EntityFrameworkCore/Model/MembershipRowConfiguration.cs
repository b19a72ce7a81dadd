using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>
/// Maps <see cref="MembershipRow"/> to table <c>fk_memberships</c>: key (organization, user), unique (organization, username),
/// and an index for each read: by user, by (organization, directory), by (organization, role), by directory and by email domain.
/// </summary>
internal sealed class MembershipRowConfiguration : IEntityTypeConfiguration<MembershipRow>
{
    public void Configure(EntityTypeBuilder<MembershipRow> builder)
    {
        builder.ToTable("fk_memberships");
        builder.HasKey(r => new { r.OrganizationId, r.UserId });
        builder.Property(r => r.Email).IsRequired().HasMaxLength(320);
        builder.Property(r => r.EmailDomain).IsRequired().HasMaxLength(253);
        builder.Property(r => r.Username).HasMaxLength(256);
        builder.Property(r => r.UsernameKey).HasMaxLength(256);
        builder.Property(r => r.GroupsJson).IsRequired();
        builder.Property(r => r.SettingsJson).IsRequired();
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.OrganizationId, r.UsernameKey }).IsUnique();
        builder.HasIndex(r => r.UserId);
        builder.HasIndex(r => new { r.OrganizationId, r.DirectoryId });
        builder.HasIndex(r => new { r.OrganizationId, r.Role });
        builder.HasIndex(r => r.DirectoryId);
        builder.HasIndex(r => r.EmailDomain);
        builder.Property(r => r.BreakGlass).HasDefaultValue(false);
    }
}
