using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Ports;

/// <summary>Answers which organizations are trustees of a directory (accepted directory trust, not revoked or withdrawn).</summary>
public interface IDirectoryTrusteeQuery
{
    /// <summary>Lists the trustee organizations of a directory; empty when there are none.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<OrganizationId>> ListTrusteesAsync(DirectoryId directoryId, CancellationToken cancellationToken = default);
}
