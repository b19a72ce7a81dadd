using FederationKit.SignIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>
/// Maps <see cref="IdpProfileRow"/> to table <c>fk_idp_profiles</c>. Two filtered unique indexes are the one-active rules:
/// one active profile per directory, and one active OIDC profile per owner. The filters name the columns as EF maps them by
/// default and are valid SQL on both SQLite and PostgreSQL.
/// </summary>
internal sealed class IdpProfileRowConfiguration : IEntityTypeConfiguration<IdpProfileRow>
{
    /// <summary>The name of the index that allows one active profile per directory.</summary>
    public const string OneActivePerDirectoryIndex = "ux_fk_idp_profiles_active_per_directory";

    /// <summary>The name of the index that allows one active OIDC profile per owner.</summary>
    public const string OneActiveOidcPerOwnerIndex = "ux_fk_idp_profiles_active_oidc_per_owner";

    public void Configure(EntityTypeBuilder<IdpProfileRow> builder)
    {
        builder.ToTable("fk_idp_profiles");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).IsRequired().HasMaxLength(256);
        builder.Property(r => r.SettingsJson).IsRequired();
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.DirectoryId);
        builder.HasIndex(r => r.DirectoryId, OneActivePerDirectoryIndex)
            .IsUnique()
            .HasFilter("\"IsActive\"");
        builder.HasIndex(r => new { r.OwnerKind, r.OwnerId }, OneActiveOidcPerOwnerIndex)
            .IsUnique()
            .HasFilter($"\"IsActive\" AND \"Protocol\" = {(int)IdentityProtocol.Oidc}");
    }
}
