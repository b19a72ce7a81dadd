using System.Collections.Concurrent;
using FederationKit.Domains;

namespace FederationKit.Tests.Domains;

/// <summary>A resolver whose answers the test sets per host name; unknown names answer NXDOMAIN.</summary>
internal sealed class FakeDnsTxtResolver : IDnsTxtResolver
{
    private readonly ConcurrentDictionary<string, DnsTxtLookup> _answers = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Queries { get; } = new();

    public void Publish(string host, params DnsTxtRecord[] records) => _answers[host] = DnsTxtLookup.Found(records);

    public void Fail(string host, string reason = "timeout") => _answers[host] = DnsTxtLookup.Failed(reason);

    public void Remove(string host) => _answers.TryRemove(host, out _);

    public Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default)
    {
        Queries.Enqueue(hostName);
        return Task.FromResult(_answers.GetValueOrDefault(hostName) ?? DnsTxtLookup.NotFound("NXDOMAIN"));
    }
}
