using System.Collections.Concurrent;
using FederationKit.Organizations;

namespace FederationKit.Tests.Organizations;

/// <summary>An <see cref="IVerifiedDomainQuery"/> backed by a list of verified domains per owner, compared by whole labels.</summary>
internal sealed class FakeVerifiedDomainQuery : IVerifiedDomainQuery
{
    private readonly ConcurrentDictionary<OwnerRef, ConcurrentDictionary<string, bool>> _verified = new();

    public int Queries;

    public void Verify(OwnerRef owner, string domain) => _verified.GetOrAdd(owner, _ => new())[domain] = true;

    public Task<bool> IsCoveredAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Queries);
        if (!_verified.TryGetValue(owner, out var domains))
        {
            return Task.FromResult(false);
        }

        return Task.FromResult(domains.Keys.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal)));
    }
}
