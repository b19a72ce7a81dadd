namespace FederationKit.Organizations;

/// <summary>
/// Lists every verified domain with its owner in one call, for components that check many domains at once (the sign-in
/// route index checks every domain link on each refresh). Claim stores implement it beside <see cref="IVerifiedDomainQuery"/>.
/// </summary>
public interface IVerifiedDomainLister
{
    /// <summary>Every verified domain (normalized) and its owner; a verified domain has exactly one owner.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyDictionary<string, OwnerRef>> ListVerifiedAsync(CancellationToken cancellationToken = default);
}
