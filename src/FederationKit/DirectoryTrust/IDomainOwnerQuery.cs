using FederationKit.Organizations;

namespace FederationKit.DirectoryTrust;

/// <summary>
/// Answers who holds a domain (its verified owner), so an organization can ask that owner for trustee access.
/// Implemented by the domain-claims part of the SDK.
/// </summary>
public interface IDomainOwnerQuery
{
    /// <summary>The owner that has verified <paramref name="domain"/> (or a parent of it), or null when nobody has.</summary>
    /// <param name="domain">A normalized domain.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<OwnerRef?> FindOwnerAsync(string domain, CancellationToken cancellationToken = default);
}
