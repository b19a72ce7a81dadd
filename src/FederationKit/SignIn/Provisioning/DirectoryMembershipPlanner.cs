using System.Collections.Immutable;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Stores;
using FederationKit.SignIn.Usernames;
using FederationKit.Stores;

namespace FederationKit.SignIn.Provisioning;

/// <summary>
/// Plans a directory user's memberships from its groups and the directory's <see cref="ProvisioningPolicy"/> (home
/// organizations, group mappings, advanced organization mappings, admin groups, trustee organizations, join mode and
/// administrators' removals), the one planner of just-in-time provisioning and directory sync. It reads what it decides on
/// and returns the change to commit; it writes nothing.
/// </summary>
internal sealed class DirectoryMembershipPlanner
{
    private readonly IDirectoryTrusteeQuery _trustees;
    private readonly IOrganizationStore _organizations;
    private readonly IMembershipStore _memberships;
    private readonly ISignInInvitationStore _invitations;
    private readonly TimeProvider _time;
    private readonly SignInOptions _options;

    public DirectoryMembershipPlanner(
        IDirectoryTrusteeQuery trustees, IOrganizationStore organizations, IMembershipStore memberships, ISignInInvitationStore invitations, TimeProvider time, SignInOptions options)
    {
        _trustees = trustees;
        _organizations = organizations;
        _memberships = memberships;
        _invitations = invitations;
        _time = time;
        _options = options;
    }

    /// <summary>
    /// Plans the memberships of <paramref name="user"/> (as it will be written by <paramref name="userChange"/>): joins,
    /// recomputed roles and groups, and revocations, merged after <paramref name="userChange"/>. With
    /// <paramref name="directorySync"/>, no target is not a refusal (the user simply has no membership) and invitations are
    /// not used (the user joins through one at sign-in).
    /// </summary>
    public async Task<Result<MembershipPlan>> ApplyAsync(
        ProvisioningPolicy policy, FederatedIdentity identity, string? email, FederatedUser? existingUser, FederatedUser user, ChangeSet userChange,
        bool directorySync, CancellationToken cancellationToken)
    {
        var change = userChange;
        var planResult = await PlanAsync(policy, identity, email, existingUser, directorySync, cancellationToken).ConfigureAwait(false);
        if (planResult.IsFailure)
        {
            return planResult.Error;
        }

        var current = existingUser is null
            ? []
            : (await _memberships.ListByUserAsync(existingUser.Id, cancellationToken).ConfigureAwait(false)).ToDictionary(m => m.OrganizationId);
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
                change = WithUser(change, user, restamped);
                user = restamped;
            }
        }

        var revoked = await RevocationsAsync(policy, user, current.Values, memberships, cancellationToken).ConfigureAwait(false);
        change = change.Merge(revoked);
        if (directorySync && existingUser is not null && !revoked.RemovedMemberships.IsEmpty && user.SecurityStamp == existingUser.SecurityStamp)
        {
            // Directory sync took an organization away: sessions issued before end, as for any membership removed.
            var restamped = user with { SecurityStamp = Lifecycle.SecurityStamps.New() };
            change = WithUser(change, user, restamped);
            user = restamped;
        }

        return new MembershipPlan(user, change, memberships.ToImmutable(), joinedByInvitation);
    }

    private async Task<Result<List<MembershipTarget>>> PlanAsync(
        ProvisioningPolicy policy, FederatedIdentity identity, string? email, FederatedUser? existingUser, bool directorySync, CancellationToken cancellationToken)
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

            var (target, removed) = await TargetAsync(policy, identity, email, existingUser, directorySync, organization, grantedRole, isDesignatedAdmin, isTrustee: false, cancellationToken).ConfigureAwait(false);
            anyRemoved |= removed;
            refusedForInvitation |= target is null && !removed;
            if (target is not null)
            {
                targets.Add(target);
            }
        }

        if (targets.Count == 0 && !policy.AdvancedGroupMappings.IsEmpty && !refusedForInvitation && !anyRemoved && !directorySync)
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

            var (target, removed) = await TargetAsync(policy, identity, email, existingUser, directorySync, organization, null, isDesignatedAdmin: false, isTrustee: true, cancellationToken).ConfigureAwait(false);
            anyRemoved |= removed;
            refusedForInvitation |= target is null && !removed;
            if (target is not null)
            {
                targets.Add(target);
            }
        }

        if (targets.Count == 0 && directorySync)
        {
            return targets; // Directory sync: a user no rule admits simply has no membership yet.
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
        ProvisioningPolicy policy, FederatedIdentity identity, string? email, FederatedUser? existingUser, bool directorySync, Organization organization,
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
            if (directorySync)
            {
                return (null, removedByAdmin); // Directory sync uses no invitation: the user joins through it at sign-in.
            }

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

    /// <summary>The change with <paramref name="updated"/> written instead of <paramref name="user"/> (or as well, when the change did not write the user).</summary>
    private static ChangeSet WithUser(ChangeSet change, FederatedUser user, FederatedUser updated) =>
        change.UpdatedUsers.Contains(user)
            ? change with { UpdatedUsers = change.UpdatedUsers.Replace(user, updated) }
            : change.UpdateUser(updated);

    internal static ImmutableArray<string> ChangedFields(string currentEmail, string? currentGiven, string? currentFamily, string? email, FederatedIdentity identity)
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

    internal sealed record MembershipTarget(
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

/// <summary>What <see cref="DirectoryMembershipPlanner.ApplyAsync"/> planned.</summary>
internal sealed record MembershipPlan(
    FederatedUser User,
    ChangeSet Change,
    ImmutableArray<MembershipOutcome> Memberships,
    List<(OrganizationId Organization, SignInInvitation Invitation)> JoinedByInvitation);
