using System.Diagnostics;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using FederationKit.Diagnostics;
using FederationKit.Domains;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederationKit.Dns;

/// <summary>
/// <see cref="IDnsTxtResolver"/> on DnsClient. Maps NXDOMAIN and NODATA to not found, and every timeout, SERVFAIL, REFUSED
/// or network error to failed (never to not found). Returns only TXT records owned by the queried name (a CNAME is not
/// followed unless <see cref="DnsClientResolverOptions.FollowCnames"/> is on). Nothing is cached: every check asks the server.
/// Each lookup is a <c>dns.txt_lookup</c> span and a <c>federationkit.dns.lookup.duration</c> measurement.
/// </summary>
public sealed class DnsClientTxtResolver : IDnsTxtResolver
{
    private readonly LookupClient _client;
    private readonly bool _followCnames;
    private readonly ILogger _logger;

    /// <summary>Creates the resolver.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="logger">Logs failed lookups, ignored CNAME answers and (at Debug) every lookup; null logs nothing.</param>
    public DnsClientTxtResolver(DnsClientResolverOptions options, ILogger<DnsClientTxtResolver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var servers = options.NameServers.Select(DnsClientResolverOptions.ParseNameServer).ToArray();
        var clientOptions = servers.Length == 0 ? new LookupClientOptions() : new LookupClientOptions(servers);
        clientOptions.Timeout = options.Timeout;
        clientOptions.Retries = options.Retries;
        clientOptions.UseCache = false;
        clientOptions.CacheFailedResults = false;
        clientOptions.ThrowDnsErrors = false;
        clientOptions.ContinueOnDnsError = true;
        clientOptions.ContinueOnEmptyResponse = false;
        clientOptions.UseTcpFallback = true;
        clientOptions.UseRandomNameServer = false;
        _client = new LookupClient(clientOptions);
        _followCnames = options.FollowCnames;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        using var activity = FederationKitDiagnostics.ActivitySource.StartActivity(DnsTelemetry.LookupSpan, ActivityKind.Client);
        activity?.SetTag(DnsTelemetry.QuestionName, hostName);
        var started = Stopwatch.GetTimestamp();
        var lookup = await QueryAsync(hostName, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        DnsTelemetry.Record(activity, lookup, elapsed);
        if (lookup.Outcome == DnsTxtLookupOutcome.Failed)
        {
            DnsLog.LookupFailed(_logger, hostName, lookup.Detail, elapsed.TotalMilliseconds);
        }
        else
        {
            var outcome = DnsTelemetry.Of(lookup.Outcome);
            DnsLog.LookupCompleted(_logger, hostName, outcome, lookup.Detail, elapsed.TotalMilliseconds);
        }

        return lookup;
    }

    private async Task<DnsTxtLookup> QueryAsync(string hostName, CancellationToken cancellationToken)
    {
        IDnsQueryResponse response;
        try
        {
            response = await _client.QueryAsync(hostName, QueryType.TXT, QueryClass.IN, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResponseException ex)
        {
            return DnsTxtLookup.Failed(ex.Code == DnsResponseCode.ConnectionTimeout ? "timeout" : "error: " + ex.DnsError);
        }
        catch (SocketException ex)
        {
            return DnsTxtLookup.Failed("network error: " + ex.SocketErrorCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DnsTxtLookup.Failed("timeout");
        }

        return Map(hostName, response);
    }

    private DnsTxtLookup Map(string hostName, IDnsQueryResponse response)
    {
        var code = response.Header.ResponseCode;
        if (code == DnsHeaderResponseCode.NotExistentDomain)
        {
            return DnsTxtLookup.NotFound("NXDOMAIN");
        }

        if (code != DnsHeaderResponseCode.NoError)
        {
            return DnsTxtLookup.Failed(DnsResponseCodeNames.Of(code));
        }

        var answers = response.Answers.TxtRecords().ToList();
        var records = answers
            .Where(r => _followCnames || SameName(r.DomainName.Value, hostName))
            .Select(r => new DnsTxtRecord([.. r.Text]))
            .ToList();
        if (records.Count < answers.Count)
        {
            DnsLog.CnameNotFollowed(_logger, hostName, answers.Count - records.Count);
        }

        return records.Count == 0 ? DnsTxtLookup.NotFound("NODATA") : DnsTxtLookup.Found(records);
    }

    private static bool SameName(string owner, string query) =>
        string.Equals(owner.TrimEnd('.'), query.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
}
