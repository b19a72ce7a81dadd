using System.Globalization;
using FederationKit.Domains;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FederationKit.Dns.Health;

/// <summary>
/// Reports whether the registered <see cref="IDnsTxtResolver"/> answers: asks for the TXT records of one name within a short
/// timeout. Any answer (records, NXDOMAIN, NODATA) is Healthy; a timeout, SERVFAIL, REFUSED or network error is Unhealthy, as
/// domain checks would then fail too. The default resolver (no <c>AddDnsClientResolver</c>) fails every lookup, so it is Unhealthy.
/// </summary>
public sealed class DnsResolverHealthCheck : IHealthCheck
{
    private readonly IDnsTxtResolver _resolver;
    private readonly string _queryName;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the check.</summary>
    /// <param name="resolver">The resolver domain checks use.</param>
    /// <param name="queryName">The name whose TXT records are asked for.</param>
    /// <param name="timeout">How long the check may take.</param>
    public DnsResolverHealthCheck(IDnsTxtResolver resolver, string queryName, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        HealthCheckRegistrations.ValidateName(queryName, nameof(queryName));
        HealthCheckRegistrations.ValidateTimeout(timeout, nameof(timeout));
        _resolver = resolver;
        _queryName = queryName;
        _timeout = timeout;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        DnsTxtLookup lookup;
        try
        {
            lookup = await _resolver.ResolveTxtAsync(_queryName, timeout.Token).WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            lookup = DnsTxtLookup.Failed("timeout");
        }

        var data = new Dictionary<string, object> { ["queryName"] = _queryName, ["outcome"] = lookup.Outcome.ToString(), ["detail"] = lookup.Detail };
        if (lookup.Outcome == DnsTxtLookupOutcome.Failed)
        {
            var within = _timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return HealthCheckResult.Unhealthy($"The DNS resolver gave no answer for {_queryName} TXT within {within} s ({lookup.Detail}).", data: data);
        }

        return HealthCheckResult.Healthy($"The DNS resolver answered for {_queryName} TXT ({lookup.Detail}).", data);
    }
}
