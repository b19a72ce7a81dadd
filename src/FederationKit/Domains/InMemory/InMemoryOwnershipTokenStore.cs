using System.Collections.Concurrent;
using FederationKit.Organizations;

namespace FederationKit.Domains.InMemory;

/// <summary>Keeps ownership tokens in memory; one per owner.</summary>
public sealed class InMemoryOwnershipTokenStore : IOwnershipTokenStore
{
    private readonly ConcurrentDictionary<OwnerRef, OwnershipToken> _tokens = new();

    /// <inheritdoc />
    public Task<OwnershipToken?> FindAsync(OwnerRef owner, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tokens.GetValueOrDefault(owner));

    /// <inheritdoc />
    public Task<Result<OwnershipToken>> AddAsync(OwnershipToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        Result<OwnershipToken> result = _tokens.TryAdd(token.Owner, token)
            ? token
            : StoreErrors.Duplicate("ownership token", token.Owner.ToString());
        return Task.FromResult(result);
    }
}
