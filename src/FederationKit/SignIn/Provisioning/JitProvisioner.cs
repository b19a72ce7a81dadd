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
        ILogger<JitProvisioner>? logger = null)
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
        var planResult = await PlanAsync(policy, identity, email, existingUser, cancellationToken).ConfigureAwait(false);
        if (planResult.IsFailure)
        {
            return planResult.Error;
        }

        var current = existingUser is null
            ? []
            : (await _memberships.ListByUserAsync(existingUser.Id, cancellationToken).ConfigureAwait(false)).ToDictionary(m => m.OrganizationId);
        var (user, change) = UserChange(policy, identity, email, existingUser);
        var memberships = ImmutableArray.CreateBuilder<MembershipOutcome>();
        var joinedByInvitation = new List<(OrganizationId Organization, SignInInvitation Invitation)>();
        foreach (var target in planResult.Value)
        {
            var membership = await MembershipChangeAsync(policy, identity, email, user, target, current.GetValueOrDefault(target.Organization.Id), cancellationToken).ConfigureAwait(false);
            if (membership.IsFailure)
            {
                return membership.Error;
            }

            change = change.Merge(membership.Value.Change);
            memberships.Add(membership.Value.Outcome);
            if (membership.Value.Outcome.Joined && current.GetValueOrDefault(target.Organization.Id) is null && target.Invitation is { } invitation)
            {
                joinedByInvitation.Add((target.Organization.Id, invitation));
            }
        }

        if (existingUser is not null)
        {
            // An invitation admitted the user again where an administrator had removed it; a role change ends older sessions.
            var readmitted = joinedByInvitation.Select(j => j.Organization).Where(user.RemovedFrom.Contains).ToList();
            var roleChanged = change.Events.OfType<SignInMemberRoleChanged>().Any();
            if (readmitted.Count > 0 || roleChanged)
            {
                var restamped = user with { RemovedFrom = user.RemovedFrom.Except(readmitted), SecurityStamp = Lifecycle.SecurityStamps.New() };
                change = change with { UpdatedUsers = change.UpdatedUsers.Replace(user, restamped) };
                user = restamped;
            }
        }

        var revoked = await RevocationsAsync(policy, user, current.Values, memberships, cancellationToken).ConfigureAwait(false);
        change = change.Merge(revoked);

        var committed = await _committer.CommitAsync(change, cancellationToken).ConfigureAwait(false);
        if (committed.IsFailure)
        {
            return committed.Error;
        }

        return new Attempt(user, existingUser is null, memberships.ToImmutable(), change.Events, joinedByInvitation);
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
        var route = await _router.FindCoveringAsync(domain, cancellationToken).ConfigureAwait(false);
        if (route is null || route.DirectoryId != context.DirectoryId
            || (_domainOwners is not null && await _domainOwners.FindOwnerAsync(domain, cancellationToken).ConfigureAwait(false) != route.Owner))
        {
            return new FederationError(SignInErrorCodes.EmailDomainNotCovered,
                    $"The email domain '{domain}' is not a verified domain linked to directory '{context.DirectoryId}'.")
                .WithDetail("domain", domain).WithDetail("directory", context.DirectoryId.ToString());
        }

        return email;
    }

    private async Task<Result<List<MembershipTarget>>> PlanAsync(
        ProvisioningPolicy policy, FederatedIdentity identity, string? email, FederatedUser? existingUser, CancellationToken cancellationToken)
    {
        var groups = identity.Groups.ToHashSet(StringComparer.Ordinal);
        var isDesignatedAdmin = policy.AdminGroups.Any(groups.Contains) || policy.AdminSubjects.Contains(identity.Subject, StringComparer.Ordinal);

        // Home organizations with the role each grants (null = the defaults' role).
        var home = new List<(OrganizationId Id, OrganizationRole? GrantedRole)>();
        if (!policy.AdvancedGroupMappings.IsEmpty)
        {
            home.AddRange(policy.AdvancedGroupMappings
                .Where(m => groups.Contains(m.IdpGroup))
                .GroupBy(m => m.Organization)
                .Select(g => (g.Key, (OrganizationRole?)g.Max(m => m.Role))));
        }
        else if (!policy.Organizations.IsEmpty)
        {
            home.AddRange(policy.Organizations.Distinct().Select(id => (id, (OrganizationRole?)null)));
        }
        else if (policy.Owner.Kind == OwnerKind.Organization)
        {
            home.Add((new OrganizationId(policy.Owner.Id), null));
        }

        var targets = new List<MembershipTarget>();
        var refusedForInvitation = false;
        var anyRemoved = false;
        foreach (var (id, grantedRole) in home)
        {
            var organization = await _organizations.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (organization is null || organization.EffectiveOwner != policy.Owner)
            {
                continue; // Never grant access to an organization the directory's owner does not own.
            }

            var (target, removed) = await TargetAsync(policy, identity, email, existingUser, organization, grantedRole, isDesignatedAdmin, isTrustee: false, cancellationToken).ConfigureAwait(false);
            anyRemoved |= removed;
            refusedForInvitation |= target is null && !removed;
            if (target is not null)
            {
                targets.Add(target);
            }
        }

        if (targets.Count == 0 && !policy.AdvancedGroupMappings.IsEmpty && !refusedForInvitation && !anyRemoved)
        {
            return new FederationError(SignInErrorCodes.NoOrganizationGranted,
                    "None of the user's IdP groups grants access to an organization; ask an administrator to add you to a mapped group.")
                .WithDetail("directory", policy.DirectoryId.ToString());
        }

        foreach (var trusteeId in await _trustees.ListTrusteesAsync(policy.DirectoryId, cancellationToken).ConfigureAwait(false))
        {
            var organization = await _organizations.FindAsync(trusteeId, cancellationToken).ConfigureAwait(false);
            if (organization is null || targets.Exists(t => t.Organization.Id == trusteeId))
            {
                continue;
            }

            var (target, removed) = await TargetAsync(policy, identity, email, existingUser, organization, null, isDesignatedAdmin: false, isTrustee: true, cancellationToken).ConfigureAwait(false);
            anyRemoved |= removed;
            refusedForInvitation |= target is null && !removed;
            if (target is not null)
            {
                targets.Add(target);
            }
        }

        if (targets.Count == 0 && anyRemoved && !refusedForInvitation)
        {
            return new FederationError(SignInErrorCodes.UserRemoved,
                    "An administrator removed this user from the organization; ask an administrator to add you again.")
                .WithDetail("directory", policy.DirectoryId.ToString());
        }

        if (targets.Count == 0)
        {
            return refusedForInvitation
                ? new FederationError(SignInErrorCodes.InvitationRequired,
                        "This organization admits members by invitation only and no invitation matches this user's email or user id; ask an administrator to invite you.")
                    .WithDetail("directory", policy.DirectoryId.ToString())
                : new FederationError(SignInErrorCodes.NoOrganizationGranted, "The directory provisions no organization for this user.")
                    .WithDetail("directory", policy.DirectoryId.ToString());
        }

        return targets;
    }

    private async Task<(MembershipTarget? Target, bool Removed)> TargetAsync(
        ProvisioningPolicy policy, FederatedIdentity identity, string? email, FederatedUser? existingUser, Organization organization,
        OrganizationRole? grantedRole, bool isDesignatedAdmin, bool isTrustee, CancellationToken cancellationToken)
    {
        var overrides = policy.OrganizationSettings.GetValueOrDefault(organization.Id);
        var defaults = overrides?.Defaults ?? policy.Defaults;
        var suffix = UsernameRules.NormalizeSuffix(overrides?.UsernameSuffix ?? policy.UsernameSuffix);
        var joinMode = overrides?.JoinMode ?? (isTrustee ? JoinMode.Automatic : policy.JoinMode);
        var isMember = existingUser is not null && await _memberships.FindAsync(organization.Id, existingUser.Id, cancellationToken).ConfigureAwait(false) is not null;

        // Removed by an administrator: automatic join does not add the user again; only an invitation (or an administrator) does.
        var removedByAdmin = !isMember && existingUser is not null && existingUser.RemovedFrom.Contains(organization.Id);
        SignInInvitation? invitation = null;
        if (!isMember && (joinMode == JoinMode.InvitationOnly || removedByAdmin))
        {
            invitation = await _invitations.FindMatchAsync(organization.Id, email, policy.DirectoryId, identity.Subject, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (invitation is null)
            {
                return (null, removedByAdmin);
            }

            if (!invitation.Groups.IsDefaultOrEmpty)
            {
                defaults = defaults with { Groups = defaults.Groups.Union(invitation.Groups, StringComparer.Ordinal).ToImmutableArray() };
            }
        }

        return (new MembershipTarget(organization, defaults, suffix, grantedRole, isDesignatedAdmin, isTrustee, invitation), false);
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

        var changed = policy.UpdateProfileOnSignIn ? ChangedFields(user.Email, user.GivenName, user.FamilyName, email, identity) : [];
        var updated = user with { LastSignInAt = now, ProfileId = policy.ActiveProfileId, SecurityStamp = user.SecurityStamp.Length == 0 ? Lifecycle.SecurityStamps.New() : user.SecurityStamp };
        if (changed.IsEmpty)
        {
            return (updated, ChangeSet.Empty.UpdateUser(updated));
        }

        updated = updated with { Email = email ?? user.Email, GivenName = identity.GivenName ?? user.GivenName, FamilyName = identity.FamilyName ?? user.FamilyName };
        return (updated, ChangeSet.Empty.UpdateUser(updated).Raise(new SignInUserProfileUpdated(now, user.Id, changed, policy.Owner)));
    }

    /// <summary>
    /// The membership change of one target organization: a join (with the first free username), or the recomputed role,
    /// groups and profile of an existing member (a member added by hand receives its username and directory here).
    /// </summary>
    private async Task<Result<(ChangeSet Change, MembershipOutcome Outcome)>> MembershipChangeAsync(
        ProvisioningPolicy policy, FederatedIdentity identity, string? email, FederatedUser user, MembershipTarget target, Membership? member, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var orgId = target.Organization.Id;
        var mappedForOrg = policy.GroupMappings.Where(m => m.Organization is null || m.Organization == orgId).ToList();
        var allMapped = mappedForOrg.Select(m => m.ProductGroup).ToHashSet(StringComparer.Ordinal);
        var idpGroups = identity.Groups.ToHashSet(StringComparer.Ordinal);
        var granted = mappedForOrg.Where(m => idpGroups.Contains(m.IdpGroup)).Select(m => m.ProductGroup).ToHashSet(StringComparer.Ordinal);
        var userType = target.IsTrustee ? MemberUserType.Business : target.Defaults.UserType;

        string? newUsername = null;
        if (member?.Username is null)
        {
            var usernameBase = UsernameRules.Normalize(UsernameRules.SelectSource(identity));
            newUsername = await FreeUsername.FindAsync(_memberships, orgId, usernameBase, target.UsernameSuffix, _options.MaxUsernameAttempts, cancellationToken).ConfigureAwait(false);
            if (newUsername is null)
            {
                return new FederationError(SignInErrorCodes.UsernameExhausted, $"No unique username was found after {_options.MaxUsernameAttempts} attempts.")
                    .WithDetail("organization", orgId.ToString());
            }
        }

        if (member is null)
        {
            var (role, fromAdminMapping) = target.InitialRole;
            var joined = new Membership
            {
                OrganizationId = orgId,
                UserId = user.Id,
                Role = role,
                RoleFromAdminMapping = fromAdminMapping,
                Email = email ?? user.Email,
                Username = newUsername,
                UserType = userType,
                DirectoryId = policy.DirectoryId,
                Groups = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, target.Defaults.Groups.Where(g => !allMapped.Contains(g)).Concat(granted)),
                Settings = target.Defaults.Settings,
                GivenName = identity.GivenName,
                FamilyName = identity.FamilyName,
                JoinedAt = now,
            };
            var change = MembershipChanges.Join(joined).Raise(new SignInMemberJoined(now, orgId, user.Id, role, userType, newUsername!));
            return (change, Outcome(joined, joined: true));
        }

        var updated = member;
        var events = ImmutableArray.CreateBuilder<FederationEvent>();
        if (newUsername is not null)
        {
            // A member added by hand signs in through a directory for the first time: it receives its username here.
            updated = updated with { Username = newUsername, DirectoryId = policy.DirectoryId, UserType = userType };
        }

        var groups = member.Groups.Except(allMapped).Union(granted);
        var addedGroups = groups.Except(member.Groups).ToImmutableArray();
        var removedGroups = member.Groups.Except(groups).ToImmutableArray();
        if (!addedGroups.IsEmpty || !removedGroups.IsEmpty)
        {
            updated = updated with { Groups = groups };
            events.Add(new SignInMemberGroupsChanged(now, orgId, user.Id, addedGroups, removedGroups));
        }

        if (policy.UpdateProfileOnSignIn && !ChangedFields(member.Email, member.GivenName, member.FamilyName, email, identity).IsEmpty)
        {
            updated = updated with { Email = email ?? member.Email, GivenName = identity.GivenName ?? member.GivenName, FamilyName = identity.FamilyName ?? member.FamilyName };
            events.Add(new SignInMemberProfileUpdated(now, orgId, user.Id));
        }

        var (newRole, newFromAdminMapping) = target.RecomputedRole(member);
        if (newRole != member.Role)
        {
            events.Add(new SignInMemberRoleChanged(now, orgId, user.Id, member.Role, newRole));
        }

        updated = updated with { Role = newRole, RoleFromAdminMapping = newFromAdminMapping };
        if (updated == member)
        {
            return (ChangeSet.Empty, Outcome(member, joined: false));
        }

        var updateChange = ChangeSet.Empty.UpdateMembership(updated) with { Events = events.ToImmutable() };
        return (updateChange, Outcome(updated, joined: newUsername is not null));
    }

    /// <summary>
    /// Access through this directory is recomputed at every sign-in. With advanced mappings, the user leaves each organization
    /// that the mappings govern, that the user joined through this directory, and that no current group grants. And the user
    /// leaves every organization of another owner that it reached through this directory as a Business-ID member whose trust
    /// is no longer accepted. Owners are never removed.
    /// </summary>
    private async Task<ChangeSet> RevocationsAsync(
        ProvisioningPolicy policy, FederatedUser user, IEnumerable<Membership> current, ImmutableArray<MembershipOutcome>.Builder memberships, CancellationToken cancellationToken)
    {
        var governed = policy.AdvancedGroupMappings.Select(m => m.Organization).ToHashSet();
        var kept = memberships.Select(m => m.OrganizationId).ToHashSet();
        HashSet<OrganizationId>? trustees = null;
        var change = ChangeSet.Empty;
        foreach (var member in current)
        {
            if (member.DirectoryId != policy.DirectoryId || member.Role == OrganizationRole.Owner || kept.Contains(member.OrganizationId))
            {
                continue;
            }

            var ungranted = governed.Contains(member.OrganizationId);
            var trustEnded = false;
            if (!ungranted && member.UserType == MemberUserType.Business)
            {
                var owner = (await _organizations.FindAsync(member.OrganizationId, cancellationToken).ConfigureAwait(false))?.EffectiveOwner;
                trustees ??= [.. await _trustees.ListTrusteesAsync(policy.DirectoryId, cancellationToken).ConfigureAwait(false)];
                trustEnded = owner is { } o && o != policy.Owner && !trustees.Contains(member.OrganizationId);
            }

            if (ungranted || trustEnded)
            {
                change = change.Merge(MembershipChanges.Leave(member).Raise(new SignInMemberRemoved(_time.GetUtcNow(), member.OrganizationId, user.Id, member.Role)));
            }
        }

        return change;
    }

    private static MembershipOutcome Outcome(Membership membership, bool joined) =>
        new(membership.OrganizationId, membership.Role, membership.UserType, membership.Username ?? string.Empty, membership.Groups, joined);

    private static ImmutableArray<string> ChangedFields(string currentEmail, string? currentGiven, string? currentFamily, string? email, FederatedIdentity identity)
    {
        var changed = ImmutableArray.CreateBuilder<string>();
        if (email is not null && !string.Equals(currentEmail, email, StringComparison.Ordinal))
        {
            changed.Add("email");
        }

        if (identity.GivenName is not null && !string.Equals(currentGiven, identity.GivenName, StringComparison.Ordinal))
        {
            changed.Add("given_name");
        }

        if (identity.FamilyName is not null && !string.Equals(currentFamily, identity.FamilyName, StringComparison.Ordinal))
        {
            changed.Add("family_name");
        }

        return changed.ToImmutable();
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

    private sealed record MembershipTarget(
        Organization Organization,
        NewMemberDefaults Defaults,
        string UsernameSuffix,
        OrganizationRole? GrantedRole,
        bool IsDesignatedAdmin,
        bool IsTrustee,
        SignInInvitation? Invitation)
    {
        /// <summary>The role on joining, and whether it is the admin role that only the admin mapping grants.</summary>
        public (OrganizationRole Role, bool FromAdminMapping) InitialRole => Elevate(Invitation?.Role ?? GrantedRole ?? DefaultRole);

        /// <summary>
        /// The role at a later sign-in. An owner stays owner and a role set by hand is kept (or replaced by an advanced mapping's
        /// role); an admin role that came from the admin mapping falls back to the mapped or default role once the user is no
        /// longer designated.
        /// </summary>
        public (OrganizationRole Role, bool FromAdminMapping) RecomputedRole(Membership member) =>
            member.Role == OrganizationRole.Owner
                ? (member.Role, false)
                : Elevate(GrantedRole ?? (member.RoleFromAdminMapping ? DefaultRole : member.Role));

        private OrganizationRole DefaultRole => IsTrustee ? OrganizationRole.Member : Defaults.Role;

        private (OrganizationRole Role, bool FromAdminMapping) Elevate(OrganizationRole role) =>
            IsDesignatedAdmin && role < OrganizationRole.Admin ? (OrganizationRole.Admin, true) : (role, false);
    }
}
