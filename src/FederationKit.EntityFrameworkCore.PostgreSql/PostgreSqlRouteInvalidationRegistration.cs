using FederationKit.EntityFrameworkCore.PostgreSql;
using FederationKit.SignIn.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FederationKit;

/// <summary>Adds route invalidation across instances over PostgreSQL <c>LISTEN/NOTIFY</c> to FederationKit (for hosts without Redis).</summary>
public static class PostgreSqlRouteInvalidationRegistration
{
    /// <summary>
    /// Makes every instance of the host drop the routes an admin change affects within a second, through the database they
    /// share: the SDK's services tell a <see cref="RouteInvalidationFeed"/> (registered as <see cref="ISignInRouteInvalidation"/>
    /// in place of the router), which drops them here and sends <c>pg_notify</c> on <see cref="PostgreSqlRouteInvalidationOptions.Channel"/>
    /// (split into payloads under PostgreSQL's 8000-byte limit); a hosted service on every instance keeps one connection
    /// listening and reconnects after a failure. While it is disconnected the instance keeps routes at most
    /// <see cref="PostgreSqlRouteInvalidationOptions.CacheTtlWhileDisconnected"/>. The options are validated before this method returns.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Sets the connection string and changes the channel, timeouts and lifetime while disconnected.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">A setting is invalid (the connection string is required).</exception>
    public static FederationKitBuilder AddPostgreSqlRouteInvalidation(this FederationKitBuilder builder, Action<PostgreSqlRouteInvalidationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new PostgreSqlRouteInvalidationOptions();
        configure(options);
        options.Validate();
        var services = builder.Services;
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new PostgreSqlRouteInvalidationPublisher(sp.GetRequiredService<PostgreSqlRouteInvalidationOptions>()));
        services.TryAddSingleton<IRouteInvalidationPublisher>(sp => sp.GetRequiredService<PostgreSqlRouteInvalidationPublisher>());
        services.TryAddSingleton(sp => new RouteInvalidationFeed(
            sp.GetRequiredService<SignInRouter>(),
            sp.GetRequiredService<IRouteInvalidationPublisher>(),
            sp.GetRequiredService<PostgreSqlRouteInvalidationOptions>().CacheTtlWhileDisconnected,
            sp.GetService<ILogger<RouteInvalidationFeed>>()));
        services.RemoveAll<ISignInRouteInvalidation>();
        services.AddSingleton<ISignInRouteInvalidation>(sp => sp.GetRequiredService<RouteInvalidationFeed>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgreSqlRouteInvalidationListener>());
        return builder;
    }
}
