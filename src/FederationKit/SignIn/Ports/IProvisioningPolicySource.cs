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

    /// <summary>
    /// Finds the policy directory sync (SCIM) provisions with: like <see cref="FindAsync"/>, but a federated directory whose
    /// IdP profile is not active yet has one too (customers set up provisioning before SSO), with
    /// <see cref="ProvisioningPolicy.ActiveProfileId"/> the default id; sign-in never uses it. The default asks <see cref="FindAsync"/>.
    /// </summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<ProvisioningPolicy?> FindForDirectorySyncAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) =>
        FindAsync(directoryId, cancellationToken);
}
