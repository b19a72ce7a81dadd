using FederationKit.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace FederationKit.Http;

/// <summary>
/// Registers the <see cref="FederationKitHttpClients"/> with <c>IHttpClientFactory</c>: each has the policy-enforcing handler
/// of <see cref="OutboundHttp.CreateHandler"/> as its primary handler (the URL check and the connect-time address check, no
/// redirects, no proxy) and its <see cref="FederationKitHttpClientOptions.Timeout"/>; the GET clients add a resilience
/// handler (see <see cref="Build"/>) that retries only GETs, never a refusal by the policy.
/// </summary>
internal static class OutboundHttpClients
{
    /// <summary>The name of the resilience handler on the GET clients.</summary>
    public const string PipelineName = "FederationKit";

    public static void Add(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(Marker)))
        {
            return;
        }

        services.AddSingleton<Marker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FederationKitHttpClientOptions>, Validator>());
        foreach (var name in FederationKitHttpClients.All)
        {
            services.AddOptions<FederationKitHttpClientOptions>(name).BindFederationKitConfiguration(FederationKitHttpClientOptions.ConfigurationSectionOf(name)).ValidateOnStart();
            var client = services.AddHttpClient(name)
                .ConfigurePrimaryHttpMessageHandler(sp => OutboundHttp.CreateHandler(
                    sp.GetRequiredService<OutboundUrlPolicy>(),
                    sp.GetService<ILoggerFactory>()?.CreateLogger(OutboundHttpRegistration.LoggerCategory)))
                .ConfigureHttpClient((sp, http) => http.Timeout = Options(sp, name).Timeout)

                // A resilience handler a host adds to every client (ConfigureHttpClientDefaults, which runs first) must not
                // retry the token exchange, nor nest a second retry loop around these clients' own.
                .ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
                {
                    for (var i = handlers.Count - 1; i >= 0; i--)
                    {
                        if (handlers[i] is ResilienceHandler)
                        {
                            handlers.RemoveAt(i);
                        }
                    }
                });
            if (FederationKitHttpClients.Retried.Contains(name))
            {
                client.AddResilienceHandler(PipelineName, (pipeline, context) => Build(pipeline, Options(context.ServiceProvider, name)));
            }
        }
    }

    private static FederationKitHttpClientOptions Options(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<FederationKitHttpClientOptions>>().Get(name);

    /// <summary>
    /// The strategies of the standard resilience handler, in its order and with its option types (a total timeout, retries
    /// of transient failures with exponential backoff and jitter, an attempt timeout), without its circuit breaker and rate
    /// limiter. Built here rather than with <c>AddStandardResilienceHandler</c> for two reasons: its circuit breaker is
    /// shared by every IdP of every tenant behind one client name, so one broken IdP would cut the others off; and it takes
    /// the host's <see cref="TimeProvider"/> from the container, so a host (or a test) on a fake clock would never see a
    /// network timeout or a retry delay end. Network timeouts run on the real clock.
    /// </summary>
    private static void Build(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, FederationKitHttpClientOptions options)
    {
        pipeline.TimeProvider = TimeProvider.System;
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "TotalRequestTimeout", Timeout = options.Timeout });
        if (options.MaxRetryAttempts > 0)
        {
            var retry = new HttpRetryStrategyOptions
            {
                Name = "Retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(!IsPolicyRefusal(args.Outcome.Exception) && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
            };
            retry.DisableForUnsafeHttpMethods();
            pipeline.AddRetry(retry);
        }

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "AttemptTimeout", Timeout = options.AttemptTimeout });
    }

    private static bool IsPolicyRefusal(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is OutboundRequestRefusedException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Marks a collection whose clients are registered, so that a second call adds no second handler.</summary>
    private sealed class Marker;

    private sealed class Validator : IValidateOptions<FederationKitHttpClientOptions>
    {
        public ValidateOptionsResult Validate(string? name, FederationKitHttpClientOptions options) =>
            options.Problem(name ?? string.Empty) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
