using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FederationKit;

/// <summary>
/// Returned by <see cref="FederationKitServiceCollectionExtensions.AddFederationKit(IServiceCollection, Action{FederationKitOptions}?)"/>;
/// adapter packages extend it (<c>.AddSaml(...)</c>, <c>.AddOidc(...)</c>, <c>.AddDnsClientResolver(...)</c>,
/// <c>.AddEntityFrameworkStores(...)</c>) and a host swaps a part with its <c>Replace…</c> methods.
/// </summary>
public sealed class FederationKitBuilder
{
    internal FederationKitBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers <typeparamref name="TOptions"/> through <c>IOptions&lt;T&gt;</c>: bound from <c>FederationKit:{relativePath}</c>
    /// of the configuration given to <c>AddFederationKit</c>, then changed by <paramref name="configure"/>, checked by
    /// <paramref name="rules"/> at host start (<c>ValidateOnStart</c>; the failures name the settings by configuration path),
    /// and also resolvable as <typeparamref name="TOptions"/> itself (the validated value) for services that take it.
    /// </summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="relativePath">The path below <c>FederationKit</c>, such as <c>Dns</c>.</param>
    /// <param name="rules">The options type's rules; null for none.</param>
    /// <param name="configure">Changes the options after binding; null for none.</param>
    /// <returns>The options builder, for further configuration.</returns>
    public OptionsBuilder<TOptions> AddOptions<TOptions>(string relativePath, Action<TOptions, OptionsCheck>? rules = null, Action<TOptions>? configure = null)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        return FederationKitOptionsRegistration.Add(Services, relativePath, rules, configure);
    }

    /// <summary>
    /// Registers <paramref name="descriptor"/> as FederationKit's part for its service type at <see cref="DefaultPrecedence.Adapter"/>.
    /// </summary>
    /// <param name="descriptor">The part.</param>
    /// <returns>The same builder.</returns>
    public FederationKitBuilder SetDefault(ServiceDescriptor descriptor) => SetDefault(descriptor, DefaultPrecedence.Adapter);

    /// <summary>
    /// Registers <paramref name="descriptor"/> as FederationKit's part for its service type: it replaces a part FederationKit or
    /// another FederationKit package registered with the same or a lower <paramref name="precedence"/> (such as an in-memory
    /// store), keeps one registered with a higher precedence (whichever call came first), and never touches a registration of
    /// the host, made before this call (it stays) or after it (the last registration wins). Packages call it.
    /// </summary>
    /// <param name="descriptor">The part.</param>
    /// <param name="precedence">How strongly this default holds against other packages' defaults.</param>
    /// <returns>The same builder.</returns>
    public FederationKitBuilder SetDefault(ServiceDescriptor descriptor, DefaultPrecedence precedence)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var defaults = DefaultRegistrations.In(Services);
        bool SameService(ServiceDescriptor d) => d.ServiceType == descriptor.ServiceType && Equals(d.ServiceKey, descriptor.ServiceKey);
        if (Services.Any(d => SameService(d) && defaults.PrecedenceOf(d) > precedence))
        {
            // A stronger package default is in place (for example the Redis one-time store against the EF one).
            return this;
        }

        for (var i = Services.Count - 1; i >= 0; i--)
        {
            if (SameService(Services[i]) && defaults.PrecedenceOf(Services[i]) is not null)
            {
                Services.RemoveAt(i);
            }
        }

        if (!Services.Any(SameService))
        {
            Services.Add(descriptor);
            defaults.Add(descriptor, precedence);
        }

        return this;
    }

    /// <summary>
    /// Uses <typeparamref name="TImplementation"/> (a singleton) for <typeparamref name="TService"/>, removing every earlier
    /// registration of it, FederationKit's or not; a FederationKit package added afterwards keeps it.
    /// </summary>
    /// <typeparam name="TService">The part, such as a store interface.</typeparam>
    /// <typeparam name="TImplementation">The host's implementation.</typeparam>
    /// <returns>The same builder.</returns>
    public FederationKitBuilder Replace<TService, TImplementation>()
        where TService : class
        where TImplementation : class, TService
    {
        Services.RemoveAll<TService>();
        Services.AddSingleton<TService, TImplementation>();
        return this;
    }

    /// <summary>Uses the instance <paramref name="factory"/> creates (a singleton) for <typeparamref name="TService"/>, as <see cref="Replace{TService, TImplementation}"/>.</summary>
    /// <typeparam name="TService">The part.</typeparam>
    /// <param name="factory">Creates the host's implementation.</param>
    /// <returns>The same builder.</returns>
    public FederationKitBuilder Replace<TService>(Func<IServiceProvider, TService> factory)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.RemoveAll<TService>();
        Services.AddSingleton(factory);
        return this;
    }
}
