using System.Collections.Concurrent;
using FederationKit.Domains;

namespace FederationKit.Tests.Domains;

/// <summary>A resolver whose answers the test sets per host name; unknown names answer NXDOMAIN.</summary>
internal sealed class FakeDnsTxtResolver : IDnsTxtResolver
{
    private readonly ConcurrentDictionary<string, DnsTxtLookup> _answers = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Queries { get; } = new();

    /// <summary>Runs during each lookup, before it answers (a slow resolver, or a look at the store mid-check).</summary>
    public Func<string, Task>? DuringLookup { get; set; }

    public void Publish(string host, params DnsTxtRecord[] records) => _answers[host] = DnsTxtLookup.Found(records);

    public void Fail(string host, string reason = "timeout") => _answers[host] = DnsTxtLookup.Failed(reason);

    public void Remove(string host) => _answers.TryRemove(host, out _);

    public async Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default)
    {
        Queries.Enqueue(hostName);
        if (DuringLookup is { } during)
        {
            await during(hostName);
        }

        return _answers.GetValueOrDefault(hostName) ?? DnsTxtLookup.NotFound("NXDOMAIN");
    }
}
