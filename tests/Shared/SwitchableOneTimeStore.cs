using FederationKit.OneTime;

namespace FederationKit.Tests.Shared;

/// <summary>
/// An in-memory one-time store that throws <see cref="OneTimeStoreUnavailableException"/> while <see cref="Down"/> is set,
/// as a shared store does when its server is unreachable. Linked into the test projects that need it.
/// </summary>
internal sealed class SwitchableOneTimeStore(TimeProvider time) : IOneTimeStore
{
    private readonly InMemoryOneTimeStore _inner = new(time);

    /// <summary>Whether every call fails as an unreachable store's would.</summary>
    public bool Down { get; set; }

    /// <inheritdoc />
    public Task<bool> TryAddAsync(string purpose, string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        Down ? throw new OneTimeStoreUnavailableException() : _inner.TryAddAsync(purpose, key, value, expiresAt, cancellationToken);

    /// <inheritdoc />
    public Task<byte[]?> TryTakeAsync(string purpose, string key, CancellationToken cancellationToken = default) =>
        Down ? throw new OneTimeStoreUnavailableException() : _inner.TryTakeAsync(purpose, key, cancellationToken);
}
