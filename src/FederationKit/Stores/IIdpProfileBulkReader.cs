using FederationKit.Directories;

namespace FederationKit.Stores;

/// <summary>Reads every active IdP profile in one call (the sign-in route index needs them on each refresh). The shipped profile stores implement it.</summary>
public interface IIdpProfileBulkReader
{
    /// <summary>The active profile of every directory that has one.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<IdpProfile>> ListActiveAsync(CancellationToken cancellationToken = default);
}
