using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Stores;

/// <summary>Stores invitations; each is consumed at most once, and a revoked or expired one never matches.</summary>
public interface ISignInInvitationStore
{
    /// <summary>Adds an invitation; <see cref="StoreErrorCodes.Duplicate"/> when its id exists.</summary>
    /// <param name="invitation">The invitation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result> AddAsync(SignInInvitation invitation, CancellationToken cancellationToken = default);

    /// <summary>Finds an invitation (consumed ones are gone).</summary>
    /// <param name="id">The invitation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<SignInInvitation?> FindAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Lists the invitations of an organization not consumed yet (open, expired and revoked), oldest first.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<SignInInvitation>> ListByOrganizationAsync(OrganizationId organizationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds the oldest open invitation to <paramref name="organizationId"/> at <paramref name="now"/> (not revoked, not expired)
    /// matching the email (by <see cref="MemberEmail.Normalize"/> key: an email that is not a plain addr-spec never matches)
    /// or the identity (directory, subject).
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="email">The asserted email, or null.</param>
    /// <param name="directoryId">The directory of the identity.</param>
    /// <param name="subject">The IdP user id.</param>
    /// <param name="now">The current time: an invitation whose <see cref="SignInInvitation.ExpiresAt"/> is not after it does not match.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<SignInInvitation?> FindMatchAsync(OrganizationId organizationId, string? email, DirectoryId directoryId, string subject, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Renews an invitation that is not revoked: sets its expiry and its last-sent time; false when it is gone or revoked.</summary>
    /// <param name="id">The invitation.</param>
    /// <param name="expiresAt">The new expiry.</param>
    /// <param name="sentAt">When it is resent.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<bool> TryRenewAsync(Guid id, DateTimeOffset expiresAt, DateTimeOffset sentAt, CancellationToken cancellationToken = default);

    /// <summary>Revokes an invitation; true for exactly one caller, false when it is gone or already revoked.</summary>
    /// <param name="id">The invitation.</param>
    /// <param name="revokedAt">When.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<bool> TryRevokeAsync(Guid id, DateTimeOffset revokedAt, CancellationToken cancellationToken = default);

    /// <summary>Removes an invitation that is not revoked; true for exactly one caller.</summary>
    /// <param name="id">The invitation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<bool> TryConsumeAsync(Guid id, CancellationToken cancellationToken = default);
}
