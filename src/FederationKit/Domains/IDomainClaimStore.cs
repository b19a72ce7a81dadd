using FederationKit.Organizations;

namespace FederationKit.Domains;

/// <summary>
/// Stores domain claims with optimistic concurrency. Contract every implementation honours (a database with a unique index
/// on (owner, domain) and a unique index on domain filtered to verified rows):
/// one claim per owner and domain; at most one <see cref="DomainClaimState.Verified"/> claim per domain, enforced atomically
/// on add and update (the second writer gets <see cref="DomainErrorCodes.VerifiedByOtherOwner"/>).
/// It also answers <see cref="IVerifiedDomainQuery"/> over its verified claims, comparing whole labels.
/// </summary>
public interface IDomainClaimStore : IVerifiedDomainQuery
{
    /// <summary>Finds an owner's claim on a normalized domain.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="domain">The normalized domain.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<DomainClaim?> FindAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default);

    /// <summary>Finds a claim by identifier.</summary>
    /// <param name="id">The claim.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<DomainClaim?> FindAsync(DomainClaimId id, CancellationToken cancellationToken = default);

    /// <summary>Lists an owner's claims.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<DomainClaim>> ListByOwnerAsync(OwnerRef owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// The verified claim on the longest domain that equals <paramref name="hostName"/> or is a parent of it by whole labels
    /// (<c>mail.eu.acme.com</c> → <c>eu.acme.com</c>, else <c>acme.com</c>); null when no verified domain covers it.
    /// </summary>
    /// <param name="hostName">A normalized host name, such as the part of an email after '@'.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<DomainClaim?> FindLongestVerifiedSuffixAsync(string hostName, CancellationToken cancellationToken = default);

    /// <summary>Claims whose next check is due at <paramref name="now"/> and that no runner holds (or whose lease expired), oldest due first.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="limit">The most claims to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<DomainClaim>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>Adds a claim (version 1); <see cref="StoreErrorCodes.Duplicate"/> when the owner already claims the domain, <see cref="DomainErrorCodes.VerifiedByOtherOwner"/> when it is verified and another owner's claim already is.</summary>
    /// <param name="claim">The claim.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<DomainClaim>> AddAsync(DomainClaim claim, CancellationToken cancellationToken = default);

    /// <summary>Stores a changed claim when its version is still the stored one; <see cref="DomainErrorCodes.VerifiedByOtherOwner"/> when it becomes verified while another owner's claim is.</summary>
    /// <param name="claim">The changed claim, carrying the version it was read with.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<DomainClaim>> UpdateAsync(DomainClaim claim, CancellationToken cancellationToken = default);

    /// <summary>Deletes a claim when its version is still <paramref name="expectedVersion"/>.</summary>
    /// <param name="id">The claim.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result> DeleteAsync(DomainClaimId id, long expectedVersion, CancellationToken cancellationToken = default);
}
