using System.Collections.Concurrent;
using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Ports;

/// <summary>An in-memory <see cref="IDirectoryTrusteeQuery"/> for tests and small hosts.</summary>
public sealed class InMemoryDirectoryTrusteeQuery : IDirectoryTrusteeQuery
{
    private readonly ConcurrentDictionary<DirectoryId, ImmutableHashSet<OrganizationId>> _trustees = new();

    /// <summary>Records that <paramref name="trustee"/> is a trustee of <paramref name="directoryId"/>.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="trustee">The trustee organization.</param>
    public void AddTrustee(DirectoryId directoryId, OrganizationId trustee) =>
        _trustees.AddOrUpdate(directoryId, _ => [trustee], (_, set) => set.Add(trustee));

    /// <summary>Removes a trustee (revoked or withdrawn).</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="trustee">The trustee organization.</param>
    public void RemoveTrustee(DirectoryId directoryId, OrganizationId trustee) =>
        _trustees.AddOrUpdate(directoryId, _ => [], (_, set) => set.Remove(trustee));

    /// <inheritdoc />
    public Task<IReadOnlyList<OrganizationId>> ListTrusteesAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OrganizationId>>(_trustees.TryGetValue(directoryId, out var set) ? [.. set] : []);
}
