using FederationKit.Organizations;

namespace FederationKit.SignIn.Flow;

/// <summary>
/// The default <see cref="IDirectoryAdministrators"/>: the same answer as every admin operation gets from
/// <see cref="OwnerAdministrators"/> (an administrator or owner of the owning organization, or an administrator listed on
/// the owning parent organization), so the administrator who starts a profile test is one who may record its result.
/// </summary>
internal sealed class StoreDirectoryAdministrators(OwnerAdministrators administrators) : IDirectoryAdministrators
{
    public Task<bool> CanAdministerAsync(UserId userId, OwnerRef owner, CancellationToken cancellationToken = default) =>
        administrators.IsAdministratorAsync(userId, owner, cancellationToken);
}
