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
/// Every decision is taken before the first write, so a refusal never leaves half-written state.
/// </summary>
public sealed class JitProvisioner
{
    private readonly IProvisioningPolicySource _policies;
    private readonly IDirectoryTrusteeQuery _trustees;
    private readonly SignInRouter _router;
    private readonly IOrganizationStore _organizations;
    private readonly IFederatedUserStore _users;
    private readonly IMemberProfileStore _profiles;
    private readonly ISignInInvitationStore _invitations;
    private readonly IFederationEventSink _events;
    private readonly TimeProvider _time;
    private readonly SignInOptions _options;
    private readonly IDirectoryMemberCounter? _members;
    private readonly DirectoryTrust.IDomainOwnerQuery? _domainOwners;
    private readonly ILogger _logger;

    /// <summary>Creates the provisioner.</summary>
    /// <param name="policies">Provisioning policies per directory.</param>
    /// <param name="trustees">Directory trust (trustee organizations).</param>
    /// <param name="router">The routing index, used to check that the email is on a domain of the directory.</param>
    /// <param name="organizations">The organization store (memberships and roles).</param>
    /// <param name="users">The federated user store.</param>
    /// <param name="profiles">The member profile store (usernames, groups, settings).</param>
    /// <param name="invitations">The invitation store.</param>
    /// <param name="events">The event sink.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">Sign-in settings.</param>
    /// <param name="members">Counts new members on their directory and profile; null skips it (AddFederationKit registers one).</param>
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
        IMemberProfileStore profiles,
        ISignInInvitationStore invitations,
        IFederationEventSink events,
        TimeProvider time,
        SignInOptions options,
        IDirectoryMemberCounter? members = null,
        DirectoryTrust.IDomainOwnerQuery? domainOwners = null,
        ILogger<JitProvisioner>? logger = null)
    {
        _policies = policies ?? throw new ArgumentNullException(nameof(policies));
        _trustees = trustees ?? throw new ArgumentNullException(nameof(trustees));
        _router = router ?? throw new ArgumentNullException(nameof(router));
        _organizations = organizations ?? throw new ArgumentNullException(nameof(organizations));
        _users = users ?? throw new ArgumentNullException(nameof(users));
        _profiles = profiles ?? throw new ArgumentNullException(nameof(profiles));
        _invitations = invitations ?? throw new ArgumentNullException(nameof(invitations));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _members = members;
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

        var existingUser = await _users.FindByIdentityAsync(context.DirectoryId, identity.Subject, cancellationToken).ConfigureAwait(false);
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

        var changes = ImmutableArray.CreateBuilder<FederationEvent>();
        var userResult = await EnsureUserAsync(policy, identity, email, existingUser, changes, cancellationToken).ConfigureAwait(false);
        if (userResult.IsFailure)
        {
            return userResult.Error;
        }

        var (user, created) = userResult.Value;
        if (created && _members is not null)
        {
            // Counted before any organization access is granted: a directory or profile with this user can no longer be deleted.
            var counted = await _members.RecordMemberAddedAsync(context, identity, cancellationToken).ConfigureAwait(false);
            if (counted.IsFailure)
            {
                return counted.Error;
            }
        }

        var memberships = ImmutableArray.CreateBuilder<MembershipOutcome>();
        foreach (var target in planResult.Value)
        {
            var membership = await ApplyAsync(policy, identity, email, user, target, changes, cancellationToken).ConfigureAwait(false);
            if (membership.IsFailure)
            {
                return membership.Error;
            }

            memberships.Add(membership.Value);
        }

        var revoked = await RevokeUngrantedAsync(policy, user, memberships, changes, cancellationToken).ConfigureAwait(false);
        if (revoked.IsFailure)
        {
            return revoked.Error;
        }

        foreach (var change in changes)
        {
            await _events.PublishAsync(change, cancellationToken).ConfigureAwait(false);
        }

        return new SignInOutcome(user.Id, created, memberships.ToImmutable(), changes.ToImmutable());
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
        foreach (var (id, grantedRole) in home)
        {
            var organization = await _organizations.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (organization is null || organization.EffectiveOwner != policy.Owner)
            {
                continue; // Never grant access to an organization the directory's owner does not own.
            }

            var target = await TargetAsync(policy, identity, email, existingUser, organization, grantedRole, isDesignatedAdmin, isTrustee: false, cancellationToken).ConfigureAwait(false);
            refusedForInvitation |= target is null;
            if (target is not null)
            {
                targets.Add(target);
            }
        }

        if (targets.Count == 0 && !policy.AdvancedGroupMappings.IsEmpty && !refusedForInvitation)
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

            var target = await TargetAsync(policy, identity, email, existingUser, organization, null, isDesignatedAdmin: false, isTrustee: true, cancellationToken).ConfigureAwait(false);
            refusedForInvitation |= target is null;
            if (target is not null)
            {
                targets.Add(target);
            }
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

    private async Task<MembershipTarget?> TargetAsync(
        ProvisioningPolicy policy, FederatedIdentity identity, string? email, FederatedUser? existingUser, Organization organization,
        OrganizationRole? grantedRole, bool isDesignatedAdmin, bool isTrustee, CancellationToken cancellationToken)
    {
        var overrides = policy.OrganizationSettings.GetValueOrDefault(organization.Id);
        var defaults = overrides?.Defaults ?? policy.Defaults;
        var suffix = UsernameRules.NormalizeSuffix(overrides?.UsernameSuffix ?? policy.UsernameSuffix);
        var joinMode = overrides?.JoinMode ?? (isTrustee ? JoinMode.Automatic : policy.JoinMode);
        var isMember = existingUser is not null && organization.FindMember(existingUser.Id) is not null;

        SignInInvitation? invitation = null;
        if (!isMember && joinMode == JoinMode.InvitationOnly)
        {
            invitation = await _invitations.FindMatchAsync(organization.Id, email, policy.DirectoryId, identity.Subject, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (invitation is null)
            {
                return null;
            }

            if (!invitation.Groups.IsDefaultOrEmpty)
            {
                defaults = defaults with { Groups = defaults.Groups.Union(invitation.Groups, StringComparer.Ordinal).ToImmutableArray() };
            }
        }

        return new MembershipTarget(organization, defaults, suffix, grantedRole, isDesignatedAdmin, isTrustee, invitation);
    }

    private async Task<Result<(FederatedUser User, bool Created)>> EnsureUserAsync(
        ProvisioningPolicy policy, FederatedIdentity identity, string? email, FederatedUser? user, ImmutableArray<FederationEvent>.Builder changes, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        for (var attempt = 0; attempt < _options.MaxConcurrencyRetries; attempt++)
        {
            if (user is null)
            {
                var added = await _users.AddAsync(new FederatedUser
                {
                    Id = UserId.New(),
                    DirectoryId = policy.DirectoryId,
                    Subject = identity.Subject,
                    Email = email ?? string.Empty,
                    GivenName = identity.GivenName,
                    FamilyName = identity.FamilyName,
                    CreatedAt = now,
                    LastSignInAt = now,
                }, cancellationToken).ConfigureAwait(false);
                if (added.IsSuccess)
                {
                    changes.Add(new SignInUserCreated(now, added.Value.Id, policy.DirectoryId));
                    return (added.Value, true);
                }

                if (added.Error.Code != StoreErrorCodes.Duplicate)
                {
                    return added.Error;
                }

                // The same user's concurrent first sign-in won: continue as an existing user.
                user = await _users.FindByIdentityAsync(policy.DirectoryId, identity.Subject, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var changed = policy.UpdateProfileOnSignIn ? ChangedFields(user.Email, user.GivenName, user.FamilyName, email, identity) : [];
            var updated = user with { LastSignInAt = now };
            if (!changed.IsEmpty)
            {
                updated = updated with { Email = email ?? user.Email, GivenName = identity.GivenName ?? user.GivenName, FamilyName = identity.FamilyName ?? user.FamilyName };
            }

            var stored = await _users.UpdateAsync(updated, cancellationToken).ConfigureAwait(false);
            if (stored.IsSuccess)
            {
                if (!changed.IsEmpty)
                {
                    changes.Add(new SignInUserProfileUpdated(now, user.Id, changed));
                }

                return (stored.Value, false);
            }

            if (stored.Error.Code != StoreErrorCodes.ConcurrencyConflict)
            {
                return stored.Error;
            }

            user = await _users.FindAsync(user.Id, cancellationToken).ConfigureAwait(false);
        }

        return ConcurrencyExhausted("federated user");
    }

    private async Task<Result<MembershipOutcome>> ApplyAsync(
        ProvisioningPolicy policy, FederatedIdentity identity, string? email, FederatedUser user, MembershipTarget target,
        ImmutableArray<FederationEvent>.Builder changes, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var orgId = target.Organization.Id;
        var mappedForOrg = policy.GroupMappings.Where(m => m.Organization is null || m.Organization == orgId).ToList();
        var allMapped = mappedForOrg.Select(m => m.ProductGroup).ToHashSet(StringComparer.Ordinal);
        var idpGroups = identity.Groups.ToHashSet(StringComparer.Ordinal);
        var granted = mappedForOrg.Where(m => idpGroups.Contains(m.IdpGroup)).Select(m => m.ProductGroup).ToHashSet(StringComparer.Ordinal);

        var profileResult = await EnsureProfileAsync(policy, identity, email, user, target, allMapped, granted, changes, cancellationToken).ConfigureAwait(false);
        if (profileResult.IsFailure)
        {
            return profileResult.Error;
        }

        var (profile, joinedProfile) = profileResult.Value;
        for (var attempt = 0; attempt < _options.MaxConcurrencyRetries; attempt++)
        {
            var organization = await _organizations.FindAsync(orgId, cancellationToken).ConfigureAwait(false);
            if (organization is null)
            {
                return StoreErrors.NotFound("organization", orgId.ToString());
            }

            var member = organization.FindMember(user.Id);
            FederationEvent? change;
            Organization changedOrganization;
            OrganizationRole role;
            if (member is null)
            {
                (role, var fromAdminMapping) = target.InitialRole;
                var joined = new OrganizationMember(user.Id, email ?? user.Email, role) { RoleFromAdminMapping = fromAdminMapping };
                changedOrganization = organization with { Members = organization.Members.Add(joined) };
                change = new SignInMemberJoined(now, orgId, user.Id, role, profile.UserType, profile.Username);
            }
            else
            {
                (role, var fromAdminMapping) = target.RecomputedRole(member);
                var newEmail = policy.UpdateProfileOnSignIn && email is not null ? email : member.Email;
                var updatedMember = member with { Role = role, RoleFromAdminMapping = fromAdminMapping, Email = newEmail };
                change = role != member.Role ? new SignInMemberRoleChanged(now, orgId, user.Id, member.Role, role) : null;
                if (updatedMember == member)
                {
                    return Outcome(profile, role, joinedProfile);
                }

                changedOrganization = organization with { Members = organization.Members.Replace(member, updatedMember) };
            }

            var stored = await _organizations.UpdateAsync(changedOrganization, cancellationToken).ConfigureAwait(false);
            if (stored.IsSuccess)
            {
                if (change is not null)
                {
                    changes.Add(change);
                }

                if (member is null && target.Invitation is { } invitation
                    && await _invitations.TryConsumeAsync(invitation.Id, cancellationToken).ConfigureAwait(false))
                {
                    changes.Add(new SignInInvitationAccepted(now, orgId, invitation.Id, user.Id));
                }

                return Outcome(profile, role, member is null);
            }

            if (stored.Error.Code != StoreErrorCodes.ConcurrencyConflict)
            {
                return stored.Error;
            }
        }

        return ConcurrencyExhausted("organization");
    }

    /// <summary>
    /// Access through this directory is recomputed at every sign-in. With advanced mappings, the user leaves each organization
    /// that the mappings govern, that the user joined through this directory, and that no current group grants; the member
    /// profile (and so the username) is kept for a later return. And the user leaves, with its Business-ID profile, every
    /// organization of another owner that it reached through this directory as a trustee whose trust is no longer accepted,
    /// read again after this sign-in's writes: a trust revoked or withdrawn while the sign-in ran is not undone by it.
    /// Owners are never removed.
    /// </summary>
    private async Task<Result> RevokeUngrantedAsync(
        ProvisioningPolicy policy, FederatedUser user, ImmutableArray<MembershipOutcome>.Builder memberships,
        ImmutableArray<FederationEvent>.Builder changes, CancellationToken cancellationToken)
    {
        var governed = policy.AdvancedGroupMappings.Select(m => m.Organization).ToHashSet();
        var kept = memberships.Select(m => m.OrganizationId).ToHashSet();
        HashSet<OrganizationId>? trustees = null;
        foreach (var profile in await _profiles.ListByUserAsync(user.Id, cancellationToken).ConfigureAwait(false))
        {
            if (profile.DirectoryId != policy.DirectoryId)
            {
                continue;
            }

            var ungranted = governed.Contains(profile.OrganizationId) && !kept.Contains(profile.OrganizationId);
            var trustEnded = false;
            if (!ungranted && profile.UserType == MemberUserType.Business)
            {
                var owner = (await _organizations.FindAsync(profile.OrganizationId, cancellationToken).ConfigureAwait(false))?.EffectiveOwner;
                trustees ??= [.. await _trustees.ListTrusteesAsync(policy.DirectoryId, cancellationToken).ConfigureAwait(false)];
                trustEnded = owner is { } o && o != policy.Owner && !trustees.Contains(profile.OrganizationId);
            }

            if (!ungranted && !trustEnded)
            {
                continue;
            }

            var left = await LeaveAsync(profile.OrganizationId, user, changes, cancellationToken).ConfigureAwait(false);
            if (left.IsFailure)
            {
                return left;
            }

            if (trustEnded)
            {
                var deleted = await _profiles.DeleteAsync(profile.OrganizationId, user.Id, profile.Version, cancellationToken).ConfigureAwait(false);
                if (deleted.IsFailure && deleted.Error.Code is not (StoreErrorCodes.NotFound or StoreErrorCodes.ConcurrencyConflict))
                {
                    return deleted;
                }

                for (var i = memberships.Count - 1; i >= 0; i--)
                {
                    if (memberships[i].OrganizationId == profile.OrganizationId)
                    {
                        memberships.RemoveAt(i);
                    }
                }
            }
        }

        return Result.Success;
    }

    /// <summary>Removes the user from an organization (never an owner), retrying on concurrency conflicts.</summary>
    private async Task<Result> LeaveAsync(OrganizationId organizationId, FederatedUser user, ImmutableArray<FederationEvent>.Builder changes, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < _options.MaxConcurrencyRetries; attempt++)
        {
            var organization = await _organizations.FindAsync(organizationId, cancellationToken).ConfigureAwait(false);
            var member = organization?.FindMember(user.Id);
            if (organization is null || member is null || member.Role == OrganizationRole.Owner)
            {
                return Result.Success;
            }

            var stored = await _organizations.UpdateAsync(organization with { Members = organization.Members.Remove(member) }, cancellationToken).ConfigureAwait(false);
            if (stored.IsSuccess)
            {
                changes.Add(new SignInMemberRemoved(_time.GetUtcNow(), organization.Id, user.Id, member.Role));
                return Result.Success;
            }

            if (stored.Error.Code != StoreErrorCodes.ConcurrencyConflict)
            {
                return stored.Error;
            }
        }

        return ConcurrencyExhausted("organization");
    }

    private async Task<Result<(MemberProfile Profile, bool Created)>> EnsureProfileAsync(
        ProvisioningPolicy policy, FederatedIdentity identity, string? email, FederatedUser user, MembershipTarget target,
        HashSet<string> allMapped, HashSet<string> granted, ImmutableArray<FederationEvent>.Builder changes, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var orgId = target.Organization.Id;
        var profile = await _profiles.FindAsync(orgId, user.Id, cancellationToken).ConfigureAwait(false);
        if (profile is null)
        {
            var groups = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, target.Defaults.Groups.Where(g => !allMapped.Contains(g)).Concat(granted));
            var usernameBase = UsernameRules.Normalize(UsernameRules.SelectSource(identity));
            for (var attempt = 0; attempt < _options.MaxUsernameAttempts; attempt++)
            {
                var candidate = UsernameRules.Candidate(usernameBase, target.UsernameSuffix, attempt);
                if (candidate is null)
                {
                    continue;
                }

                var added = await _profiles.AddAsync(new MemberProfile
                {
                    OrganizationId = orgId,
                    UserId = user.Id,
                    DirectoryId = policy.DirectoryId,
                    Username = candidate,
                    UserType = target.IsTrustee ? MemberUserType.Business : target.Defaults.UserType,
                    Groups = groups,
                    Settings = target.Defaults.Settings,
                    Email = email ?? user.Email,
                    GivenName = identity.GivenName,
                    FamilyName = identity.FamilyName,
                    JoinedAt = now,
                }, cancellationToken).ConfigureAwait(false);
                if (added.IsSuccess)
                {
                    return (added.Value, true);
                }

                if (added.Error.Code != StoreErrorCodes.Duplicate)
                {
                    return added.Error;
                }

                if (!string.Equals(added.Error.Details.GetValueOrDefault("kind"), IMemberProfileStore.UsernameKind, StringComparison.Ordinal))
                {
                    // The same user's concurrent sign-in created the profile: update it below.
                    profile = await _profiles.FindAsync(orgId, user.Id, cancellationToken).ConfigureAwait(false);
                    break;
                }
            }

            if (profile is null)
            {
                return new FederationError(SignInErrorCodes.UsernameExhausted, $"No unique username was found after {_options.MaxUsernameAttempts} attempts.")
                    .WithDetail("organization", orgId.ToString());
            }
        }

        for (var attempt = 0; attempt < _options.MaxConcurrencyRetries && profile is not null; attempt++)
        {
            var groups = profile.Groups.Except(allMapped).Union(granted);
            var added = groups.Except(profile.Groups).ToImmutableArray();
            var removed = profile.Groups.Except(groups).ToImmutableArray();
            var profileChanged = policy.UpdateProfileOnSignIn && !ChangedFields(profile.Email, profile.GivenName, profile.FamilyName, email, identity).IsEmpty;
            if (added.IsEmpty && removed.IsEmpty && !profileChanged)
            {
                return (profile, false);
            }

            var updated = profile with { Groups = groups };
            if (profileChanged)
            {
                updated = updated with { Email = email ?? profile.Email, GivenName = identity.GivenName ?? profile.GivenName, FamilyName = identity.FamilyName ?? profile.FamilyName };
            }

            var stored = await _profiles.UpdateAsync(updated, cancellationToken).ConfigureAwait(false);
            if (stored.IsSuccess)
            {
                if (!added.IsEmpty || !removed.IsEmpty)
                {
                    changes.Add(new SignInMemberGroupsChanged(now, orgId, user.Id, added, removed));
                }

                if (profileChanged)
                {
                    changes.Add(new SignInMemberProfileUpdated(now, orgId, user.Id));
                }

                return (stored.Value, false);
            }

            if (stored.Error.Code != StoreErrorCodes.ConcurrencyConflict)
            {
                return stored.Error;
            }

            profile = await _profiles.FindAsync(orgId, user.Id, cancellationToken).ConfigureAwait(false);
        }

        return ConcurrencyExhausted("member profile");
    }

    private static MembershipOutcome Outcome(MemberProfile profile, OrganizationRole role, bool joined) =>
        new(profile.OrganizationId, role, profile.UserType, profile.Username, profile.Groups, joined);

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
        public (OrganizationRole Role, bool FromAdminMapping) RecomputedRole(OrganizationMember member) =>
            member.Role == OrganizationRole.Owner
                ? (member.Role, false)
                : Elevate(GrantedRole ?? (member.RoleFromAdminMapping ? DefaultRole : member.Role));

        private OrganizationRole DefaultRole => IsTrustee ? OrganizationRole.Member : Defaults.Role;

        private (OrganizationRole Role, bool FromAdminMapping) Elevate(OrganizationRole role) =>
            IsDesignatedAdmin && role < OrganizationRole.Admin ? (OrganizationRole.Admin, true) : (role, false);
    }
}
