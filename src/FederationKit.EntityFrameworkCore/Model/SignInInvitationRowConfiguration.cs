using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>Maps <see cref="SignInInvitationRow"/> to table <c>fk_signin_invitations</c>.</summary>
internal sealed class SignInInvitationRowConfiguration : IEntityTypeConfiguration<SignInInvitationRow>
{
    public void Configure(EntityTypeBuilder<SignInInvitationRow> builder)
    {
        builder.ToTable("fk_signin_invitations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Email).HasMaxLength(320);
        builder.Property(r => r.EmailKey).HasMaxLength(320);
        builder.Property(r => r.Subject).HasMaxLength(1024);
        builder.Property(r => r.GroupsJson).IsRequired().HasDefaultValue("[]");
        builder.HasIndex(r => new { r.OrganizationId, r.EmailKey });
        builder.HasIndex(r => new { r.OrganizationId, r.DirectoryId, r.Subject });
    }
}
