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
/// redirects, no proxy) and its <see cref="FederationKitHttpClientOptions.Timeout"/>; the GET clients add the standard
/// resilience handler, tuned so that it retries only GETs, never a refusal by the policy, and never opens a circuit (the
/// pipeline of a name is shared by every tenant's IdP, so one broken IdP must not cut the others off).
/// </summary>
internal static class OutboundHttpClients
{
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
            services.AddOptions<FederationKitHttpClientOptions>(name).ValidateOnStart();
            var client = services.AddHttpClient(name)
                .ConfigurePrimaryHttpMessageHandler(sp => OutboundHttp.CreateHandler(
                    sp.GetRequiredService<OutboundUrlPolicy>(),
                    sp.GetService<ILoggerFactory>()?.CreateLogger(OutboundHttpRegistration.LoggerCategory)))
                .ConfigureHttpClient((sp, http) => http.Timeout = Options(sp, name).Timeout);
            if (FederationKitHttpClients.Retried.Contains(name))
            {
                client.AddStandardResilienceHandler().Configure((resilience, sp) => Tune(resilience, Options(sp, name)));
            }
        }
    }

    private static FederationKitHttpClientOptions Options(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<FederationKitHttpClientOptions>>().Get(name);

    private static void Tune(HttpStandardResilienceOptions resilience, FederationKitHttpClientOptions options)
    {
        resilience.TotalRequestTimeout.Timeout = options.Timeout;
        resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
        resilience.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetryAttempts);
        resilience.Retry.Delay = options.RetryDelay;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        var retries = options.MaxRetryAttempts > 0;
        resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
            retries && !IsPolicyRefusal(args.Outcome.Exception) && HttpClientResiliencePredicates.IsTransient(args.Outcome));
        resilience.Retry.DisableForUnsafeHttpMethods();

        // Never open the circuit: the validator still wants a sampling duration of at least twice the attempt timeout.
        resilience.CircuitBreaker.ShouldHandle = _ => ValueTask.FromResult(false);
        var sampling = options.AttemptTimeout * 2;
        resilience.CircuitBreaker.SamplingDuration = sampling > resilience.CircuitBreaker.SamplingDuration ? sampling : resilience.CircuitBreaker.SamplingDuration;
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
