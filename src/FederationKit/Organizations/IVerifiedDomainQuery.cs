namespace FederationKit.Organizations;

/// <summary>
/// Answers whether an owner has verified a domain that covers a host name (the domain itself or a parent of it).
/// Implemented by the domain-claims part of the SDK; used by merge proposals and sign-in routing.
/// </summary>
public interface IVerifiedDomainQuery
{
    /// <summary>Whether <paramref name="owner"/> holds a verified domain equal to <paramref name="domain"/> or a parent of it, compared by whole labels.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="domain">A normalized (lower-case, ASCII) domain, such as the part of an email after '@'.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<bool> IsCoveredAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default);
}
