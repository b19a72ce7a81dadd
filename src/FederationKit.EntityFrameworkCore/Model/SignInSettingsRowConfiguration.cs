using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>Maps <see cref="SignInSettingsRow"/> to table <c>fk_signin_settings</c> (one row per directory).</summary>
internal sealed class SignInSettingsRowConfiguration : IEntityTypeConfiguration<SignInSettingsRow>
{
    public void Configure(EntityTypeBuilder<SignInSettingsRow> builder)
    {
        builder.ToTable("fk_signin_settings");
        builder.HasKey(r => r.DirectoryId);
        builder.Property(r => r.DirectoryId).ValueGeneratedNever();
        builder.Property(r => r.SettingsJson).IsRequired();
        builder.Property(r => r.Version).IsConcurrencyToken();
    }
}
