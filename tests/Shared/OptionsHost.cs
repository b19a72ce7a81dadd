using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FederationKit.Tests.Shared;

/// <summary>A generic host with in-memory configuration, for tests of options bound from configuration and validated at start.</summary>
internal static class OptionsHost
{
    /// <summary>Builds a host whose configuration holds <paramref name="settings"/>.</summary>
    public static IHost Build(Action<IServiceCollection, IConfiguration> register, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        register(builder.Services, builder.Configuration);
        return builder.Build();
    }

    /// <summary>Starts a host that must refuse to start; returns the validation failure.</summary>
    public static async Task<OptionsValidationException> StartFailsAsync(Action<IServiceCollection, IConfiguration> register, IDictionary<string, string?>? settings = null)
    {
        using var host = Build(register, settings);
        try
        {
            await host.StartAsync();
            await host.StopAsync();
        }
        catch (OptionsValidationException refused)
        {
            return refused;
        }
        catch (AggregateException several) when (several.InnerExceptions.All(e => e is OptionsValidationException))
        {
            // Several options types refused (a bad root setting also stops the parts read through it): one list of failures.
            var all = several.InnerExceptions.Cast<OptionsValidationException>().ToList();
            return new OptionsValidationException(all[0].OptionsName, all[0].OptionsType, all.SelectMany(e => e.Failures).Distinct().ToList());
        }

        throw new AssertionException("The host started although a setting is invalid.");
    }

    /// <summary>Starts and stops a host that must start.</summary>
    public static async Task StartsAsync(Action<IServiceCollection, IConfiguration> register, IDictionary<string, string?>? settings = null)
    {
        using var host = Build(register, settings);
        await host.StartAsync();
        await host.StopAsync();
    }
}
