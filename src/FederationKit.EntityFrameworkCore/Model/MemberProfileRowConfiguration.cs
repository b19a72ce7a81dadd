using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>Maps <see cref="MemberProfileRow"/> to table <c>fk_member_profiles</c>: key (organization, user), unique (organization, username).</summary>
internal sealed class MemberProfileRowConfiguration : IEntityTypeConfiguration<MemberProfileRow>
{
    public void Configure(EntityTypeBuilder<MemberProfileRow> builder)
    {
        builder.ToTable("fk_member_profiles");
        builder.HasKey(r => new { r.OrganizationId, r.UserId });
        builder.Property(r => r.Username).IsRequired().HasMaxLength(256);
        builder.Property(r => r.UsernameKey).IsRequired().HasMaxLength(256);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.OrganizationId, r.UsernameKey }).IsUnique();
        builder.HasIndex(r => r.UserId);
    }
}
