using Microsoft.Extensions.DependencyInjection;

namespace FederationKit;

/// <summary>
/// The registrations FederationKit made itself (its defaults and its adapter packages' parts), kept in the service collection
/// so that an adapter replaces a FederationKit part but never a host's own registration.
/// </summary>
internal sealed class DefaultRegistrations
{
    private readonly Dictionary<ServiceDescriptor, DefaultPrecedence> _descriptors = new(ReferenceEqualityComparer.Instance);

    public static DefaultRegistrations In(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(DefaultRegistrations))?.ImplementationInstance is DefaultRegistrations existing)
        {
            return existing;
        }

        var created = new DefaultRegistrations();
        services.AddSingleton(created);
        return created;
    }

    public bool Contains(ServiceDescriptor descriptor) => _descriptors.ContainsKey(descriptor);

    public DefaultPrecedence? PrecedenceOf(ServiceDescriptor descriptor) => _descriptors.TryGetValue(descriptor, out var precedence) ? precedence : null;

    public void Add(ServiceDescriptor descriptor, DefaultPrecedence precedence = DefaultPrecedence.InMemory) => _descriptors[descriptor] = precedence;
}
