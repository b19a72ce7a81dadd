using FederationKit.Organizations;

namespace FederationKit.Domains;

/// <summary>Stores each owner's ownership token.</summary>
public interface IOwnershipTokenStore
{
    /// <summary>Finds an owner's token.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<OwnershipToken?> FindAsync(OwnerRef owner, CancellationToken cancellationToken = default);

    /// <summary>Adds an owner's first token, or returns <see cref="StoreErrorCodes.Duplicate"/> when the owner has one (read it instead).</summary>
    /// <param name="token">The token.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<OwnershipToken>> AddAsync(OwnershipToken token, CancellationToken cancellationToken = default);
}
