using FederationKit.Organizations;

namespace FederationKit.Domains.Service;

/// <summary>Returns an owner's ownership token, creating it once (concurrent first calls end with the same token).</summary>
internal sealed class OwnershipTokenIssuer(IOwnershipTokenStore tokens, TimeProvider time)
{
    /// <summary>The owner's token, created on first use.</summary>
    public async Task<Result<OwnershipToken>> GetOrCreateAsync(OwnerRef owner, CancellationToken cancellationToken)
    {
        var existing = await tokens.FindAsync(owner, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        var added = await tokens.AddAsync(OwnershipToken.Create(owner, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        if (added.IsSuccess)
        {
            return added;
        }

        // Another caller created it first: use theirs.
        return await tokens.FindAsync(owner, cancellationToken).ConfigureAwait(false) is { } raced ? raced : added;
    }
}
