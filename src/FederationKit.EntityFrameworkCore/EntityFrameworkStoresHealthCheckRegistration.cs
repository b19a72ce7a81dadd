using FederationKit.EntityFrameworkCore;
using FederationKit.EntityFrameworkCore.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit;

/// <summary>Adds the EF Core store health check to the host's health checks.</summary>
public static class EntityFrameworkStoresHealthCheckRegistration
{
    /// <summary>The tags of the check: <c>federationkit</c> and <c>store</c>.</summary>
    public static readonly IReadOnlyList<string> Tags = [HealthCheckRegistrations.FederationKitTag, "store"];

    /// <summary>
    /// Adds <see cref="EntityFrameworkStoresHealthCheck{TContext}"/> on <see cref="FederationKitDbContext"/> (the context of
    /// <c>AddEntityFrameworkStores(o => ...)</c>) to <c>services.AddHealthChecks()</c>, tagged <c>federationkit</c> and
    /// <c>store</c>; map it with <c>app.MapHealthChecks("/health")</c>. A check the host registered under the same name wins.
    /// The options are bound from <c>FederationKit:EntityFrameworkCore:HealthCheck</c> and validated at start.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes the check's name or timeout.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder AddEntityFrameworkStoresHealthCheck(this FederationKitBuilder builder, Action<EntityFrameworkStoresHealthCheckOptions>? configure = null) =>
        builder.AddEntityFrameworkStoresHealthCheck<FederationKitDbContext>(configure);

    /// <summary>
    /// Adds <see cref="EntityFrameworkStoresHealthCheck{TContext}"/> on the host's own context <typeparamref name="TContext"/>
    /// (the one given to <c>AddEntityFrameworkStores&lt;TContext&gt;()</c>).
    /// </summary>
    /// <typeparam name="TContext">The stores' context.</typeparam>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes the check's name or timeout.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder AddEntityFrameworkStoresHealthCheck<TContext>(this FederationKitBuilder builder, Action<EntityFrameworkStoresHealthCheckOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        HealthCheckRegistrations.TryAdd(
            builder,
            EntityFrameworkStoresHealthCheckOptions.ConfigurationSection,
            EntityFrameworkStoresHealthCheckOptions.Check,
            configure,
            options => options.Name,
            Tags,
            options => options.Timeout,
            (services, options) => new EntityFrameworkStoresHealthCheck<TContext>(services.GetRequiredService<IDbContextFactory<TContext>>(), options.Timeout));
        return builder;
    }
}
