using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Organizations;
using FederationKit.SignIn.Ports;
using FederationKit.Stores;

namespace FederationKit.SignIn.Wiring;

/// <summary>The default <see cref="IDirectoryTrusteeQuery"/>: the organizations whose trust request on the directory is accepted.</summary>
internal sealed class StoreDirectoryTrusteeQuery : IDirectoryTrusteeQuery
{
    private readonly IDirectoryTrustStore _trust;

    /// <summary>Creates the query over the trust store.</summary>
    /// <param name="trust">The directory trust store.</param>
    public StoreDirectoryTrusteeQuery(IDirectoryTrustStore trust) => _trust = trust ?? throw new ArgumentNullException(nameof(trust));

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrganizationId>> ListTrusteesAsync(DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        var requests = await _trust.ListByDirectoryAsync(directoryId, cancellationToken).ConfigureAwait(false);
        return [.. requests.Where(r => r.State == TrustRequestState.Accepted).Select(r => r.TrusteeOrganizationId).Distinct()];
    }
}
