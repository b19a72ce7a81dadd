using System.Collections.Concurrent;
using FederationKit.Directories;
using FederationKit.SignIn.Policies;

namespace FederationKit.SignIn.Ports;

/// <summary>An in-memory <see cref="IProvisioningPolicySource"/> for tests and small hosts.</summary>
public sealed class InMemoryProvisioningPolicySource : IProvisioningPolicySource
{
    private readonly ConcurrentDictionary<DirectoryId, ProvisioningPolicy> _policies = new();

    /// <summary>Adds or replaces the policy of <see cref="ProvisioningPolicy.DirectoryId"/>.</summary>
    /// <param name="policy">The policy.</param>
    public void Set(ProvisioningPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policies[policy.DirectoryId] = policy;
    }

    /// <inheritdoc />
    public Task<ProvisioningPolicy?> FindAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_policies.GetValueOrDefault(directoryId));
}
