using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Stores;

/// <summary>Stores invitations; each is consumed at most once.</summary>
public interface ISignInInvitationStore
{
    /// <summary>Adds an invitation; <see cref="StoreErrorCodes.Duplicate"/> when its id exists.</summary>
    /// <param name="invitation">The invitation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result> AddAsync(SignInInvitation invitation, CancellationToken cancellationToken = default);

    /// <summary>Finds an open invitation to <paramref name="organizationId"/> matching the email (by <see cref="MemberEmail.Normalize"/> key: an email that is not a plain addr-spec never matches) or the identity (directory, subject).</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="email">The asserted email, or null.</param>
    /// <param name="directoryId">The directory of the identity.</param>
    /// <param name="subject">The IdP user id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<SignInInvitation?> FindMatchAsync(OrganizationId organizationId, string? email, DirectoryId directoryId, string subject, CancellationToken cancellationToken = default);

    /// <summary>Removes an invitation; true for exactly one caller.</summary>
    /// <param name="id">The invitation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<bool> TryConsumeAsync(Guid id, CancellationToken cancellationToken = default);
}
