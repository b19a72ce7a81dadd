using FederationKit.Stores;
using FederationKit.Organizations;

namespace FederationKit.DirectoryTrust.Service;

/// <summary>Reads a trust request for one of its two sides: refused as not found, or as the wrong party for the other side.</summary>
internal sealed class TrustRequestLookup(IDirectoryTrustStore requests)
{
    /// <summary>The request, if it was made by <paramref name="trustee"/>.</summary>
    public async Task<Result<TrustRequest>> FindForTrusteeAsync(OrganizationId trustee, TrustRequestId id, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return new FederationError(TrustErrorCodes.NotFound, "No such trust request.");
        }

        return request.TrusteeOrganizationId == trustee ? request : new FederationError(TrustErrorCodes.WrongParty, "The request is not from this organization.");
    }

    /// <summary>The request, if it is for a directory of <paramref name="owner"/>.</summary>
    public async Task<Result<TrustRequest>> FindForOwnerAsync(OwnerRef owner, TrustRequestId id, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return new FederationError(TrustErrorCodes.NotFound, "No such trust request.");
        }

        return request.DirectoryOwner == owner ? request : new FederationError(TrustErrorCodes.WrongParty, "The request is not for a directory of this owner.");
    }
}
