using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Domains;
using FederationKit.OneTime;
using FederationKit.Organizations;
using FederationKit.SignIn.Settings;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using Microsoft.AspNetCore.DataProtection;
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
    /// Secrets go to <see cref="EntityFrameworkSecretStore{TContext}"/> (Data Protection ciphertext only), which needs
    /// <c>services.AddDataProtection()</c> with a persisted key ring shared by all instances, unless the host registered its
    /// own <see cref="ISecretStore"/> (a vault) before this call or registers one after it.
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
        services.RemoveAll<IMembershipStore>();
        services.RemoveAll<IChangeSetStore>();
        services.RemoveAll<ISignInInvitationStore>();
        services.AddSingleton<IOrganizationStore, EntityFrameworkOrganizationStore<TContext>>();
        services.AddSingleton<IParentOrganizationStore, EntityFrameworkParentOrganizationStore<TContext>>();
        services.AddSingleton<IOneTimeStore, EntityFrameworkOneTimeStore<TContext>>();
        services.AddSingleton<IDirectorySignInSettingsStore, EntityFrameworkSignInSettingsStore<TContext>>();
        services.AddSingleton<IDomainClaimStore, EntityFrameworkDomainClaimStore<TContext>>();
        services.AddSingleton<IOwnershipTokenStore, EntityFrameworkOwnershipTokenStore<TContext>>();
        services.AddSingleton<IMergeProposalStore, EntityFrameworkMergeProposalStore<TContext>>();
        services.AddSingleton<IFederatedUserStore, EntityFrameworkFederatedUserStore<TContext>>();
        services.AddSingleton<IMembershipStore, EntityFrameworkMembershipStore<TContext>>();
        services.AddSingleton<IChangeSetStore, EntityFrameworkChangeSetStore<TContext>>();
        services.AddSingleton<ISignInInvitationStore, EntityFrameworkSignInInvitationStore<TContext>>();
        AddDirectoryStores<TContext>(services);
        AddEventOutbox<TContext>(services);
        services.TryAddSingleton<FederationKitSchema>(sp => new FederationKitSchema(() => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext()));
        return builder;
    }

    // The event outbox in the database (table fk_event_outbox): used once the host opts in with AddEventOutbox, before or after this call.
    private static void AddEventOutbox<TContext>(IServiceCollection services)
        where TContext : DbContext
    {
        services.TryAddSingleton(sp => new Events.Outbox.FederationEventTypeRegistry(sp.GetServices<Events.Outbox.FederationEventTypeRegistration>()));
        services.RemoveAll<Events.Outbox.IFederationEventOutbox>();
        services.AddSingleton<Events.Outbox.IFederationEventOutbox, EntityFrameworkEventOutbox<TContext>>();
    }

    // Directories, IdP profiles, domain links and directory trust (replacing the in-memory defaults).
    private static void AddDirectoryStores<TContext>(IServiceCollection services)
        where TContext : DbContext
    {
        services.RemoveAll<IDirectoryStore>();
        services.RemoveAll<IIdpProfileStore>();
        services.RemoveAll<IDomainLinkStore>();
        services.RemoveAll<IDirectoryTrustStore>();
        services.AddSingleton<IDirectoryStore, EntityFrameworkDirectoryStore<TContext>>();
        services.AddSingleton<IIdpProfileStore, EntityFrameworkIdpProfileStore<TContext>>();
        services.AddSingleton<IDomainLinkStore, EntityFrameworkDomainLinkStore<TContext>>();
        services.AddSingleton<IDirectoryTrustStore, EntityFrameworkDirectoryTrustStore<TContext>>();

        // Routing reads one email's suffixes in one query (lookup mode) instead of the store-by-store default.
        services.RemoveAll<SignIn.Ports.ISignInRouteLookup>();
        services.AddSingleton<SignIn.Ports.ISignInRouteLookup, EntityFrameworkSignInRouteLookup<TContext>>();

        // Secrets: replace only the in-memory default, so a host's own ISecretStore (a vault) registered earlier wins.
        var secrets = services.LastOrDefault(d => d.ServiceType == typeof(ISecretStore));
        if (secrets is null || secrets.ImplementationType == typeof(InMemorySecretStore))
        {
            services.RemoveAll<ISecretStore>();
            services.AddSingleton<ISecretStore>(sp => new EntityFrameworkSecretStore<TContext>(
                sp.GetRequiredService<IDbContextFactory<TContext>>(),
                sp.GetService<IDataProtectionProvider>() ?? throw new InvalidOperationException(
                    "The EF Core secret store encrypts secrets with ASP.NET Core Data Protection: call services.AddDataProtection() with a " +
                    "persisted, shared key ring, or register your own ISecretStore (for example a vault) before AddEntityFrameworkStores.")));
        }
    }
}
