using FederationKit.Organizations;

namespace FederationKit.Stores;

/// <summary>Stores organizations with optimistic concurrency.</summary>
public interface IOrganizationStore
{
    /// <summary>Finds an organization.</summary>
    /// <param name="id">The organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Organization?> FindAsync(OrganizationId id, CancellationToken cancellationToken = default);

    /// <summary>Lists the organizations linked to a parent organization.</summary>
    /// <param name="parentId">The parent organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<Organization>> ListByParentAsync(ParentOrganizationId parentId, CancellationToken cancellationToken = default);

    /// <summary>Adds a new organization; returns it with version 1, or <see cref="StoreErrorCodes.Duplicate"/>.</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<Organization>> AddAsync(Organization organization, CancellationToken cancellationToken = default);

    /// <summary>Stores a changed organization when its version is still the stored one; returns it with the next version, or <see cref="StoreErrorCodes.ConcurrencyConflict"/>.</summary>
    /// <param name="organization">The changed organization, carrying the version it was read with.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<Organization>> UpdateAsync(Organization organization, CancellationToken cancellationToken = default);
}
