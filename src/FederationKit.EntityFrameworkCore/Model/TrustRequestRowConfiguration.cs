using FederationKit.DirectoryTrust;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>
/// Maps <see cref="TrustRequestRow"/> to table <c>fk_trust_requests</c>. A filtered unique index allows one open (pending or
/// accepted) request per directory and trustee organization; closed requests are history and may repeat.
/// </summary>
internal sealed class TrustRequestRowConfiguration : IEntityTypeConfiguration<TrustRequestRow>
{
    public void Configure(EntityTypeBuilder<TrustRequestRow> builder)
    {
        builder.ToTable("fk_trust_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.RequesterName).IsRequired().HasMaxLength(512);
        builder.Property(r => r.RequesterEmail).IsRequired().HasMaxLength(320);
        builder.Property(r => r.RequesterOrganizationName).IsRequired().HasMaxLength(512);
        builder.Property(r => r.Domain).IsRequired().HasMaxLength(253);
        builder.Property(r => r.RejectionReason).HasMaxLength(2048);
        builder.Property(r => r.TrusteeUsersJson).IsRequired();
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.DirectoryId);
        builder.HasIndex(r => r.TrusteeOrganizationId);
        builder.HasIndex(r => new { r.DirectoryId, r.TrusteeOrganizationId }, "ux_fk_trust_requests_open_per_directory_trustee")
            .IsUnique()
            .HasFilter($"\"State\" IN ({(int)TrustRequestState.Pending}, {(int)TrustRequestState.Accepted})");
    }
}
