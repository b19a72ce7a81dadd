using System.Collections.Immutable;
using FederationKit.Diagnostics;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Stores;
using FederationKit.SignIn.Usernames;
using FederationKit.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederationKit.SignIn.Provisioning;

/// <summary>
/// Just-in-time provisioning: turns a validated <see cref="FederatedIdentity"/> into a user and memberships, in one call.
/// It reads, decides everything, and writes the result (user, memberships, events) as one <see cref="ChangeSet"/> through
/// <see cref="ChangeSetCommitter"/>: one store call and one transaction, so a failure leaves nothing half-written and no event
/// escapes. A concurrency conflict or a username taken meanwhile re-reads and decides again, a bounded number of times.
/// </summary>
public sealed class JitProvisioner
{
    private readonly IProvisioningPolicySource _policies;
    private readonly IDirectoryTrusteeQuery _trustees;
    private readonly SignInRouter _router;
    private readonly IOrganizationStore _organizations;
    private readonly IFederatedUserStore _users;
    private readonly IMembershipStore _memberships;
    private readonly ISignInInvitationStore _invitations;
    private readonly ChangeSetCommitter _committer;
    private readonly TimeProvider _time;
    private readonly SignInOptions _options;
    private readonly DirectoryTrust.IDomainOwnerQuery? _domainOwners;
    private readonly ILogger _logger;
    private readonly DirectoryMembershipPlanner _planner;
    private readonly DirectorySync.Users.IDirectorySyncUserQuery? _directoryUsers;
    private readonly DirectorySync.Groups.IDirectoryGroupStore? _directoryGroups;

    /// <summary>Creates the provisioner.</summary>
    /// <param name="policies">Provisioning policies per directory.</param>
    /// <param name="trustees">Directory trust (trustee organizations).</param>
    /// <param name="router">The routing index, used to check that the email is on a domain of the directory.</param>
    /// <param name="organizations">The organization store.</param>
    /// <param name="users">The federated user store.</param>
    /// <param name="memberships">The membership rows (roles, usernames, groups, settings).</param>
    /// <param name="invitations">The invitation store.</param>
    /// <param name="committer">Commits each sign-in's change set and then publishes its events.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">Sign-in settings.</param>
    /// <param name="domainOwners">
    /// Who verified the email's domain, asked at every sign-in besides the routing index (which a custom claim store may not
    /// let see another owner's subdomains, and which another instance may not have refreshed yet); null relies on the index
    /// alone (AddFederationKit registers one).
    /// </param>
    /// <param name="logger">Logs provisioned users (IDs and counts only) and exhausted concurrency retries; null logs nothing.</param>
    /// <param name="directoryUsers">Directory sync: finds the SCIM-created user a first sign-in binds; null binds none.</param>
    /// <param name="directoryGroups">Directory sync: the synced groups a directory-synced user is planned from; null uses the IdP's groups claim.</param>
    public JitProvisioner(
        IProvisioningPolicySource policies,
        IDirectoryTrusteeQuery trustees,
        SignInRouter router,
        IOrganizationStore organizations,
        IFederatedUserStore users,
        IMembershipStore memberships,
        ISignInInvitationStore invitations,
        ChangeSetCommitter committer,
        TimeProvider time,
        SignInOptions options,
        DirectoryTrust.IDomainOwnerQuery? domainOwners = null,
        ILogger<JitProvisioner>? logger = null,
        DirectorySync.Users.IDirectorySyncUserQuery? directoryUsers = null,
        DirectorySync.Groups.IDirectoryGroupStore? directoryGroups = null)
    {
        _policies = policies ?? throw new ArgumentNullException(nameof(policies));
        _trustees = trustees ?? throw new ArgumentNullException(nameof(trustees));
        _router = router ?? throw new ArgumentNullException(nameof(router));
        _organizations = organizations ?? throw new ArgumentNullException(nameof(organizations));
        _users = users ?? throw new ArgumentNullException(nameof(users));
        _memberships = memberships ?? throw new ArgumentNullException(nameof(memberships));
        _invitations = invitations ?? throw new ArgumentNullException(nameof(invitations));
        _committer = committer ?? throw new ArgumentNullException(nameof(committer));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _domainOwners = domainOwners;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _directoryUsers = directoryUsers;
        _directoryGroups = directoryGroups;
        _planner = new DirectoryMembershipPlanner(_trustees, _organizations, _memberships, _invitations, _time, _options);
    }

