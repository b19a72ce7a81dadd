using FederationKit.Background;
using FederationKit.Events;
using FederationKit.Events.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FederationKit;

/// <summary>Opts a host into the transactional event outbox.</summary>
public static class EventOutboxRegistration
{
    /// <summary>
    /// Sends every published event to the <see cref="IFederationEventOutbox"/> (in memory by default; the EF Core stores of
    /// <c>AddEntityFrameworkStores</c> put it in the database) instead of the registered <see cref="IFederationEventSink"/>,
    /// and registers the <see cref="FederationEventDispatcher"/>, which delivers it to every <see cref="IFederationEventHandler"/>
    /// the host registers: as a background job run by <c>AddBackgroundWorkers</c> (FederationKit.Hosting), or when the host calls
    /// <see cref="FederationEventDispatcher.DispatchAsync"/>. In-process reactions (route invalidation) still happen at once.
    /// Without this call events go to the registered sink as before.
    /// </summary>
    /// <param name="builder">The FederationKit builder.</param>
    /// <param name="configure">Changes batch, lease, timeout, retry and capacity settings; validated before this returns.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public static FederationKitBuilder AddEventOutbox(this FederationKitBuilder builder, Action<FederationEventOutboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new FederationEventOutboxOptions();
        configure?.Invoke(options);
        options.Validate();

        var services = builder.Services;
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new FederationEventTypeRegistry(sp.GetServices<FederationEventTypeRegistration>()));
        // An in-memory default: the EF Core stores' outbox (an adapter default) replaces it, and is kept, in either order.
        builder.SetDefault(ServiceDescriptor.Singleton<IFederationEventOutbox, InMemoryFederationEventOutbox>(), DefaultPrecedence.InMemory);
        services.RemoveAll<IFederationEventSink>();
        services.AddSingleton<IFederationEventSink, FederationEventOutboxSink>();
        services.TryAddSingleton<FederationEventDispatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFederationBackgroundJob, FederationEventDispatcher>(sp => sp.GetRequiredService<FederationEventDispatcher>()));
        return builder;
    }

    /// <summary>
    /// Registers an event type of a package or host so the outbox can store it (see <see cref="FederationEventTypeRegistry"/>):
    /// without it, publishing <typeparamref name="TEvent"/> with the outbox on is refused with
    /// <see cref="OutboxErrorCodes.EventTypeUnregistered"/>. Registering the same type under the same name again changes nothing.
    /// </summary>
    /// <typeparam name="TEvent">The event record.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="name">Its stable stored name, such as <c>saml.SamlSigningKeysChanged</c>; never reused for another type.</param>
    /// <param name="schemaVersion">The version of its JSON shape, starting at 1.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddFederationEventType<TEvent>(this IServiceCollection services, string name, int schemaVersion = 1)
        where TEvent : FederationEvent
    {
        ArgumentNullException.ThrowIfNull(services);
        var registration = FederationEventTypeRegistration.Of<TEvent>(name, schemaVersion);
        if (!services.Any(d => d.ServiceType == typeof(FederationEventTypeRegistration) && Equals(d.ImplementationInstance, registration)))
        {
            services.AddSingleton(registration);
        }

        return services;
    }
}
