using FederationKit.Directories;
using FederationKit.SignIn.Settings;

namespace FederationKit.SignIn.Wiring;

/// <summary>Deletes a deleted directory's sign-in settings.</summary>
internal sealed class SignInSettingsDirectoryCleanup : IDirectoryDeletionCleanup
{
    private readonly IDirectorySignInSettingsStore _settings;

    /// <summary>Creates the cleanup.</summary>
    /// <param name="settings">The sign-in settings store.</param>
    public SignInSettingsDirectoryCleanup(IDirectorySignInSettingsStore settings) => _settings = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <inheritdoc />
    public Task CleanUpAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) => _settings.DeleteAsync(directoryId, cancellationToken);
}
