namespace FederationKit.SignIn.Settings;

/// <summary>Reads every directory's stored sign-in settings in one call (for the route index). The shipped settings stores implement it.</summary>
public interface IDirectorySignInSettingsBulkReader
{
    /// <summary>Every stored settings record (directories without one use the defaults).</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<DirectorySignInSettings>> ListAllAsync(CancellationToken cancellationToken = default);
}