    /// <summary>
    /// Signs a validated identity in: checks the profile and email domain, creates or updates the user, joins or updates
    /// each organization the directory provisions (home organizations or those granted by advanced mappings, and trustee
    /// organizations as Business-ID members), recomputes mapped groups and roles, and raises an event per change.
    /// </summary>
    /// <param name="context">The directory and IdP profile that validated the identity.</param>
    /// <param name="identity">The validated identity.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The outcome, or a refusal with a <see cref="SignInErrorCodes"/> code.</returns>
    public async Task<Result<SignInOutcome>> SignInAsync(SignInProfileContext context, FederatedIdentity identity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        using var activity = FederationKitDiagnostics.ActivitySource.StartActivity(TelemetryNames.SignInProvision);
        activity?.SetTag(TelemetryNames.Protocol, TelemetryNames.Of(identity.Protocol));
        activity?.SetTag(TelemetryNames.ProfileId, context.ProfileId.ToString());
        activity?.SetTag(TelemetryNames.DirectoryId, context.DirectoryId.ToString());
        var provisioned = await SignInCoreAsync(context, identity, cancellationToken).ConfigureAwait(false);
        if (!provisioned.TryGetValue(out var outcome, out var error))
        {
            TelemetryNames.Refuse(activity, error.Code);
            return provisioned;
        }

        activity?.SetTag(TelemetryNames.Outcome, TelemetryNames.Success);
        activity?.SetTag(TelemetryNames.UserCreated, outcome.UserCreated);
        activity?.SetTag(TelemetryNames.Memberships, outcome.Memberships.Length);
        CoreLog.UserProvisioned(_logger, outcome.UserId, context.ProfileId, context.DirectoryId, outcome.UserCreated, outcome.Memberships.Length);
        return provisioned;
    }

    private async Task<Result<SignInOutcome>> SignInCoreAsync(SignInProfileContext context, FederatedIdentity identity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(identity.Subject))
        {
            return new FederationError(SignInErrorCodes.SubjectMissing, "The identity carries no user id (NameID or user-id claim); it cannot be linked to a user.");
        }

        var policy = await _policies.FindAsync(context.DirectoryId, cancellationToken).ConfigureAwait(false);
        if (policy is null)
        {
            return new FederationError(SignInErrorCodes.DirectoryNotConfigured, $"The directory '{context.DirectoryId}' has no provisioning policy.")
                .WithDetail("directory", context.DirectoryId.ToString());
        }

        if (policy.ActiveProfileId != context.ProfileId)
        {
            return new FederationError(SignInErrorCodes.ProfileNotActive, $"The IdP profile '{context.ProfileId}' is not the active profile of directory '{context.DirectoryId}'.")
                .WithDetail("profile", context.ProfileId.ToString()).WithDetail("directory", context.DirectoryId.ToString());
        }

        var attempted = await BoundedRetry.RunAsync(
            _options.MaxConcurrencyRetries, _ => AttemptAsync(context, policy, identity, cancellationToken), BoundedRetry.IsConflict).ConfigureAwait(false);
        if (attempted.IsFailure)
        {
            return BoundedRetry.IsConflict(attempted.Error) ? ConcurrencyExhausted("sign-in") : attempted.Error;
        }

