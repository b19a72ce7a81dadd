using FederationKit.EntityFrameworkCore;
using FederationKit.EntityFrameworkCore.PostgreSql;
using FederationKit.SignIn.Routing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FederationKit.RoutingScale;

/// <summary>Instances of a host in this process: a container with the EF stores and LISTEN/NOTIFY invalidation, its hosted services started.</summary>
internal sealed class Instances : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IHostedService[] _hosted;

    private Instances(ServiceProvider provider, IHostedService[] hosted)
    {
        _provider = provider;
        _hosted = hosted;
    }

    public SignInRouter Router => _provider.GetRequiredService<SignInRouter>();

    public static async Task<Instances> StartAsync(string connectionString, string root)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(root, "keys")));
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseFederationKitNpgsql(connectionString))
            .AddPostgreSqlRouteInvalidation(o => o.ConnectionString = connectionString);
        var provider = services.BuildServiceProvider();
        return new Instances(provider, await StartHostedAsync(provider));
    }

    /// <summary>Starts the hosted services (the LISTEN connection) and waits until the feed listens.</summary>
    public static async Task<IHostedService[]> StartHostedAsync(IServiceProvider provider)
    {
        var hosted = provider.GetServices<IHostedService>().ToArray();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        var feed = provider.GetRequiredService<RouteInvalidationFeed>();
        for (var i = 0; i < 500 && !feed.IsConnected; i++)
        {
            await Task.Delay(20);
        }

        return feed.IsConnected ? hosted : throw new InvalidOperationException("The route invalidation listener did not connect.");
    }

    public static async Task StopHostedAsync(IHostedService[] hosted)
    {
        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostedAsync(_hosted);
        await _provider.DisposeAsync();
    }
}
