using System.Collections.Immutable;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;

namespace FederationKit.SignIn.Invitations;

/// <summary>
/// Invitations as a service: an administrator (admin or owner) of an organization creates, lists, resends and revokes
/// invitations; each lives <see cref="SignInOptions.InvitationLifetime"/> from its creation or last resend. Just-in-time
/// provisioning consumes an open one on the invited user's first sign-in; a revoked or expired one never matches.
/// </summary>
public sealed class SignInInvitationService
{
    /// <summary>The longest IdP user id accepted.</summary>
    public const int MaxSubjectLength = 1024;

    /// <summary>The longest product group name accepted.</summary>
    public const int MaxGroupLength = 256;

    /// <summary>The most product groups one invitation may carry.</summary>
    public const int MaxGroups = 100;

    private readonly ISignInInvitationStore _invitations;
    private readonly IOrganizationStore _organizations;
    private readonly IMembershipStore _memberships;
    private readonly ChangeSetCommitter _committer;
    private readonly SignInOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    /// <param name="invitations">The invitation store.</param>
    /// <param name="organizations">The organization store (for the administrator check).</param>
    /// <param name="memberships">The membership rows (who administers the organization).</param>
    /// <param name="committer">
    /// Commits each invitation write with its event as one change (with the event outbox on, the event is written in the
    /// write's transaction; its change-set store must write <paramref name="invitations"/>).
    /// </param>
    /// <param name="options">Sign-in settings (invitation lifetime).</param>
    /// <param name="time">The clock.</param>
    public SignInInvitationService(
        ISignInInvitationStore invitations, IOrganizationStore organizations, IMembershipStore memberships, ChangeSetCommitter committer, SignInOptions options, TimeProvider time)
    {
        _invitations = invitations ?? throw new ArgumentNullException(nameof(invitations));
        _organizations = organizations ?? throw new ArgumentNullException(nameof(organizations));
        _memberships = memberships ?? throw new ArgumentNullException(nameof(memberships));
        _committer = committer ?? throw new ArgumentNullException(nameof(committer));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Invites a user by email or by IdP user id, with a role and product groups; raises <see cref="SignInInvitationCreated"/>.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="actor">The administrator inviting (an owner to invite an owner).</param>
    /// <param name="request">Whom to invite, and with what.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SignInInvitation>> CreateAsync(OrganizationId organizationId, UserId actor, SignInInvitationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var validated = Validate(request);
        if (validated.IsFailure)
        {
            return validated.Error;
        }

        var authorized = await AuthorizeAsync(organizationId, actor, request.Role == OrganizationRole.Owner, cancellationToken).ConfigureAwait(false);
        if (authorized.IsFailure)
        {
            return authorized.Error;
        }

        var now = _time.GetUtcNow();
        var invitation = validated.Value with
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            CreatedAt = now,
            InvitedBy = actor,
            ExpiresAt = now + _options.InvitationLifetime,
            LastSentAt = now,
        };
        var stored = await _committer.CommitAsync(
            ChangeSet.Empty.AddInvitation(invitation).Raise(new SignInInvitationCreated(now, organizationId, invitation.Id, invitation.Email, invitation.DirectoryId,
                invitation.Subject, invitation.Role, invitation.Groups, invitation.ExpiresAt!.Value, actor)),
            cancellationToken).ConfigureAwait(false);
        return stored.IsFailure ? stored.Error : invitation;
    }

    /// <summary>Lists the organization's invitations not consumed yet, oldest first; read each one's state with <see cref="SignInInvitation.StatusAt"/>.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="actor">An administrator of the organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IReadOnlyList<SignInInvitation>>> ListAsync(OrganizationId organizationId, UserId actor, CancellationToken cancellationToken = default)
    {
        var authorized = await AuthorizeAsync(organizationId, actor, false, cancellationToken).ConfigureAwait(false);
        if (authorized.IsFailure)
        {
            return authorized.Error;
        }

        return Result<IReadOnlyList<SignInInvitation>>.Success(await _invitations.ListByOrganizationAsync(organizationId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Resends an open or expired invitation: its lifetime starts again now; raises <see cref="SignInInvitationResent"/> (the
    /// host sends the email again). A revoked invitation cannot be resent.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="actor">An administrator of the organization.</param>
    /// <param name="invitationId">The invitation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SignInInvitation>> ResendAsync(OrganizationId organizationId, UserId actor, Guid invitationId, CancellationToken cancellationToken = default)
    {
        var found = await FindAuthorizedAsync(organizationId, actor, invitationId, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var now = _time.GetUtcNow();
        var expiresAt = now + _options.InvitationLifetime;
        var renewed = found.Value with { ExpiresAt = expiresAt, LastSentAt = now };
        var committed = found.Value.RevokedAt is not null
            ? Result.Failure(StoreErrors.ConcurrencyConflict("invitation", invitationId.ToString("D")))
            : await _committer.CommitAsync(
                ChangeSet.Empty.RenewInvitation(renewed).Raise(
                    new SignInInvitationResent(now, organizationId, invitationId, renewed.Email, renewed.DirectoryId, renewed.Subject, expiresAt, actor)),
                cancellationToken).ConfigureAwait(false);
        if (committed.IsFailure && committed.Error.Code != StoreErrorCodes.ConcurrencyConflict)
        {
            return committed.Error;
        }

        if (committed.IsFailure)
        {
            // Gone (consumed) or revoked meanwhile: the conditional renewal refused it.
            return await _invitations.FindAsync(invitationId, cancellationToken).ConfigureAwait(false) is null
                ? NotFound(invitationId)
                : new FederationError(SignInErrorCodes.InvitationRevoked, "The invitation was revoked and cannot be resent; create a new one.")
                    .WithDetail("invitation", invitationId.ToString("D"));
        }

        return renewed;
    }

    /// <summary>Revokes an invitation so that it never matches again; raises <see cref="SignInInvitationRevoked"/> once (revoking again changes nothing).</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="actor">An administrator of the organization.</param>
    /// <param name="invitationId">The invitation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result> RevokeAsync(OrganizationId organizationId, UserId actor, Guid invitationId, CancellationToken cancellationToken = default)
    {
        var found = await FindAuthorizedAsync(organizationId, actor, invitationId, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var now = _time.GetUtcNow();
        if (found.Value.RevokedAt is not null)
        {
            return Result.Success; // Revoking again changes nothing and raises nothing.
        }

        var committed = await _committer.CommitAsync(
            ChangeSet.Empty.RevokeInvitation(found.Value with { RevokedAt = now }).Raise(new SignInInvitationRevoked(now, organizationId, invitationId, actor)),
            cancellationToken).ConfigureAwait(false);
        if (committed.IsSuccess)
        {
            return Result.Success;
        }

        if (committed.Error.Code != StoreErrorCodes.ConcurrencyConflict)
        {
            return committed.Error;
        }

        // Revoked by another request meanwhile (that one raised the event), or consumed.

        return await _invitations.FindAsync(invitationId, cancellationToken).ConfigureAwait(false) is null ? NotFound(invitationId) : Result.Success;
    }

    private async Task<Result<SignInInvitation>> FindAuthorizedAsync(OrganizationId organizationId, UserId actor, Guid invitationId, CancellationToken cancellationToken)
    {
        var authorized = await AuthorizeAsync(organizationId, actor, false, cancellationToken).ConfigureAwait(false);
        if (authorized.IsFailure)
        {
            return authorized.Error;
        }

        var invitation = await _invitations.FindAsync(invitationId, cancellationToken).ConfigureAwait(false);
        if (invitation is null || invitation.OrganizationId != organizationId)
        {
            return NotFound(invitationId);
        }

        if (invitation.Role == OrganizationRole.Owner && authorized.Value.Role != OrganizationRole.Owner)
        {
            return new FederationError(OrganizationErrorCodes.OwnerRequired, "Only an owner may resend or revoke an invitation granting the owner role.");
        }

        return invitation;
    }

    private async Task<Result<Membership>> AuthorizeAsync(OrganizationId organizationId, UserId actor, bool ownerRequired, CancellationToken cancellationToken)
    {
        var organization = await _organizations.FindAsync(organizationId, cancellationToken).ConfigureAwait(false);
        if (organization is null)
        {
            return new FederationError(OrganizationErrorCodes.NotFound, $"No organization '{organizationId}' exists.");
        }

        var member = await _memberships.FindAsync(organizationId, actor, cancellationToken).ConfigureAwait(false);
        if (member is null || !member.IsAdministrator)
        {
            return new FederationError(OrganizationErrorCodes.NotAuthorized, $"The user '{actor}' is not an administrator of the organization '{organizationId}'.");
        }

        if (ownerRequired && member.Role != OrganizationRole.Owner)
        {
            return new FederationError(OrganizationErrorCodes.OwnerRequired, "Only an owner may invite a user as an owner.");
        }

        return member;
    }

    private static Result<SignInInvitation> Validate(SignInInvitationRequest request)
    {
        var byEmail = request.Email is not null;
        var bySubject = request.Subject is not null || request.DirectoryId is not null;
        if (byEmail == bySubject)
        {
            return Invalid("target", "Invite either an email or an IdP user id (directory and subject), exactly one of them.");
        }

        string? email = null;
        if (byEmail)
        {
            email = MemberEmail.Canonicalize(request.Email);
            if (email is null)
            {
                return Invalid("email", "The email is not a valid address; enter an address such as name@example.com.");
            }
        }
        else if (request.DirectoryId is null || string.IsNullOrWhiteSpace(request.Subject) || request.Subject.Length > MaxSubjectLength || request.Subject.Any(char.IsControl))
        {
            return Invalid("subject", $"An IdP user id needs its directory and a non-empty subject of at most {MaxSubjectLength} characters without control characters.");
        }

        if (!Enum.IsDefined(request.Role))
        {
            return Invalid("role", "The role is not a known role.");
        }

        var groups = request.Groups.IsDefault ? ImmutableArray<string>.Empty : request.Groups;
        if (groups.Length > MaxGroups || groups.Any(g => string.IsNullOrWhiteSpace(g) || g.Length > MaxGroupLength || g.Any(char.IsControl)))
        {
            return Invalid("groups", $"At most {MaxGroups} groups, each non-empty and at most {MaxGroupLength} characters without control characters.");
        }

        return new SignInInvitation(Guid.Empty, default, request.Role, default)
        {
            Email = email,
            DirectoryId = byEmail ? null : request.DirectoryId,
            Subject = byEmail ? null : request.Subject,
            Groups = [.. groups.Distinct(StringComparer.Ordinal)],
        };
    }

    private static FederationError NotFound(Guid invitationId) =>
        new FederationError(SignInErrorCodes.InvitationNotFound, "No such invitation exists in this organization (it may have been accepted already).")
            .WithDetail("invitation", invitationId.ToString("D"));

    private static FederationError Invalid(string field, string message) =>
        new FederationError(SignInErrorCodes.InvitationInvalid, message).WithDetail("field", field);
}
