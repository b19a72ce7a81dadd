using System.Diagnostics;
using System.Diagnostics.Metrics;
using FederationKit.Diagnostics;

namespace FederationKit.Saml.Diagnostics;

/// <summary>
/// The SAML package's spans and instruments, on the shared <see cref="FederationKitDiagnostics"/> source and meter. Tags carry
/// only a profile ID, an IdP entity ID and an outcome code: never a response, an assertion, a NameID or an attribute value.
/// </summary>
internal static class SamlInstruments
{
    /// <summary>The span of one SAML Response validation.</summary>
    public const string ValidateSpan = "saml.validate";

    /// <summary>The span of one SAML LogoutRequest or LogoutResponse validation.</summary>
    public const string LogoutSpan = "saml.logout.validate";

    /// <summary>The span of one IdP metadata fetch.</summary>
    public const string MetadataSpan = "saml.metadata";

    /// <summary>The span of one profile's metadata refresh by the refresher (holds the fetch's <see cref="MetadataSpan"/>).</summary>
    public const string MetadataRefreshSpan = "saml.metadata.refresh";

    /// <summary>The outcome tag of a success.</summary>
    public const string Success = "success";

    /// <summary>How long a Response validation took, in milliseconds, tagged <c>outcome</c> (<c>success</c> or the error code).</summary>
    public static readonly Histogram<double> ValidationDuration = FederationKitDiagnostics.Meter.CreateHistogram<double>(
        "federationkit.saml.validation.duration", "ms", "Duration of SAML Response validations.");

    /// <summary>Refused SAML messages, tagged <c>code</c> and <c>message</c> (<c>response</c>, <c>logout</c> or <c>metadata</c>).</summary>
    public static readonly Counter<long> Refusals = FederationKitDiagnostics.Meter.CreateCounter<long>(
        "federationkit.saml.refusals", "{refusal}", "SAML responses, logout messages and metadata documents refused, by error code.");

    /// <summary>Starts a span (null when nobody listens).</summary>
    public static Activity? Start(string name, string? profileId, string? issuer)
    {
        var activity = FederationKitDiagnostics.ActivitySource.StartActivity(name, ActivityKind.Internal);
        if (activity is not null)
        {
            if (profileId is not null)
            {
                activity.SetTag("federationkit.profile_id", profileId);
            }

            if (issuer is not null)
            {
                activity.SetTag("federationkit.saml.issuer", issuer);
            }
        }

        return activity;
    }

    /// <summary>Ends a span with its outcome and counts a refusal; the status is Error with the code on failure, Unset on success.</summary>
    /// <param name="activity">The span, or null when nobody listens.</param>
    /// <param name="message">What was refused: <c>response</c>, <c>logout</c> or <c>metadata</c>.</param>
    /// <param name="error">The refusal, or null on success.</param>
    /// <param name="countRefusal">False when an inner span already counted the refusal.</param>
    public static void Complete(Activity? activity, string message, FederationError? error, bool countRefusal = true)
    {
        var outcome = error?.Code ?? Success;
        if (error is not null && countRefusal)
        {
            Refusals.Add(1, new KeyValuePair<string, object?>("code", error.Code), new KeyValuePair<string, object?>("message", message));
        }

        if (activity is null)
        {
            return;
        }

        activity.SetTag("federationkit.outcome", outcome);
        // A success leaves the status Unset, as OpenTelemetry asks of instrumentation libraries.
        if (error is not null)
        {
            activity.SetTag("federationkit.error_code", error.Code);
            activity.SetStatus(ActivityStatusCode.Error, error.Code);
        }
    }
}
