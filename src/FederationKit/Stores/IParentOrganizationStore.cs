using FederationKit.Organizations;

namespace FederationKit.Stores;

/// <summary>Stores parent organizations with optimistic concurrency.</summary>
public interface IParentOrganizationStore
{
    /// <summary>Finds a parent organization.</summary>
    /// <param name="id">The parent organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<ParentOrganization?> FindAsync(ParentOrganizationId id, CancellationToken cancellationToken = default);

    /// <summary>Adds a new parent organization; returns it with version 1, or <see cref="StoreErrorCodes.Duplicate"/>.</summary>
    /// <param name="parent">The parent organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<ParentOrganization>> AddAsync(ParentOrganization parent, CancellationToken cancellationToken = default);

    /// <summary>Stores a changed parent organization when its version is still the stored one, or returns <see cref="StoreErrorCodes.ConcurrencyConflict"/>.</summary>
    /// <param name="parent">The changed parent organization, carrying the version it was read with.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<ParentOrganization>> UpdateAsync(ParentOrganization parent, CancellationToken cancellationToken = default);
}
