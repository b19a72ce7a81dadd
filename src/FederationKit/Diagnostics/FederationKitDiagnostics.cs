using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FederationKit.Diagnostics;

/// <summary>
/// The one <see cref="System.Diagnostics.ActivitySource"/> and one <see cref="System.Diagnostics.Metrics.Meter"/> of every
/// FederationKit package, both named <see cref="Name"/>: OpenTelemetry users add
/// <c>.AddSource("FederationKit")</c> and <c>.AddMeter("FederationKit")</c>, no adapter needed. Spans and instruments are
/// listed in docs/observability.md; none ever carries a secret, token, assertion or key.
/// </summary>
public static class FederationKitDiagnostics
{
    /// <summary>The name of the activity source and of the meter: <c>FederationKit</c>.</summary>
    public const string Name = "FederationKit";

    /// <summary>The version reported with the source and the meter (the core assembly's).</summary>
    public static readonly string? Version = typeof(FederationKitDiagnostics).Assembly.GetName().Version?.ToString();

    /// <summary>Starts the SDK's spans (sign-in begin and complete, SAML validation, OIDC token exchange, DNS lookups, JIT).</summary>
    public static readonly ActivitySource ActivitySource = new(Name, Version);

    /// <summary>Holds the SDK's instruments (sign-ins by protocol and outcome, domain checks by outcome, validation duration).</summary>
    public static readonly Meter Meter = new(Name, Version);
}