        return await AfterCommitAsync(policy, attempted.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One attempt: read, decide, and commit the whole sign-in as one change set.</summary>
    private async Task<Result<Attempt>> AttemptAsync(SignInProfileContext context, ProvisioningPolicy policy, FederatedIdentity identity, CancellationToken cancellationToken)
    {
        var existingUser = await _users.FindByIdentityAsync(context.DirectoryId, identity.Subject, cancellationToken).ConfigureAwait(false);
        if (existingUser is { SuspendedAt: not null })
        {
            // Before any provisioning: a suspended user's sign-in writes nothing.
            return new FederationError(SignInErrorCodes.UserSuspended, "This user is suspended; ask an administrator to resume the account.")
                .WithDetail("user", existingUser.Id.ToString());
        }

        var intake = await EmailAtIntakeAsync(identity, context, existingUser, cancellationToken).ConfigureAwait(false);
        if (intake.IsFailure)
        {
            return intake.Error;
        }

        var email = intake.Value;
        var bound = await BindDirectorySyncedUserAsync(context, policy, identity, email, existingUser, cancellationToken).ConfigureAwait(false);
        if (bound.IsFailure)
        {
            return bound.Error;
        }

        existingUser = bound.Value;
        var (user, change) = UserChange(policy, identity, email, existingUser);
        var planningIdentity = await WithDirectoryGroupsAsync(identity, existingUser, cancellationToken).ConfigureAwait(false);
        var planned = await _planner.ApplyAsync(policy, planningIdentity, email, existingUser, user, change, directorySync: false, cancellationToken).ConfigureAwait(false);
        if (planned.IsFailure)
        {
            return planned.Error;
        }

        (user, change) = (planned.Value.User, planned.Value.Change);
        var memberships = planned.Value.Memberships;
        var joinedByInvitation = planned.Value.JoinedByInvitation;

        var committed = await _committer.CommitAsync(change, cancellationToken).ConfigureAwait(false);
        if (committed.IsFailure)
        {
            return committed.Error;
        }

        return new Attempt(user, existingUser is null, memberships, change.Events, joinedByInvitation);
    }

    /// <summary>
    /// After the commit: consumes the invitations used to join (their acceptance is published through the committer too), and,
    /// for trustee organizations, reads the trust again: a trust revoked or withdrawn while the sign-in ran is not undone by it,
    /// so the Business-ID members it just wrote leave again.
    /// </summary>
    private async Task<Result<SignInOutcome>> AfterCommitAsync(ProvisioningPolicy policy, Attempt attempt, CancellationToken cancellationToken)
    {
        var events = attempt.Events.ToBuilder();
        var memberships = attempt.Memberships.ToBuilder();
        var now = _time.GetUtcNow();
        foreach (var (organizationId, invitation) in attempt.JoinedByInvitation)
        {
            if (await _invitations.TryConsumeAsync(invitation.Id, cancellationToken).ConfigureAwait(false))
            {
                var accepted = new SignInInvitationAccepted(now, organizationId, invitation.Id, attempt.User.Id);
                await _committer.CommitAsync(ChangeSet.Empty.Raise(accepted), cancellationToken).ConfigureAwait(false);
                events.Add(accepted);
            }
        }

        if (memberships.Any(m => m.UserType == MemberUserType.Business))
        {
            var trustees = (await _trustees.ListTrusteesAsync(policy.DirectoryId, cancellationToken).ConfigureAwait(false)).ToHashSet();
            foreach (var ended in memberships.Where(m => m.UserType == MemberUserType.Business && !trustees.Contains(m.OrganizationId)).ToList())
            {
                var organization = await _organizations.FindAsync(ended.OrganizationId, cancellationToken).ConfigureAwait(false);
                if (organization is null || organization.EffectiveOwner == policy.Owner)
                {
                    continue;
                }

                var left = await BoundedRetry.RunAsync(_options.MaxConcurrencyRetries, async _ =>
                {
                    var member = await _memberships.FindAsync(ended.OrganizationId, attempt.User.Id, cancellationToken).ConfigureAwait(false);
                    if (member is null || member.Role == OrganizationRole.Owner)
                    {
                        return Result<FederationEvent?>.Success(null);
                    }

                    var removed = new SignInMemberRemoved(_time.GetUtcNow(), ended.OrganizationId, attempt.User.Id, member.Role);
                    var committed = await _committer.CommitAsync(MembershipChanges.Leave(member).Raise(removed), cancellationToken).ConfigureAwait(false);
                    return committed.IsSuccess ? removed : Result<FederationEvent?>.Failure(committed.Error);
                }, BoundedRetry.IsConflict).ConfigureAwait(false);
                if (left.IsFailure)
                {
                    return BoundedRetry.IsConflict(left.Error) ? ConcurrencyExhausted("membership") : left.Error;
                }

                if (left.Value is { } removedEvent)
                {
                    events.Add(removedEvent);
                }

                memberships.Remove(ended);
            }
        }

        return new SignInOutcome(attempt.User.Id, attempt.UserCreated, memberships.ToImmutable(), events.ToImmutable()) { SecurityStamp = attempt.User.SecurityStamp };
    }

    /// <summary>
    /// The email this sign-in may use (canonical form), or null when there is none to use. A malformed email is refused. An
    /// unverified email is never checked against domains, matched or stored: an existing user keeps the stored email, a new
    /// user is refused because the domain gate cannot be passed.
    /// </summary>
    private async Task<Result<string?>> EmailAtIntakeAsync(FederatedIdentity identity, SignInProfileContext context, FederatedUser? existingUser, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(identity.Email))
        {
            return Result<string?>.Success(null);
        }

        var email = MemberEmail.Canonicalize(identity.Email);
        if (email is null)
        {
            return new FederationError(SignInErrorCodes.EmailInvalid,
                "The email asserted by the IdP is not a plain address (one '@', no quoted local part, no display name, a host name as domain).");
        }

        if (!identity.EmailVerified)
        {
            return existingUser is not null
                ? Result<string?>.Success(null)
                : new FederationError(SignInErrorCodes.EmailUnverified,
                        "The IdP does not vouch for the user's email (email_verified is not true), so it cannot be checked against the directory's verified domains; ask the IdP administrator to verify the email, or, for a provider that never sends email_verified, to trust the profile's emails.")
                    .WithDetail("directory", context.DirectoryId.ToString());
        }

        // Fresh, not just loaded: an IdP-initiated sign-in may come without an email-first RouteAsync, and a domain may
        // have moved to another directory since the index was built.
        var domain = MemberEmail.DomainOf(email)!;
        if (!await EmailDomainGate.CoversAsync(_router, _domainOwners, context.DirectoryId, domain, cancellationToken).ConfigureAwait(false))
        {
            return new FederationError(SignInErrorCodes.EmailDomainNotCovered,
                    $"The email domain '{domain}' is not a verified domain linked to directory '{context.DirectoryId}'.")
                .WithDetail("domain", domain).WithDetail("directory", context.DirectoryId.ToString());
        }

        return email;
    }

