using FederationKit.Directories;
using FederationKit.SignIn.Policies;

namespace FederationKit.SignIn.Ports;

/// <summary>Supplies the just-in-time provisioning policy of a directory (join mode, defaults, mappings, active profile).</summary>
public interface IProvisioningPolicySource
{
    /// <summary>Finds the policy of a directory, or null when the directory is unknown or not federated.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<ProvisioningPolicy?> FindAsync(DirectoryId directoryId, CancellationToken cancellationToken = default);
}
