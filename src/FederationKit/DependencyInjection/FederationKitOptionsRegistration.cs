using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FederationKit;

/// <summary>Registers one options type the FederationKit way (see <see cref="FederationKitBuilder.AddOptions{TOptions}"/>).</summary>
internal static class FederationKitOptionsRegistration
{
    public static OptionsBuilder<TOptions> Add<TOptions>(IServiceCollection services, string relativePath, Action<TOptions, OptionsCheck>? rules, Action<TOptions>? configure)
        where TOptions : class
    {
        var options = services.AddOptions<TOptions>();
        if (!services.Any(d => d.ServiceType == typeof(Bound<TOptions>)))
        {
            services.AddSingleton<Bound<TOptions>>();
            options.BindFederationKitConfiguration(relativePath);
            if (rules is not null)
            {
                services.AddSingleton<IValidateOptions<TOptions>>(new OptionsCheckValidator<TOptions>(FederationKitConfiguration.PathOf(relativePath), rules));
            }

            options.ValidateOnStart();
            services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<TOptions>>().Value);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return options;
    }

    /// <summary>Marks an options type already bound and validated, so a second <c>Add…</c> call adds only its configure action.</summary>
    private sealed class Bound<TOptions>;
}
