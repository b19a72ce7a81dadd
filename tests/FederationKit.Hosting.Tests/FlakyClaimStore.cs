using FederationKit.Domains;
using FederationKit.Domains.InMemory;
using FederationKit.Organizations;

namespace FederationKit.Hosting.Tests;

/// <summary>The in-memory claim store, whose listing of due claims can be made to throw (a database outage during a round).</summary>
internal sealed class FlakyClaimStore : IDomainClaimStore
{
    private readonly InMemoryDomainClaimStore _inner = new();
    private int _failListings;

    public int ListingCalls;

    public void FailNextListings(int count) => Volatile.Write(ref _failListings, count);

    public Task<IReadOnlyList<DomainClaim>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref ListingCalls);
        return Interlocked.Decrement(ref _failListings) >= 0
            ? throw new InvalidOperationException("the database is down")
            : _inner.ListDueAsync(now, limit, cancellationToken);
    }

    public Task<DomainClaim?> FindAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default) => _inner.FindAsync(owner, domain, cancellationToken);

    public Task<DomainClaim?> FindAsync(DomainClaimId id, CancellationToken cancellationToken = default) => _inner.FindAsync(id, cancellationToken);

    public Task<IReadOnlyList<DomainClaim>> ListByOwnerAsync(OwnerRef owner, CancellationToken cancellationToken = default) => _inner.ListByOwnerAsync(owner, cancellationToken);

    public Task<DomainClaim?> FindLongestVerifiedSuffixAsync(string hostName, CancellationToken cancellationToken = default) => _inner.FindLongestVerifiedSuffixAsync(hostName, cancellationToken);

    public Task<Result<DomainClaim>> AddAsync(DomainClaim claim, CancellationToken cancellationToken = default) => _inner.AddAsync(claim, cancellationToken);

    public Task<Result<DomainClaim>> UpdateAsync(DomainClaim claim, CancellationToken cancellationToken = default) => _inner.UpdateAsync(claim, cancellationToken);

    public Task<Result> DeleteAsync(DomainClaimId id, long expectedVersion, CancellationToken cancellationToken = default) => _inner.DeleteAsync(id, expectedVersion, cancellationToken);

    public Task<bool> IsCoveredAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default) => _inner.IsCoveredAsync(owner, domain, cancellationToken);
}
