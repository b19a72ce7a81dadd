using FederationKit.Organizations;

namespace FederationKit.Domains.InMemory;

/// <summary>
/// Keeps domain claims in memory with the same contract as a database: one claim per owner and domain, one verified claim per
/// domain (checked under one lock with every write), optimistic concurrency. Also answers <see cref="IVerifiedDomainQuery"/>
/// and the longest-verified-suffix lookup from a dictionary of verified names, one lookup per label.
/// </summary>
public sealed class InMemoryDomainClaimStore : IDomainClaimStore, IVerifiedDomainQuery, IVerifiedDomainLister
{
    private readonly object _lock = new();
    private readonly Dictionary<DomainClaimId, DomainClaim> _claims = [];
    private readonly Dictionary<(OwnerRef Owner, string Domain), DomainClaimId> _byOwnerAndDomain = [];
    private readonly Dictionary<string, DomainClaim> _verifiedByDomain = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<DomainClaim?> FindAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_byOwnerAndDomain.TryGetValue((owner, domain), out var id) ? _claims[id] : null);
        }
    }

    /// <inheritdoc />
    public Task<DomainClaim?> FindAsync(DomainClaimId id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_claims.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DomainClaim>> ListByOwnerAsync(OwnerRef owner, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<DomainClaim> list = [.. _claims.Values.Where(c => c.Owner == owner).OrderBy(c => c.Domain, StringComparer.Ordinal)];
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc />
    public Task<DomainClaim?> FindLongestVerifiedSuffixAsync(string hostName, CancellationToken cancellationToken = default) =>
        Task.FromResult(FindLongestVerifiedSuffix(hostName));

    /// <summary>The synchronous form of <see cref="FindLongestVerifiedSuffixAsync"/>: one dictionary lookup per label, no scan.</summary>
    /// <param name="hostName">A normalized host name.</param>
    public DomainClaim? FindLongestVerifiedSuffix(string hostName)
    {
        ArgumentNullException.ThrowIfNull(hostName);
        var lookup = _verifiedByDomain.GetAlternateLookup<ReadOnlySpan<char>>();
        lock (_lock)
        {
            var span = hostName.AsSpan();
            while (true)
            {
                if (lookup.TryGetValue(span, out var claim))
                {
                    return claim;
                }

                var dot = span.IndexOf('.');
                if (dot < 0)
                {
                    return null;
                }

                span = span[(dot + 1)..];
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, OwnerRef>> ListVerifiedAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyDictionary<string, OwnerRef>>(_verifiedByDomain.ToDictionary(e => e.Key, e => e.Value.Owner, StringComparer.Ordinal));
        }
    }

    /// <inheritdoc />
    public Task<bool> IsCoveredAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);

        // The most specific verified claim decides: a parent of the owner does not cover a subdomain another owner verified.
        return Task.FromResult(FindLongestVerifiedSuffix(domain) is { } claim && claim.Owner == owner);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DomainClaim>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<DomainClaim> due = [.. _claims.Values
                .Where(c => c.NextCheckAt is { } next && next <= now && (c.LeaseExpiresAt is null || c.LeaseExpiresAt <= now))
                .OrderBy(c => c.NextCheckAt)
                .Take(limit)];
            return Task.FromResult(due);
        }
    }

    /// <inheritdoc />
    public Task<Result<DomainClaim>> AddAsync(DomainClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        lock (_lock)
        {
            if (_byOwnerAndDomain.ContainsKey((claim.Owner, claim.Domain)) || _claims.ContainsKey(claim.Id))
            {
                return Task.FromResult<Result<DomainClaim>>(StoreErrors.Duplicate("domain claim", $"{claim.Owner}/{claim.Domain}"));
            }

            if (claim.IsVerified && _verifiedByDomain.ContainsKey(claim.Domain))
            {
                return Task.FromResult<Result<DomainClaim>>(DomainClaimErrors.VerifiedByOtherOwner(claim.Domain));
            }

            var stored = claim.WithVersion(1);
            Write(stored, previous: null);
            return Task.FromResult<Result<DomainClaim>>(stored);
        }
    }

    /// <inheritdoc />
    public Task<Result<DomainClaim>> UpdateAsync(DomainClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        lock (_lock)
        {
            if (!_claims.TryGetValue(claim.Id, out var current))
            {
                return Task.FromResult<Result<DomainClaim>>(StoreErrors.NotFound("domain claim", claim.Id.ToString()));
            }

            if (current.Version != claim.Version)
            {
                return Task.FromResult<Result<DomainClaim>>(StoreErrors.ConcurrencyConflict("domain claim", claim.Id.ToString()));
            }

            if (claim.IsVerified && _verifiedByDomain.TryGetValue(claim.Domain, out var verified) && verified.Id != claim.Id)
            {
                return Task.FromResult<Result<DomainClaim>>(DomainClaimErrors.VerifiedByOtherOwner(claim.Domain));
            }

            var stored = claim.WithVersion(claim.Version + 1) with { Owner = current.Owner, Domain = current.Domain };
            Write(stored, current);
            return Task.FromResult<Result<DomainClaim>>(stored);
        }
    }

    /// <inheritdoc />
    public Task<Result> DeleteAsync(DomainClaimId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_claims.TryGetValue(id, out var current))
            {
                return Task.FromResult<Result>(StoreErrors.NotFound("domain claim", id.ToString()));
            }

            if (current.Version != expectedVersion)
            {
                return Task.FromResult<Result>(StoreErrors.ConcurrencyConflict("domain claim", id.ToString()));
            }

            _claims.Remove(id);
            _byOwnerAndDomain.Remove((current.Owner, current.Domain));
            if (current.IsVerified)
            {
                _verifiedByDomain.Remove(current.Domain);
            }

            return Task.FromResult(Result.Success);
        }
    }

    private void Write(DomainClaim stored, DomainClaim? previous)
    {
        _claims[stored.Id] = stored;
        _byOwnerAndDomain[(stored.Owner, stored.Domain)] = stored.Id;
        if (previous is { IsVerified: true } && !stored.IsVerified)
        {
            _verifiedByDomain.Remove(stored.Domain);
        }

        if (stored.IsVerified)
        {
            _verifiedByDomain[stored.Domain] = stored;
        }
    }
}
