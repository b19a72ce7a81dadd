using FederationKit.EntityFrameworkCore.Model;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore;

/// <summary>Adds the FederationKit tables to any <see cref="DbContext"/> model.</summary>
public static class ModelBuilderExtensions
{
    /// <summary>
    /// Applies every FederationKit entity configuration (tables prefixed <c>fk_</c>) so a host can keep the FederationKit
    /// tables in its own <see cref="DbContext"/>. Call it from <c>OnModelCreating</c>.
    /// </summary>
    /// <param name="modelBuilder">The host's model builder.</param>
    /// <returns>The same model builder.</returns>
    public static ModelBuilder ApplyFederationKitModel(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfiguration(new OrganizationRowConfiguration());
        modelBuilder.ApplyConfiguration(new ParentOrganizationRowConfiguration());
        modelBuilder.ApplyConfiguration(new OneTimeEntryRowConfiguration());
        modelBuilder.ApplyConfiguration(new SignInSettingsRowConfiguration());
        modelBuilder.ApplyConfiguration(new DomainClaimRowConfiguration());
        modelBuilder.ApplyConfiguration(new OwnershipTokenRowConfiguration());
        modelBuilder.ApplyConfiguration(new MergeProposalRowConfiguration());
        modelBuilder.ApplyConfiguration(new FederatedUserRowConfiguration());
        modelBuilder.ApplyConfiguration(new MembershipRowConfiguration());
        modelBuilder.ApplyConfiguration(new SignInInvitationRowConfiguration());
        modelBuilder.ApplyConfiguration(new DirectoryRowConfiguration());
        modelBuilder.ApplyConfiguration(new IdpProfileRowConfiguration());
        modelBuilder.ApplyConfiguration(new DomainLinkRowConfiguration());
        modelBuilder.ApplyConfiguration(new TrustRequestRowConfiguration());
        modelBuilder.ApplyConfiguration(new SecretRowConfiguration());
        modelBuilder.ApplyConfiguration(new EventOutboxRowConfiguration());

        // Directory sync (SCIM).
        modelBuilder.ApplyConfiguration(new DirectorySyncTokenRowConfiguration());
        modelBuilder.ApplyConfiguration<DirectoryGroupRow>(new DirectoryGroupRowConfiguration());
        modelBuilder.ApplyConfiguration<DirectoryGroupMemberRow>(new DirectoryGroupRowConfiguration());
        return modelBuilder;
    }
}
