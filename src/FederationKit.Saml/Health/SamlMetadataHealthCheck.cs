using System.Globalization;
using FederationKit.Saml.Metadata;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FederationKit.Saml.Health;

/// <summary>
/// Reports Degraded when a SAML profile kept with a metadata URL has not been refreshed within its limit: the refresh time its
/// last good copy set (its cacheDuration, within the refresh bounds), plus a grace; or when the refresher has not run within the
/// grace since it started (no background worker runs it). Sign-ins still work on the last good copy, hence Degraded, not
/// Unhealthy. The state is this instance's (<see cref="SamlMetadataRefresher.Freshness"/>); the data lists the late profiles'
/// IDs, never their metadata URLs (which may carry an access key).
/// </summary>
public sealed class SamlMetadataHealthCheck : IHealthCheck
{
    private readonly SamlMetadataRefresher _refresher;
    private readonly TimeProvider _time;
    private readonly TimeSpan _grace;

    /// <summary>Creates the check.</summary>
    /// <param name="refresher">The refresher whose state is read.</param>
    /// <param name="time">The clock (the refresher's).</param>
    /// <param name="grace">How late a refresh may be before it is reported.</param>
    public SamlMetadataHealthCheck(SamlMetadataRefresher refresher, TimeProvider time, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(refresher);
        ArgumentNullException.ThrowIfNull(time);
        _refresher = refresher;
        _time = time;
        _grace = grace;
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        if (_refresher.LastListedAt is null)
        {
            return Task.FromResult(now - _refresher.StartedAt > _grace
                ? HealthCheckResult.Degraded(
                    $"The SAML metadata refresher has not run in the {Minutes(now - _refresher.StartedAt)} minutes since it started: is a background worker (AddBackgroundWorkers) running it?",
                    data: new Dictionary<string, object> { ["reason"] = "not_run" })
                : HealthCheckResult.Healthy("The SAML metadata refresher has not run yet."));
        }

        var profiles = _refresher.Freshness();
        var late = profiles.Where(p => now - p.FreshUntil > _grace).ToList();
        var data = new Dictionary<string, object> { ["profiles"] = profiles.Count, ["late"] = late.Count };
        if (late.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"The metadata of all {profiles.Count} SAML profile(s) with a metadata URL is fresh.", data));
        }

        data["lateProfileIds"] = string.Join(",", late.Select(p => p.ProfileId.ToString()));
        data["neverRefreshed"] = late.Count(p => p.LastRefreshedAt is null);
        return Task.FromResult(HealthCheckResult.Degraded(
            $"{late.Count} of {profiles.Count} SAML profile(s) with a metadata URL have not been refreshed within their limit (plus {Minutes(_grace)} minutes' grace); they serve their last good copy.",
            data: data));
    }

    private static string Minutes(TimeSpan value) => Math.Floor(value.TotalMinutes).ToString(CultureInfo.InvariantCulture);
}
