namespace FederationKit.Stores;

/// <summary>
/// An aggregate stored with optimistic concurrency. A store accepts an update only when the
/// aggregate's <see cref="Version"/> equals the stored one, then stores it with the version incremented.
/// </summary>
/// <typeparam name="TSelf">The aggregate type.</typeparam>
public interface IVersioned<TSelf> where TSelf : IVersioned<TSelf>
{
    /// <summary>The version read from the store; 0 for an aggregate never stored.</summary>
    long Version { get; }

    /// <summary>Returns a copy with the given version.</summary>
    /// <param name="version">The new version.</param>
    TSelf WithVersion(long version);
}
