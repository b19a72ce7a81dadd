using System.Diagnostics.Metrics;

namespace FederationKit.Diagnostics;

/// <summary>
/// The core's instruments on <see cref="FederationKitDiagnostics.Meter"/>: sign-ins started and completed (by protocol,
/// intent and outcome) and domain checks (by outcome). Tag values are protocol names, outcomes and stable error codes only.
/// </summary>
internal static class SignInInstruments
{
    /// <summary>Counter <c>federationkit.signin.started</c>: a sign-in transaction was stored and the browser sent to the IdP.</summary>
    public static readonly Counter<long> Started = FederationKitDiagnostics.Meter.CreateCounter<long>(
        "federationkit.signin.started", unit: "{signin}", description: "Sign-ins started (browser sent to the IdP), by protocol and intent.");

    /// <summary>
    /// Counter <c>federationkit.signin.completed</c>: one per sign-in response, <c>success</c> once the user is provisioned
    /// (or the profile test recorded), else the error code of the step that refused it.
    /// </summary>
    public static readonly Counter<long> Completed = FederationKitDiagnostics.Meter.CreateCounter<long>(
        "federationkit.signin.completed", unit: "{signin}", description: "Sign-in responses, by protocol, intent and outcome (success or the error code).");

    /// <summary>Counter <c>federationkit.domain.checks</c>: one per domain ownership check, by outcome.</summary>
    public static readonly Counter<long> DomainChecks = FederationKitDiagnostics.Meter.CreateCounter<long>(
        "federationkit.domain.checks", unit: "{check}", description: "Domain ownership checks, by outcome (verified, absent, lookup_failed, lapsed, expired, lost, or an error code).");

    /// <summary>Counts a started sign-in.</summary>
    public static void SignInStarted(SignIn.IdentityProtocol protocol, SignIn.Flow.SignInIntent intent) =>
        Started.Add(1, new(TelemetryNames.Protocol, TelemetryNames.Of(protocol)), new(TelemetryNames.Intent, TelemetryNames.Of(intent)));

    /// <summary>Counts a sign-in response's final outcome.</summary>
    public static void SignInCompleted(SignIn.IdentityProtocol protocol, SignIn.Flow.SignInIntent intent, string outcome) =>
        Completed.Add(1, new(TelemetryNames.Protocol, TelemetryNames.Of(protocol)), new(TelemetryNames.Intent, TelemetryNames.Of(intent)), new(TelemetryNames.Outcome, outcome));

    /// <summary>Counts a domain check.</summary>
    public static void DomainChecked(string outcome) => DomainChecks.Add(1, new KeyValuePair<string, object?>(TelemetryNames.Outcome, outcome));
}
