namespace FederationKit.OneTime;

/// <summary>
/// Holds short-lived values that may be used at most once: SAML assertion IDs seen (replay cache), SAML request IDs issued,
/// OIDC state with its nonce and PKCE verifier. Shared by every instance of a host so that a value consumed on one instance
/// cannot be consumed again on another. Implementations must make <see cref="TryAddAsync"/> and <see cref="TryTakeAsync"/>
/// atomic: of two concurrent calls for one key, exactly one succeeds.
/// </summary>
public interface IOneTimeStore
{
    /// <summary>Stores <paramref name="value"/> under (<paramref name="purpose"/>, <paramref name="key"/>) unless a live entry exists.</summary>
    /// <param name="purpose">A namespace such as <c>saml.assertion</c> or <c>oidc.state</c>, so keys of different uses never collide.</param>
    /// <param name="key">The value's key (an assertion ID, a request ID, a state value).</param>
    /// <param name="value">What to keep with the key; may be empty.</param>
    /// <param name="expiresAt">When the entry stops existing; it must outlive the message it protects.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when a live entry with that key already existed.</returns>
    Task<bool> TryAddAsync(string purpose, string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Removes and returns the live entry under (<paramref name="purpose"/>, <paramref name="key"/>), at most once.</summary>
    /// <param name="purpose">The namespace used when adding.</param>
    /// <param name="key">The key used when adding.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored value, or <see langword="null"/> when there is none, it expired, or it was already taken.</returns>
    Task<byte[]?> TryTakeAsync(string purpose, string key, CancellationToken cancellationToken = default);
}
