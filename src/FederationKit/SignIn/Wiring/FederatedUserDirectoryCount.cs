using FederationKit.Directories;
using FederationKit.SignIn.Stores;

namespace FederationKit.SignIn.Wiring;

/// <summary><see cref="IDirectoryUserCount"/> over <see cref="IFederatedUserStore.CountByDirectoryAsync"/> and <see cref="IFederatedUserStore.CountByProfileAsync"/>.</summary>
public sealed class FederatedUserDirectoryCount : IDirectoryUserCount
{
    private readonly IFederatedUserStore _users;

    /// <summary>Creates the count.</summary>
    /// <param name="users">The user store.</param>
    public FederatedUserDirectoryCount(IFederatedUserStore users) => _users = users ?? throw new ArgumentNullException(nameof(users));

    /// <inheritdoc />
    public Task<int> CountUsersAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) =>
        _users.CountByDirectoryAsync(directoryId, cancellationToken);

    /// <inheritdoc />
    public Task<int> CountProfileUsersAsync(IdpProfileId profileId, CancellationToken cancellationToken = default) =>
        _users.CountByProfileAsync(profileId, cancellationToken);
}
