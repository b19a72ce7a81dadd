using FederationKit.Domains;
using FederationKit.Events;
using FederationKit.OneTime;
using FederationKit.Directories;

namespace FederationKit;

/// <summary>
/// The parts a host swaps most often, by name. Each removes every earlier registration of the part (FederationKit's default
/// or an adapter package's) and registers the host's type as a singleton; an adapter package added afterwards keeps it.
/// Any other part: <see cref="FederationKitBuilder.Replace{TService, TImplementation}"/>.
/// </summary>
public static class FederationKitBuilderReplaceExtensions
{
    /// <summary>Uses <typeparamref name="TResolver"/> for DNS TXT lookups (in place of the default or <c>AddDnsClientResolver</c>).</summary>
    /// <typeparam name="TResolver">The host's resolver.</typeparam>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder ReplaceDnsResolver<TResolver>(this FederationKitBuilder builder)
        where TResolver : class, IDnsTxtResolver
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Replace<IDnsTxtResolver, TResolver>();
    }

    /// <summary>Uses <typeparamref name="TSink"/> for the events every state change raises (in place of the sink that drops them).</summary>
    /// <typeparam name="TSink">The host's event sink.</typeparam>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder ReplaceEventSink<TSink>(this FederationKitBuilder builder)
        where TSink : class, IFederationEventSink
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Replace<IFederationEventSink, TSink>();
    }

    /// <summary>Uses <typeparamref name="TStore"/> for one-time state: sign-in transactions, replay cache, request IDs (in place of the in-memory, EF or Redis store).</summary>
    /// <typeparam name="TStore">The host's one-time store.</typeparam>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder ReplaceOneTimeStore<TStore>(this FederationKitBuilder builder)
        where TStore : class, IOneTimeStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Replace<IOneTimeStore, TStore>();
    }

    /// <summary>Uses <typeparamref name="TStore"/> for IdP secrets such as OIDC client secrets (a vault; in place of the in-memory or EF store).</summary>
    /// <typeparam name="TStore">The host's secret store.</typeparam>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder ReplaceSecretStore<TStore>(this FederationKitBuilder builder)
        where TStore : class, ISecretStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Replace<ISecretStore, TStore>();
    }

    /// <summary>Uses <typeparamref name="TImplementation"/> for the store <typeparamref name="TStore"/> (such as <c>IDomainClaimStore</c>), in place of the in-memory or EF one.</summary>
    /// <typeparam name="TStore">The store interface.</typeparam>
    /// <typeparam name="TImplementation">The host's store.</typeparam>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder ReplaceStore<TStore, TImplementation>(this FederationKitBuilder builder)
        where TStore : class
        where TImplementation : class, TStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Replace<TStore, TImplementation>();
    }
}
