namespace FederationKit.Organizations;

/// <summary>
/// Answers what still depends on a domain (directory links, users), so a domain that something depends on is never removed.
/// Implemented by the directory and sign-in parts of the SDK; a host may add its own.
/// </summary>
public interface IDomainDependencyQuery
{
    /// <summary>
    /// Describes what depends on <paramref name="domain"/> of <paramref name="owner"/>, one short phrase each
    /// (for example <c>linked to directory 'Staff'</c> or <c>3 users</c>); empty when nothing does.
    /// </summary>
    /// <param name="owner">The owner of the domain.</param>
    /// <param name="domain">The normalized domain.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<string>> DescribeDependentsAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default);
}
