using FederationKit.Directories;
using FederationKit.EntityFrameworkCore;
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

namespace FederationKit;

/// <summary>Registers the EF Core stores in place of the in-memory defaults.</summary>
public static class EntityFrameworkStoresRegistration
{
    /// <summary>
    /// Uses <see cref="FederationKitDbContext"/> for every FederationKit store, e.g.
    /// <c>services.AddFederationKit().AddEntityFrameworkStores(o => o.UseSqlite("Data Source=fedkit.db"))</c>.
    /// Create the schema once with <see cref="FederationKitSchema.EnsureFederationKitSchemaAsync(IServiceProvider, CancellationToken)"/>.
    /// Secrets go to <see cref="EntityFrameworkSecretStore{TContext}"/> (Data Protection ciphertext only), which needs
    /// <c>services.AddDataProtection()</c> with a persisted key ring shared by all instances, unless the host registered its
    /// own <see cref="ISecretStore"/> (a vault) before this call or registers one after it. Each store replaces FederationKit's
    /// in-memory default only: a store the host registered itself, before or after this call, or with the builder's
    /// <c>Replace…</c> methods, wins.
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
        builder.SetDefault(ServiceDescriptor.Singleton<IOrganizationStore, EntityFrameworkOrganizationStore<TContext>>());
        builder.SetDefault(ServiceDescriptor.Singleton<IParentOrganizationStore, EntityFrameworkParentOrganizationStore<TContext>>());
        builder.SetDefault(ServiceDescriptor.Singleton<IOneTimeStore, EntityFrameworkOneTimeStore<TContext>>());
        builder.SetDefault(ServiceDescriptor.Singleton<IDirectorySignInSettingsStore, EntityFrameworkSignInSettingsStore<TContext>>());
        builder.SetDefault(ServiceDescriptor.Singleton<IDomainClaimStore, EntityFrameworkDomainClaimStore<TContext>>());
        builder.SetDefault(ServiceDescriptor.Singleton<IOwnershipTokenStore, EntityFrameworkOwnershipTokenStore<TContext>>());
        builder.SetDefault(ServiceDescriptor.Singleton<IMergeProposalStore, EntityFrameworkMergeProposalStore<TContext>>());
        builder.SetDefault(ServiceDescriptor.Singleton<IFederatedUserStore, EntityFrameworkFederatedUserStore<TContext>>());
        builder.SetDefault(ServiceDescriptor.Singleton<IMembershipStore, EntityFrameworkMembershipStore<TContext>>());
        builder.SetDefault(ServiceDescriptor.Singleton<IChangeSetStore>(SameDatabaseChangeSetStore<TContext>));
        builder.SetDefault(ServiceDescriptor.Singleton<IStoreWriteTransactions>(sp => new EntityFrameworkStoreWriteTransactions<TContext>(
            sp.GetRequiredService<IDbContextFactory<TContext>>(),
            sp.GetService<Events.IFederationEventSink>(),
            sp.GetService<Events.Outbox.IFederationEventOutbox>(),
            sp.GetService<Events.Outbox.FederationEventTypeRegistry>(),
            sp.GetService<TimeProvider>())));
        builder.SetDefault(ServiceDescriptor.Singleton<ISignInInvitationStore, EntityFrameworkSignInInvitationStore<TContext>>());
        builder.SetDefault(ServiceDescriptor.Singleton<DirectorySync.Tokens.IDirectorySyncTokenStore, EntityFrameworkDirectorySyncTokenStore<TContext>>());
        builder.SetDefault(ServiceDescriptor.Singleton<DirectorySync.Groups.IDirectoryGroupStore, EntityFrameworkDirectoryGroupStore<TContext>>());
        builder.SetDefault(ServiceDescriptor.Singleton<DirectorySync.Users.IDirectorySyncUserQuery, EntityFrameworkDirectorySyncUserQuery<TContext>>());
        AddDirectoryStores<TContext>(builder);
        AddEventOutbox<TContext>(builder);
        services.AddOptions<StoreConsistencyCheck>().Validate<IChangeSetStore>((_, _) => true).ValidateOnStart();
        services.TryAddSingleton<FederationKitSchema>(sp => new FederationKitSchema(() => sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext()));
        return builder;
    }

    // The change-set store writes users, memberships, organizations, parent organizations and invitations to this database: when the host
    // replaced only some of those stores, reads and writes would split (a change written here, read back from elsewhere), so
    // the store refuses to be created, and ValidateOnStart makes a host fail at start rather than at its first write.
    private static EntityFrameworkChangeSetStore<TContext> SameDatabaseChangeSetStore<TContext>(IServiceProvider services)
        where TContext : DbContext
    {
        var foreign = new (Type Service, object Store, Type Expected)[]
        {
            (typeof(IFederatedUserStore), services.GetRequiredService<IFederatedUserStore>(), typeof(EntityFrameworkFederatedUserStore<TContext>)),
            (typeof(IMembershipStore), services.GetRequiredService<IMembershipStore>(), typeof(EntityFrameworkMembershipStore<TContext>)),
            (typeof(IOrganizationStore), services.GetRequiredService<IOrganizationStore>(), typeof(EntityFrameworkOrganizationStore<TContext>)),
            (typeof(IParentOrganizationStore), services.GetRequiredService<IParentOrganizationStore>(), typeof(EntityFrameworkParentOrganizationStore<TContext>)),
            (typeof(ISignInInvitationStore), services.GetRequiredService<ISignInInvitationStore>(), typeof(EntityFrameworkSignInInvitationStore<TContext>)),
        }.Where(s => s.Store.GetType() != s.Expected).Select(s => $"{s.Service.Name} ({s.Store.GetType().Name})").ToList();
        if (foreign.Count > 0)
        {
            throw new InvalidOperationException(
                $"IChangeSetStore writes to the EF Core database of {typeof(TContext).Name}, but {string.Join(", ", foreign)} " +
                (foreign.Count == 1 ? "is" : "are") + " not that database's store: reads and writes would split. Keep the EF Core stores for " +
                "IFederatedUserStore, IMembershipStore, IOrganizationStore, IParentOrganizationStore and ISignInInvitationStore, or replace all of them together with an IChangeSetStore that writes to the same place.");
        }

        return new EntityFrameworkChangeSetStore<TContext>(
            services.GetRequiredService<IDbContextFactory<TContext>>(),
            services.GetService<Events.IFederationEventSink>(),
            services.GetService<Events.Outbox.IFederationEventOutbox>(),
            services.GetService<Events.Outbox.FederationEventTypeRegistry>(),
            services.GetService<TimeProvider>());
    }

    // The event outbox in the database (table fk_event_outbox): used once the host opts in with AddEventOutbox, before or after this call.
    private static void AddEventOutbox<TContext>(FederationKitBuilder builder)
        where TContext : DbContext
    {
        builder.Services.TryAddSingleton(sp => new Events.Outbox.FederationEventTypeRegistry(sp.GetServices<Events.Outbox.FederationEventTypeRegistration>()));
        builder.SetDefault(ServiceDescriptor.Singleton<Events.Outbox.IFederationEventOutbox, EntityFrameworkEventOutbox<TContext>>());
    }

    // Directories, IdP profiles, domain links and directory trust (replacing the in-memory defaults).
    private static void AddDirectoryStores<TContext>(FederationKitBuilder builder)
        where TContext : DbContext
    {
        builder.SetDefault(ServiceDescriptor.Singleton<IDirectoryStore, EntityFrameworkDirectoryStore<TContext>>());
        builder.SetDefault(ServiceDescriptor.Singleton<IIdpProfileStore, EntityFrameworkIdpProfileStore<TContext>>());
        builder.SetDefault(ServiceDescriptor.Singleton<IDomainLinkStore, EntityFrameworkDomainLinkStore<TContext>>());
        builder.SetDefault(ServiceDescriptor.Singleton<IDirectoryTrustStore, EntityFrameworkDirectoryTrustStore<TContext>>());

        // Routing reads one email's suffixes in one query (lookup mode) instead of the store-by-store default.
        builder.SetDefault(ServiceDescriptor.Singleton<SignIn.Ports.ISignInRouteLookup, EntityFrameworkSignInRouteLookup<TContext>>());

        // Secrets: replace only FederationKit's in-memory default, so a host's own ISecretStore (a vault), registered before or after, wins.
        builder.SetDefault(ServiceDescriptor.Singleton<ISecretStore>(sp => new EntityFrameworkSecretStore<TContext>(
            sp.GetRequiredService<IDbContextFactory<TContext>>(),
            sp.GetService<IDataProtectionProvider>() ?? throw new InvalidOperationException(
                "The EF Core secret store encrypts secrets with ASP.NET Core Data Protection: call services.AddDataProtection() with a " +
                "persisted, shared key ring, or register your own ISecretStore (for example a vault) with ReplaceSecretStore."))));
    }

    // Options with no values: validating them at start resolves IChangeSetStore, whose factory refuses split stores.
    private sealed class StoreConsistencyCheck
    {
    }
}
