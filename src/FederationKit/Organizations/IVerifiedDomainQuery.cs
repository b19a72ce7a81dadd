namespace FederationKit.Organizations;

/// <summary>
/// Answers whether an owner has verified a domain that covers a host name (the domain itself or a parent of it).
/// Implemented by the domain-claims part of the SDK; used by merge proposals and sign-in routing.
/// </summary>
public interface IVerifiedDomainQuery
{
    /// <summary>
    /// Whether <paramref name="owner"/> holds the most specific verified domain that equals <paramref name="domain"/> or is a parent
    /// of it, compared by whole labels. A verified parent does not cover a subdomain that another owner verified itself: with
    /// <c>acme.com</c> verified by A and <c>eu.acme.com</c> by B, <c>x.eu.acme.com</c> is covered for B only.
    /// </summary>
    /// <param name="owner">The owner.</param>
    /// <param name="domain">A normalized (lower-case, ASCII) domain, such as the part of an email after '@'.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<bool> IsCoveredAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default);
}
