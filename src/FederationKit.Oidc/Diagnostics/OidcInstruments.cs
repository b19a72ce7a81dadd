using System.Diagnostics;
using System.Diagnostics.Metrics;
using FederationKit.Diagnostics;

namespace FederationKit.Oidc.Diagnostics;

/// <summary>
/// The OIDC package's spans and instruments, on the shared <see cref="FederationKitDiagnostics"/> source and meter. Tags carry
/// only the issuer, an outcome code and a provider's error code: never a code, verifier, secret, token or claim value.
/// </summary>
internal static class OidcInstruments
{
    /// <summary>The span of one authorization code exchange at the token endpoint.</summary>
    public const string TokenSpan = "oidc.token";

    /// <summary>The span of one ID token validation.</summary>
    public const string IdTokenSpan = "oidc.id_token.validate";

    /// <summary>The span of one userinfo request.</summary>
    public const string UserInfoSpan = "oidc.userinfo";

    /// <summary>The span of one discovery and JWKS fetch.</summary>
    public const string DiscoverySpan = "oidc.discovery";

    /// <summary>The outcome tag of a success.</summary>
    public const string Success = "success";

    /// <summary>How long a code exchange took, in milliseconds, tagged <c>outcome</c> (<c>success</c> or the error code).</summary>
    public static readonly Histogram<double> TokenDuration = FederationKitDiagnostics.Meter.CreateHistogram<double>(
        "federationkit.oidc.token.duration", "ms", "Duration of OIDC authorization code exchanges.");

    /// <summary>Refusals, tagged <c>code</c> and <c>operation</c> (<c>token</c>, <c>id_token</c>, <c>userinfo</c> or <c>discovery</c>).</summary>
    public static readonly Counter<long> Refusals = FederationKitDiagnostics.Meter.CreateCounter<long>(
        "federationkit.oidc.refusals", "{refusal}", "OIDC token exchanges, ID tokens, userinfo answers and discovery fetches refused, by error code.");

    /// <summary>Starts a span tagged with the issuer (null when nobody listens).</summary>
    public static Activity? Start(string name, string issuer)
    {
        var activity = FederationKitDiagnostics.ActivitySource.StartActivity(name, ActivityKind.Internal);
        activity?.SetTag("federationkit.oidc.issuer", issuer);
        return activity;
    }

    /// <summary>Ends a span with its outcome and counts a refusal; the status is Error with the code on failure, Unset on success.</summary>
    /// <param name="activity">The span, or null when nobody listens.</param>
    /// <param name="operation">What was refused: <c>token</c>, <c>id_token</c>, <c>userinfo</c> or <c>discovery</c>.</param>
    /// <param name="error">The refusal, or null on success.</param>
    public static void Complete(Activity? activity, string operation, FederationError? error)
    {
        if (error is not null)
        {
            Refusals.Add(1, new KeyValuePair<string, object?>("code", error.Code), new KeyValuePair<string, object?>("operation", operation));
        }

        if (activity is null)
        {
            return;
        }

        activity.SetTag("federationkit.outcome", error?.Code ?? Success);
        // A success leaves the status Unset, as OpenTelemetry asks of instrumentation libraries.
        if (error is not null)
        {
            activity.SetTag("federationkit.error_code", error.Code);
            activity.SetStatus(ActivityStatusCode.Error, error.Code);
        }
    }

    /// <summary>
    /// A provider's <c>error</c> value fit for a log or a tag: RFC 6749 limits it to printable ASCII without quote or backslash;
    /// anything else, or anything longer than 64 characters, becomes <c>invalid</c>. Never the <c>error_description</c>.
    /// </summary>
    public static string ProviderErrorCode(FederationError error)
    {
        if (!error.Details.TryGetValue("error", out var value) || string.IsNullOrEmpty(value))
        {
            return "none";
        }

        return value.Length <= 64 && value.All(c => c is >= '\x20' and <= '\x7E' and not '"' and not '\\') ? value : "invalid";
    }
}
