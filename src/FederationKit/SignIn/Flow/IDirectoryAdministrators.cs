using FederationKit.Organizations;

namespace FederationKit.SignIn.Flow;

/// <summary>Answers whether a user may administer the directories of an owner (test an IdP profile, for one).</summary>
public interface IDirectoryAdministrators
{
    /// <summary>Whether <paramref name="userId"/> administers <paramref name="owner"/>.</summary>
    /// <param name="userId">The signed-in user.</param>
    /// <param name="owner">The owner of the directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<bool> CanAdministerAsync(UserId userId, OwnerRef owner, CancellationToken cancellationToken = default);
}
