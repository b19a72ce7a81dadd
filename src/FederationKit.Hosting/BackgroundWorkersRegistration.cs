using FederationKit.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FederationKit;

/// <summary>Adds FederationKit's background workers to a host built on Microsoft.Extensions.Hosting (ASP.NET Core, worker services).</summary>
public static class BackgroundWorkersRegistration
{
    /// <summary>
    /// Registers two hosted services: the domain re-check worker (every <see cref="BackgroundWorkerOptions.DomainCheckInterval"/>,
    /// the due checks of <c>DomainClaimService</c>, several at once, each under its claim's lease) and the background-job worker
    /// (every <see cref="BackgroundWorkerOptions.JobInterval"/>, each registered <see cref="Background.IFederationBackgroundJob"/>,
    /// such as the SAML metadata refresh of <c>AddSamlMetadataRefresh</c>); a worker switched off in the options returns at
    /// once. Both are safe on several instances of a host sharing one database. The options are
    /// <c>IOptions&lt;BackgroundWorkerOptions&gt;</c>, bound from <c>FederationKit:BackgroundWorkers</c> and validated at start;
    /// calling it twice registers each worker once.
    /// </summary>
    /// <param name="builder">The builder from <c>AddFederationKit</c>.</param>
    /// <param name="configure">Changes intervals, batch size, parallelism and the check timeout.</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder AddBackgroundWorkers(this FederationKitBuilder builder, Action<BackgroundWorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddOptions(BackgroundWorkerOptions.ConfigurationSection, rules: null, configure);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackgroundWorkerOptions>, BackgroundWorkerOptionsValidator>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DomainRecheckWorker>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BackgroundJobWorker>());
        return builder;
    }
}