    /// <summary>The user to add (a first sign-in) or the update of an existing one, with its events.</summary>
    private (FederatedUser User, ChangeSet Change) UserChange(ProvisioningPolicy policy, FederatedIdentity identity, string? email, FederatedUser? user)
    {
        var now = _time.GetUtcNow();
        if (user is null)
        {
            var created = new FederatedUser
            {
                Id = UserId.New(),
                DirectoryId = policy.DirectoryId,
                Subject = identity.Subject,
                Email = email ?? string.Empty,
                GivenName = identity.GivenName,
                FamilyName = identity.FamilyName,
                CreatedAt = now,
                LastSignInAt = now,
                SecurityStamp = Lifecycle.SecurityStamps.New(),
                ProfileId = policy.ActiveProfileId,
            };
            return (created, ChangeSet.Empty.AddUser(created).Raise(new SignInUserCreated(now, created.Id, policy.DirectoryId, policy.Owner)));
        }

        var changed = policy.UpdateProfileOnSignIn ? DirectoryMembershipPlanner.ChangedFields(user.Email, user.GivenName, user.FamilyName, email, identity) : [];
        var updated = user with { LastSignInAt = now, ProfileId = policy.ActiveProfileId, SecurityStamp = user.SecurityStamp.Length == 0 ? Lifecycle.SecurityStamps.New() : user.SecurityStamp };
        if (changed.IsEmpty)
        {
            return (updated, ChangeSet.Empty.UpdateUser(updated));
        }

        updated = updated with { Email = email ?? user.Email, GivenName = identity.GivenName ?? user.GivenName, FamilyName = identity.FamilyName ?? user.FamilyName };
        return (updated, ChangeSet.Empty.UpdateUser(updated).Raise(new SignInUserProfileUpdated(now, user.Id, changed, policy.Owner)));
    }

