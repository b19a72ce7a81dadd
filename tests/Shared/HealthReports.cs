using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederationKit.Tests.Shared;

/// <summary>Runs the health checks registered on a service collection through the real <see cref="HealthCheckService"/>.</summary>
internal static class HealthReports
{
    /// <summary>Builds the provider (with null loggers, as the health check service needs one) and runs every check.</summary>
    public static async Task<HealthReport> RunAsync(IServiceCollection services)
    {
        AddNullLoggers(services);
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }

    /// <summary>Registers null loggers (the health check service needs an <see cref="ILogger{TCategoryName}"/>).</summary>
    public static void AddNullLoggers(IServiceCollection services) => services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));

    /// <summary>Runs every check registered in <paramref name="provider"/> (built after <see cref="AddNullLoggers"/>).</summary>
    public static Task<HealthReport> RunAsync(IServiceProvider provider) => provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    /// <summary>Every text a health endpoint could show for <paramref name="entry"/>: its description and its data.</summary>
    public static string Shown(HealthReportEntry entry) =>
        entry.Description + " " + string.Join(" ", entry.Data.Select(kv => kv.Key + "=" + kv.Value)) + " " + entry.Exception?.ToString();
}
