using FederationKit.DirectoryTrust;
using FederationKit.Domains;
using FederationKit.Events;
using FederationKit.OneTime;
using FederationKit.SignIn;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FederationKit;

/// <summary>
/// The one public entry point: <c>services.AddFederationKit(...)</c> registers FederationKit and returns the builder every
/// other part hangs off. All of FederationKit's <c>Add…</c> extensions live in this namespace, <c>FederationKit</c>.
/// </summary>
public static class FederationKitServiceCollectionExtensions
{
    /// <summary>
    /// Registers the FederationKit domain services with in-memory stores, the system clock and an event sink that drops events.
    /// Every default is registered with <c>TryAdd</c>, so a host's own registration (made before or after) wins; the builder's
    /// <c>Replace…</c> methods swap a part explicitly. The options are <c>IOptions&lt;FederationKitOptions&gt;</c> (and
    /// <c>IOptions&lt;SignInOptions&gt;</c>, <c>IOptions&lt;DomainClaimOptions&gt;</c>, <c>IOptions&lt;DirectoryTrustOptions&gt;</c>
    /// for their parts), validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the options (after any configuration binding).</param>
    /// <returns>A builder that adapter packages extend.</returns>
    public static FederationKitBuilder AddFederationKit(this IServiceCollection services, Action<FederationKitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Add(services, configure);
    }

    /// <summary>
    /// Registers FederationKit as <see cref="AddFederationKit(IServiceCollection, Action{FederationKitOptions}?)"/> does, binding
    /// every option from the <c>FederationKit</c> section of <paramref name="configuration"/> (<c>FederationKit:Domains</c>,
    /// <c>FederationKit:SignIn</c>, <c>FederationKit:Saml</c>, <c>FederationKit:Dns</c>… as docs/configuration.md lays out);
    /// the adapter packages added to the builder bind their own sub-sections. <paramref name="configure"/> runs after the
    /// binding, so code wins over configuration.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The application's configuration (its <c>FederationKit</c> section is read).</param>
    /// <param name="configure">Changes the options after binding.</param>
    /// <returns>A builder that adapter packages extend.</returns>
    public static FederationKitBuilder AddFederationKit(this IServiceCollection services, IConfiguration configuration, Action<FederationKitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.Replace(ServiceDescriptor.Singleton(new FederationKitConfiguration(configuration.GetSection(FederationKitConfiguration.SectionName))));
        return Add(services, configure);
    }

    private static FederationKitBuilder Add(IServiceCollection services, Action<FederationKitOptions>? configure)
    {
        var defaults = DefaultRegistrations.In(services);
        var builder = new FederationKitBuilder(services);
        builder.AddOptions(string.Empty, FederationKitOptions.Check, configure);
        AddPart<DomainClaimOptions>(services, o => o.Domains, "Domains", DomainClaimOptions.Check);
        AddPart<SignInOptions>(services, o => o.SignIn, "SignIn", SignInOptions.Check);
        AddPart<DirectoryTrustOptions>(services, o => o.DirectoryTrust, "DirectoryTrust", DirectoryTrustOptions.Check);
        AddPart<DirectorySync.DirectorySyncOptions>(services, o => o.DirectorySync, "DirectorySync", DirectorySync.DirectorySyncOptions.Check);

        // Everything registered from here on is a FederationKit default that an adapter package may replace (SetDefault).
        var first = services.Count;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFederationEventSink>(NullFederationEventSink.Instance);
        services.TryAddSingleton<IOrganizationStore, InMemoryOrganizationStore>();
        services.TryAddSingleton<IParentOrganizationStore, InMemoryParentOrganizationStore>();
        services.TryAddSingleton<IOneTimeStore, InMemoryOneTimeStore>();
        OrganizationsRegistration.AddOrganizations(services);
        DomainClaimsRegistration.AddDomainClaims(services);
        DirectoriesRegistration.AddDirectories(services);
        SignInServiceCollectionExtensions.AddFederationKitSignIn(services);
        DirectorySync.DirectorySyncRegistration.AddDirectorySync(services);
        for (var i = first; i < services.Count; i++)
        {
            defaults.Add(services[i]);
        }

        return builder;
    }

    // A part of FederationKitOptions resolvable on its own: the same object, bound with the root, with its own validation.
    private static void AddPart<TOptions>(IServiceCollection services, Func<FederationKitOptions, TOptions> select, string relativePath, Action<TOptions, OptionsCheck> rules)
        where TOptions : class
    {
        if (services.Any(d => d.ServiceType == typeof(IOptionsFactory<TOptions>)))
        {
            return;
        }

        services.AddTransient<IOptionsFactory<TOptions>>(sp => new NestedOptionsFactory<TOptions>(
            sp.GetRequiredService<IOptions<FederationKitOptions>>(),
            select,
            sp.GetServices<IConfigureOptions<TOptions>>(),
            sp.GetServices<IPostConfigureOptions<TOptions>>(),
            sp.GetServices<IValidateOptions<TOptions>>()));
        services.AddTransient<IPostConfigureOptions<FederationKitOptions>>(sp => new NestedOptionsConfiguration<TOptions>(
            select,
            sp.GetServices<IConfigureOptions<TOptions>>(),
            sp.GetServices<IPostConfigureOptions<TOptions>>()));
        services.AddSingleton<IValidateOptions<TOptions>>(new OptionsCheckValidator<TOptions>(FederationKitConfiguration.PathOf(relativePath), rules));
        services.AddOptions<TOptions>().ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<TOptions>>().Value);
    }
}
