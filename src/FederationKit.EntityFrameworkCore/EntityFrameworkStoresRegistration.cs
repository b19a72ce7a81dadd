using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Domains;
using FederationKit.OneTime;
using FederationKit.SignIn.Settings;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FederationKit.EntityFrameworkCore;

/// <summary>Registers the EF Core stores in place of the in-memory defaults.</summary>
public static class EntityFrameworkStoresRegistration
{
    /// <summary>
    /// Uses <see cref="FederationKitDbContext"/> for every FederationKit store, e.g.
    /// <c>services.AddFederationKit().AddEntityFrameworkStores(o => o.UseSqlite("Data Source=fedkit.db"))</c>.
    /// Create the schema once with <see cref="FederationKitSchema.EnsureFederationKitSchemaAsync(IServiceProvider, CancellationToken)"/>.
    /// </summary>
    /// <param name="builder">The FederationKit builder.</param>
    /// <param name="configure">Chooses the provider and connection (UseSqlite, UseNpgsql...).</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder AddEntityFrameworkStores(this FederationKitBuilder builder, Action<DbContextOptionsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddDbContextFactory<FederationKitDbContext>(configure);
        return builder.AddEntityFrameworkStores<FederationKitDbContext>();
    }

    /// <summary>
    /// Uses the host's own context <typeparamref name="TContext"/> (whose <c>OnModelCreating</c> calls
    /// <see cref="ModelBuilderExtensions.ApplyFederationKitModel"/>; register it with <c>AddDbContextFactory</c>).
    /// </summary>
    /// <typeparam name="TContext">The host's context.</typeparam>
    /// <param name="builder">The FederationKit builder.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder AddEntityFrameworkStores<TContext>(this FederationKitBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.RemoveAll<IOrganizationStore>();
        services.RemoveAll<IParentOrganizationStore>();
        services.RemoveAll<IOneTimeStore>();
        services.RemoveAll<IDirectorySignInSettingsStore>();
        services.RemoveAll<IDomainClaimStore>();
        services.RemoveAll<IOwnershipTokenStore>();
        services.RemoveAll<IMergeProposalStore>();
        services.RemoveAll<IFederatedUserStore>();
        services.RemoveAll<IMemberProfileStore>();
        services.RemoveAll<ISignInInvitationStore>();
        services.AddSingleton<IOrganizationStore, EntityFrameworkOrganizationStore<TContext>>();
        services.AddSingleton<IParentOrganizationStore, EntityFrameworkParentOrganizationStore<TContext>>();
        services.AddSingleton<IOneTimeStore, EntityFrameworkOneTimeStore<TContext>>();
        services.AddSingleton<IDirectorySignInSettingsStore, EntityFrameworkSignInSettingsStore<TContext>>();
        services.AddSingleton<IDomainClaimStore, EntityFrameworkDomainClaimStore<TContext>>();
        services.AddSingleton<IOwnershipTokenStore, EntityFrameworkOwnershipTokenStore<TContext>>();
        services.AddSingleton<IMergeProposalStore, EntityFrameworkMergeProposalStore<TContext>>();
        services.AddSingleton<IFederatedUserStore, EntityFrameworkFederatedUserStore<TContext>>();
        services.AddSingleton<IMemberProfileStore, EntityFrameworkMemberProfileStore<TContext>>();
        services.AddSingleton<ISignInInvitationStore, EntityFrameworkSignInInvitationStore<TContext>>();
        services.TryAddSingleton<FederationKitSchema>(sp => new FederationKitSchema(() => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext()));
        return builder;
    }
}
