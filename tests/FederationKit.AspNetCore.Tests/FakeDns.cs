using System.Collections.Concurrent;
using FederationKit.Domains;

namespace FederationKit.AspNetCore.Tests;

/// <summary>TXT answers the test publishes; anything else is NXDOMAIN.</summary>
internal sealed class FakeDns : IDnsTxtResolver
{
    private readonly ConcurrentDictionary<string, DnsTxtLookup> _answers = new(StringComparer.Ordinal);

    public void Publish(string host, string value) => _answers[host] = DnsTxtLookup.Found([DnsTxtRecord.Of(value)]);

    public Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default) =>
        Task.FromResult(_answers.GetValueOrDefault(hostName) ?? DnsTxtLookup.NotFound("NXDOMAIN"));
}
