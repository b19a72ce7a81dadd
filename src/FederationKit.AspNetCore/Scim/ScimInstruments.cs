using System.Diagnostics;
using System.Diagnostics.Metrics;
using FederationKit.Diagnostics;

namespace FederationKit.AspNetCore.Scim;

/// <summary>The SCIM endpoints' span and counter on the one FederationKit <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
internal static class ScimInstruments
{
    public const string RequestSpan = "scim.request";

    public static readonly Counter<long> Requests = FederationKitDiagnostics.Meter.CreateCounter<long>(
        "federationkit.scim.requests", "{request}", "SCIM requests answered, by method, status and error code (\"success\" when none).");

    public static Activity? Start(string method) =>
        FederationKitDiagnostics.ActivitySource.StartActivity(RequestSpan, ActivityKind.Internal)?.SetTag("http.request.method", method);

    public static void Record(Activity? activity, string method, int status, string? code, string? directoryId, string? tokenId)
    {
        var outcome = code ?? "success";
        Requests.Add(1, new TagList { { "http.request.method", method }, { "http.response.status_code", status }, { "federationkit.code", outcome } });
        if (activity is not null)
        {
            activity.SetTag("http.response.status_code", status);
            activity.SetTag("federationkit.code", outcome);
            if (directoryId is not null)
            {
                activity.SetTag("federationkit.directory_id", directoryId);
            }

            if (tokenId is not null)
            {
                activity.SetTag("federationkit.scim.token_id", tokenId);
            }

            if (code is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, code);
            }
        }
    }
}
