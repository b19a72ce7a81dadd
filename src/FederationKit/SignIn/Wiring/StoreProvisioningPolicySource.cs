using FederationKit.Directories;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Settings;
using FederationKit.Stores;

namespace FederationKit.SignIn.Wiring;

/// <summary>
/// The default <see cref="IProvisioningPolicySource"/>: a federated directory that is not being deleted and has an active
/// IdP profile gets the policy of its stored <see cref="DirectorySignInSettings"/> (or the defaults); any other directory gets none.
/// Directory sync also gets the policy of a federated directory with no active profile yet (provisioning before SSO).
/// </summary>
internal sealed class StoreProvisioningPolicySource : IProvisioningPolicySource
{
    private readonly IDirectoryStore _directories;
    private readonly IIdpProfileStore _profiles;
    private readonly IDirectorySignInSettingsStore _settings;

    /// <summary>Creates the source over the directory, profile and settings stores.</summary>
    /// <param name="directories">The directory store.</param>
    /// <param name="profiles">The IdP profile store.</param>
    /// <param name="settings">The sign-in settings store.</param>
    public StoreProvisioningPolicySource(IDirectoryStore directories, IIdpProfileStore profiles, IDirectorySignInSettingsStore settings)
    {
        _directories = directories ?? throw new ArgumentNullException(nameof(directories));
        _profiles = profiles ?? throw new ArgumentNullException(nameof(profiles));
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
    }

    /// <inheritdoc />
    public Task<ProvisioningPolicy?> FindAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) =>
        FindAsync(directoryId, requireActiveProfile: true, cancellationToken);

    /// <inheritdoc />
    public Task<ProvisioningPolicy?> FindForDirectorySyncAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) =>
        FindAsync(directoryId, requireActiveProfile: false, cancellationToken);

    private async Task<ProvisioningPolicy?> FindAsync(DirectoryId directoryId, bool requireActiveProfile, CancellationToken cancellationToken)
    {
        var directory = await _directories.FindAsync(directoryId, cancellationToken).ConfigureAwait(false);
        if (directory is null || directory.IsBeingDeleted || directory.IdentityType != DirectoryIdentityType.Federated)
        {
            return null;
        }

        var profiles = await _profiles.ListByDirectoryAsync(directoryId, cancellationToken).ConfigureAwait(false);
        var active = profiles.FirstOrDefault(p => p.IsActive);
        if (active is null && requireActiveProfile)
        {
            return null;
        }

        var settings = await _settings.FindAsync(directoryId, cancellationToken).ConfigureAwait(false) ?? DirectorySignInSettings.DefaultFor(directoryId);
        return settings.ToPolicy(directory.Owner, active?.Id ?? default);
    }
}