    /// <summary>
    /// Directory sync: at the first sign-in of an identity, the user a SCIM client created in the same directory with no
    /// subject yet becomes this identity's user (its subject is bound in this sign-in's change set): first the one whose
    /// <c>externalId</c> is the value of the policy's <see cref="ProvisioningPolicy.ExternalIdAttribute"/> (a single value
    /// the IdP asserted), else the only one with this verified email. A suspended one is refused like any suspended user.
    /// Returns the user the sign-in continues with.
    /// </summary>
    private async Task<Result<FederatedUser?>> BindDirectorySyncedUserAsync(
        SignInProfileContext context, ProvisioningPolicy policy, FederatedIdentity identity, string? email, FederatedUser? existingUser, CancellationToken cancellationToken)
    {
        if (existingUser is not null || _directoryUsers is null)
        {
            return existingUser;
        }

        FederatedUser? matched = null;
        if (policy.ExternalIdAttribute is { Length: > 0 } attribute
            && identity.Attributes.TryGetValue(attribute, out var values) && values.Length == 1 && values[0].Length > 0
            && await _directoryUsers.FindByExternalIdAsync(context.DirectoryId, values[0], cancellationToken).ConfigureAwait(false) is { IsSubjectBound: false, DeletedAt: null } byExternalId)
        {
            matched = byExternalId;
        }
        else if (email is not null)
        {
            var unbound = (await _directoryUsers.ListByEmailAsync(context.DirectoryId, email, cancellationToken).ConfigureAwait(false))
                .Where(u => !u.IsSubjectBound && u.DeletedAt is null).ToList();
            matched = unbound.Count == 1 ? unbound[0] : null;
        }

        if (matched is null)
        {
            return existingUser;
        }

        if (matched.SuspendedAt is not null)
        {
            return new FederationError(SignInErrorCodes.UserSuspended, "This user is suspended; ask an administrator to resume the account.")
                .WithDetail("user", matched.Id.ToString());
        }

        return matched with { Subject = identity.Subject };
    }

    /// <summary>Directory sync: a user the directory syncs is planned from its directory groups, the directory's synced state.</summary>
    private async Task<FederatedIdentity> WithDirectoryGroupsAsync(FederatedIdentity identity, FederatedUser? user, CancellationToken cancellationToken)
    {
        if (user is null || _directoryGroups is null)
        {
            return identity;
        }

        var groups = await _directoryGroups.ListByMemberAsync(user.Id, cancellationToken).ConfigureAwait(false);
        return user.IsDirectorySynced || groups.Count > 0 ? identity with { Groups = [.. groups.Select(g => g.DisplayName)] } : identity;
    }

    private FederationError ConcurrencyExhausted(string kind)
    {
        CoreLog.ConcurrencyRetriesExhausted(_logger, kind, _options.MaxConcurrencyRetries);
        return new FederationError(SignInErrorCodes.ConcurrencyExhausted, $"The {kind} kept changing concurrently; retry the sign-in.").WithDetail("kind", kind);
    }

    /// <summary>What one committed attempt wrote, for the steps after the commit.</summary>
    private sealed record Attempt(
        FederatedUser User,
        bool UserCreated,
        ImmutableArray<MembershipOutcome> Memberships,
        ImmutableArray<FederationEvent> Events,
        List<(OrganizationId Organization, SignInInvitation Invitation)> JoinedByInvitation);

}
