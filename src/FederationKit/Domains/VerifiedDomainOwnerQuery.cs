using FederationKit.DirectoryTrust;
using FederationKit.Organizations;

namespace FederationKit.Domains;

/// <summary>
/// Answers <see cref="IDomainOwnerQuery"/> from the domain claim store: the owner of the verified claim on the longest
/// domain that covers the given one (<c>eu.acme.com</c> is covered by a verified <c>acme.com</c>).
/// </summary>
internal sealed class VerifiedDomainOwnerQuery : IDomainOwnerQuery
{
    private readonly IDomainClaimStore _claims;

    /// <summary>Creates the query over a claim store.</summary>
    /// <param name="claims">The domain claim store.</param>
    public VerifiedDomainOwnerQuery(IDomainClaimStore claims) => _claims = claims ?? throw new ArgumentNullException(nameof(claims));

    /// <inheritdoc />
    public async Task<OwnerRef?> FindOwnerAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var claim = await _claims.FindLongestVerifiedSuffixAsync(domain, cancellationToken).ConfigureAwait(false);
        return claim?.Owner;
    }
}
