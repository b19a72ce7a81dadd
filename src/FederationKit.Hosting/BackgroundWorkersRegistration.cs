using FederationKit.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FederationKit;

/// <summary>Adds FederationKit's background workers to a host built on Microsoft.Extensions.Hosting (ASP.NET Core, worker services).</summary>
public static class BackgroundWorkersRegistration
{
    /// <summary>
    /// Registers two hosted services: the domain re-check worker (every <see cref="BackgroundWorkerOptions.DomainCheckInterval"/>,
    /// the due checks of <c>DomainClaimService</c>, several at once, each under its claim's lease) and the background-job worker
    /// (every <see cref="BackgroundWorkerOptions.JobInterval"/>, each registered <see cref="Background.IFederationBackgroundJob"/>,
    /// such as the SAML metadata refresh of <c>AddSamlMetadataRefresh</c>). Both are safe on several instances of a host sharing
    /// one database. The options are validated before this method returns; calling it twice registers each worker once.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes intervals, batch size, parallelism and the check timeout.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">A setting is invalid (the message names it).</exception>
    public static FederationKitBuilder AddBackgroundWorkers(this FederationKitBuilder builder, Action<BackgroundWorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new BackgroundWorkerOptions();
        configure?.Invoke(options);
        options.Validate(builder.Options.Domains);

        builder.Services.TryAddSingleton(options);
        if (options.DomainChecksEnabled)
        {
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DomainRecheckWorker>());
        }

        if (options.JobsEnabled)
        {
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BackgroundJobWorker>());
        }

        return builder;
    }
}
