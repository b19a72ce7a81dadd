using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.DirectoryTrust;

/// <summary>
/// The per-organization profiles of trustee users, kept by the sign-in part: a user reached through a trusted directory has a
/// Business-ID profile in the trustee organization that names the directory it came from. AddFederationKit registers one.
/// </summary>
public interface ITrusteeMemberProfiles
{
    /// <summary>
    /// Creates the Business-ID profile of a user added by hand to the trustee organization (a unique username from the email's
    /// local part). A profile kept from an earlier membership is taken over: it becomes Business-ID of the directory.
    /// </summary>
    /// <param name="trustee">The trustee organization.</param>
    /// <param name="directoryId">The trusted directory the user comes from.</param>
    /// <param name="userId">The user.</param>
    /// <param name="email">The user's email in the trustee organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result> AddAsync(OrganizationId trustee, DirectoryId directoryId, UserId userId, string email, CancellationToken cancellationToken = default);

    /// <summary>The users whose Business-ID profile in the trustee organization came through the directory (by hand or by JIT).</summary>
    /// <param name="trustee">The trustee organization.</param>
    /// <param name="directoryId">The trusted directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<UserId>> ListReachedThroughAsync(OrganizationId trustee, DirectoryId directoryId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the user's profile in the trustee organization if it came through the directory; true when one was deleted.</summary>
    /// <param name="trustee">The trustee organization.</param>
    /// <param name="directoryId">The trusted directory.</param>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<bool> RemoveAsync(OrganizationId trustee, DirectoryId directoryId, UserId userId, CancellationToken cancellationToken = default);
}
