using FederationKit.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederationKit;

/// <summary>Registers the outbound URL policy and the policy-enforcing named clients the protocol packages use by default.</summary>
public static class OutboundHttpRegistration
{
    /// <summary>
    /// The key of a policy-enforcing <see cref="HttpClient"/> (a keyed singleton) for a host's own outbound calls. The SDK's
    /// own requests go through the named clients of <see cref="Http.FederationKitHttpClients"/> instead.
    /// </summary>
    public const string HttpClientKey = "FederationKit.Outbound";

    /// <summary>The section below <c>FederationKit</c> the outbound URL policy is bound from: <c>Outbound</c>.</summary>
    public const string OutboundPolicySection = "Outbound";

    /// <summary>The logger category of outbound refusals and connection failures.</summary>
    public const string LoggerCategory = "FederationKit.Outbound";

    /// <summary>
    /// Changes the <see cref="OutboundUrlPolicy"/> that OIDC discovery, keys, token and userinfo requests and SAML metadata
    /// fetches obey (the default: https only, public addresses only). The policy is <c>IOptions&lt;OutboundUrlPolicy&gt;</c>,
    /// bound from <c>FederationKit:Outbound</c>, then changed by <paramref name="configure"/>, and validated at start. Call it
    /// before or after <c>AddOidc</c> and <c>AddSaml</c>.
    /// </summary>
    /// <param name="builder">The FederationKit builder.</param>
    /// <param name="configure">Opens the policy (for example <c>AllowLoopback</c> and <c>AllowHttp</c> in tests).</param>
    /// <returns>The same builder.</returns>
    public static FederationKitBuilder AddOutboundPolicy(this FederationKitBuilder builder, Action<OutboundUrlPolicy> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddOutboundHttp(builder.Services);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Adds, unless already registered, the default <see cref="OutboundUrlPolicy"/>, the named clients of
    /// <see cref="Http.FederationKitHttpClients"/> through <c>IHttpClientFactory</c> (the policy as their primary handler, a
    /// timeout on every call from <see cref="Http.FederationKitHttpClientOptions"/>, the standard resilience handler on the
    /// GET clients only), and a policy-enforcing <see cref="HttpClient"/> under <see cref="HttpClientKey"/> for a host's own
    /// calls. The protocol packages call it (hosts use <c>AddOutboundPolicy</c> on the builder, the one entry point).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    internal static IServiceCollection AddOutboundHttp(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<OutboundUrlPolicy>)))
        {
            services.AddOptions<OutboundUrlPolicy>().BindFederationKitConfiguration(OutboundPolicySection).ValidateOnStart();
            services.AddSingleton<IValidateOptions<OutboundUrlPolicy>>(new OptionsCheckValidator<OutboundUrlPolicy>(
                FederationKitConfiguration.PathOf(OutboundPolicySection),
                (policy, check) => check.Require(policy.ConnectTimeout > TimeSpan.Zero && policy.ConnectTimeout <= TimeSpan.FromMinutes(5), nameof(OutboundUrlPolicy.ConnectTimeout), "must be positive and at most five minutes.")));
        }

        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<OutboundUrlPolicy>>().Value);
        services.TryAddKeyedSingleton(HttpClientKey, (sp, _) => Http.OutboundHttp.CreateClient(
            sp.GetRequiredService<OutboundUrlPolicy>(),
            logger: sp.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory)));
        Http.OutboundHttpClients.Add(services);
        return services;
    }
}
