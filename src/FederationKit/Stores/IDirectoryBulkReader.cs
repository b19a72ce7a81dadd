using FederationKit.Directories;

namespace FederationKit.Stores;

/// <summary>Reads every directory in one call (the sign-in route index needs all of them on each refresh). The shipped directory stores implement it.</summary>
public interface IDirectoryBulkReader
{
    /// <summary>Every directory of every owner.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<IdentityDirectory>> ListAllAsync(CancellationToken cancellationToken = default);
}
