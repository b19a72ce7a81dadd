namespace FederationKit;

/// <summary>
/// How strongly a FederationKit package's default registration holds against another package's default for the same part
/// (<see cref="FederationKitBuilder.SetDefault(Microsoft.Extensions.DependencyInjection.ServiceDescriptor, DefaultPrecedence)"/>).
/// A host's own registration always wins over every default, whatever the order.
/// </summary>
public enum DefaultPrecedence
{
    /// <summary>The core's in-memory defaults (and optional features' in-memory parts, such as the in-memory event outbox).</summary>
    InMemory = 0,

    /// <summary>A store adapter that provides many parts at once (EF Core): replaces in-memory defaults, in either order.</summary>
    Adapter = 1,

    /// <summary>A package dedicated to one part (the Redis one-time store): replaces an adapter's default for that part, in either order.</summary>
    Dedicated = 2,
}
