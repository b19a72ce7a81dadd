using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace FederationKit.Directories;

/// <summary>An <see cref="ISecretStore"/> in process memory, for tests and single-instance hosts; references are random.</summary>
public sealed class InMemorySecretStore : ISecretStore
{
    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<SecretReference> StoreAsync(string purpose, string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(secret);
        var reference = new SecretReference(purpose + ":" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        _secrets[reference.Value] = secret;
        return Task.FromResult(reference);
    }

    /// <inheritdoc />
    public Task<string?> ReadAsync(SecretReference reference, CancellationToken cancellationToken = default) =>
        Task.FromResult(reference.Value is null ? null : _secrets.GetValueOrDefault(reference.Value));

    /// <inheritdoc />
    public Task DeleteAsync(SecretReference reference, CancellationToken cancellationToken = default)
    {
        if (reference.Value is not null)
        {
            _secrets.TryRemove(reference.Value, out _);
        }

        return Task.CompletedTask;
    }
}
