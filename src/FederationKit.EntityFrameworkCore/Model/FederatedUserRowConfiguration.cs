using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>Maps <see cref="FederatedUserRow"/> to table <c>fk_federated_users</c>: one user per (directory, subject).</summary>
internal sealed class FederatedUserRowConfiguration : IEntityTypeConfiguration<FederatedUserRow>
{
    public void Configure(EntityTypeBuilder<FederatedUserRow> builder)
    {
        builder.ToTable("fk_federated_users");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Subject).IsRequired().HasMaxLength(1024);
        builder.Property(r => r.Email).IsRequired().HasMaxLength(320);
        builder.Property(r => r.EmailDomain).IsRequired().HasMaxLength(253);
        builder.Property(r => r.SecurityStamp).IsRequired().HasMaxLength(64).HasDefaultValue(string.Empty);
        builder.Property(r => r.RemovedFromJson).IsRequired().HasDefaultValue("[]");
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.DirectoryId, r.Subject }).IsUnique();
        builder.HasIndex(r => r.EmailDomain);

        // Users who last signed in through a profile are counted by this index (the profile deletion and user-id rules).
        builder.HasIndex(r => r.ProfileId);

        // Directory sync (SCIM): NULLs are distinct in a unique index on SQLite and PostgreSQL, so only set values must be unique.
        builder.Property(r => r.ExternalId).HasMaxLength(256);
        builder.Property(r => r.UserName).HasMaxLength(256);
        builder.Property(r => r.UserNameKey).HasMaxLength(256);
        builder.Property(r => r.DisplayName).HasMaxLength(256);
        builder.HasIndex(r => new { r.DirectoryId, r.ExternalId }).IsUnique();
        builder.HasIndex(r => new { r.DirectoryId, r.UserNameKey }).IsUnique();
        builder.HasIndex(r => new { r.DirectoryId, r.Email });
    }
}
