using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FederationKit;

/// <summary>Binds FederationKit options from the section that <c>AddFederationKit(configuration)</c> registered.</summary>
public static class FederationKitOptionsBuilderExtensions
{
    /// <summary>
    /// Binds the options from <c>FederationKit:{relativePath}</c> of the configuration given to <c>AddFederationKit</c>, at
    /// the point of this call in the options' configuration order (so <c>Action&lt;T&gt;</c> configuration added later wins).
    /// Binds nothing when <c>AddFederationKit</c> was called without a configuration.
    /// </summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="options">The options builder.</param>
    /// <param name="relativePath">The path below <c>FederationKit</c>, such as <c>Saml</c>.</param>
    /// <returns>The same options builder.</returns>
    public static OptionsBuilder<TOptions> BindFederationKitConfiguration<TOptions>(this OptionsBuilder<TOptions> options, string relativePath)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(relativePath);
        return options.Configure<IServiceProvider>((value, services) => services.GetService<FederationKitConfiguration>()?.Bind(relativePath, value));
    }
}
