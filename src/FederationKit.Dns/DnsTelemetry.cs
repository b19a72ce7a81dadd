using System.Diagnostics;
using System.Diagnostics.Metrics;
using FederationKit.Diagnostics;
using FederationKit.Domains;

namespace FederationKit.Dns;

/// <summary>
/// The DNS adapter's span (<c>dns.txt_lookup</c>) and instrument (<c>federationkit.dns.lookup.duration</c>, milliseconds),
/// on the SDK's one source and meter. Tags: the queried name and the outcome.
/// </summary>
internal static class DnsTelemetry
{
    /// <summary>The span of one TXT lookup.</summary>
    public const string LookupSpan = "dns.txt_lookup";

    /// <summary>Tag (OpenTelemetry DNS convention): the queried name.</summary>
    public const string QuestionName = "dns.question.name";

    /// <summary>Tag: <c>found</c>, <c>not_found</c> or <c>failed</c>.</summary>
    public const string Outcome = "federationkit.outcome";

    /// <summary>Tag: the lookup's explanation (<c>NXDOMAIN</c>, <c>NODATA</c>, <c>timeout</c>, <c>SERVFAIL</c>…).</summary>
    public const string Detail = "federationkit.dns.detail";

    /// <summary>Histogram <c>federationkit.dns.lookup.duration</c>: how long each TXT lookup took, by outcome.</summary>
    public static readonly Histogram<double> LookupDuration = FederationKitDiagnostics.Meter.CreateHistogram<double>(
        "federationkit.dns.lookup.duration", unit: "ms", description: "Duration of TXT lookups for domain verification, by outcome.");

    /// <summary>The tag value of a lookup outcome.</summary>
    public static string Of(DnsTxtLookupOutcome outcome) => outcome switch
    {
        DnsTxtLookupOutcome.Found => "found",
        DnsTxtLookupOutcome.NotFound => "not_found",
        _ => "failed",
    };

    /// <summary>Records a finished lookup on its span and the histogram.</summary>
    public static void Record(Activity? activity, DnsTxtLookup lookup, TimeSpan elapsed)
    {
        var outcome = Of(lookup.Outcome);
        LookupDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>(Outcome, outcome));
        if (activity is null)
        {
            return;
        }

        activity.SetTag(Outcome, outcome);
        activity.SetTag(Detail, lookup.Detail);
        if (lookup.Outcome == DnsTxtLookupOutcome.Failed)
        {
            activity.SetTag("error.type", "lookup_failed");
            activity.SetStatus(ActivityStatusCode.Error, lookup.Detail);
        }
    }
}
