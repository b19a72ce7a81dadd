using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.DirectorySync.Groups;
using FederationKit.DirectorySync.Users;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;

namespace FederationKit.DirectorySync;

/// <summary>
/// Directory sync, the domain half of SCIM 2.0: a SCIM client authenticated by its directory's token creates, replaces,
/// deactivates and deletes directory users and groups. Every change is applied at once through the same membership planner
/// as just-in-time provisioning (group mappings, advanced organization mappings, admin groups, join mode, administrators'
/// removals), as one change set per user, and raises events whose actor is the SCIM token and whose audit owner is the
/// directory's owner. Speaks typed records only; the SCIM JSON lives in the protocol package.
/// </summary>
public sealed partial class DirectorySyncService
{
    private const int MaxAttributeLength = 256;

    private readonly IProvisioningPolicySource _policies;
    private readonly IFederatedUserStore _users;
    private readonly IDirectorySyncUserQuery _userQuery;
    private readonly IDirectoryGroupStore _groups;
    private readonly IMembershipStore _memberships;
    private readonly SignInRouter _router;
    private readonly DirectoryTrust.IDomainOwnerQuery? _domainOwners;
    private readonly ChangeSetCommitter _committer;
    private readonly StoreWriteCommitter _writes;
    private readonly OwnerAdministrators? _administrators;
    private readonly TimeProvider _time;
    private readonly DirectorySyncOptions _options;
    private readonly DirectoryMembershipPlanner _planner;

    /// <summary>Creates the service.</summary>
    /// <param name="policies">The directories' provisioning policies (owner, mappings, join mode).</param>
    /// <param name="users">The federated user store.</param>
    /// <param name="userQuery">Lookups of directory users by external id, user name and email.</param>
    /// <param name="groups">The directory groups and their member rows.</param>
    /// <param name="memberships">The membership rows.</param>
    /// <param name="organizations">The organization store.</param>
    /// <param name="trustees">Directory trust (trustee organizations).</param>
    /// <param name="invitations">The invitation store (read by the planner).</param>
    /// <param name="router">The routing index: the email domain gate.</param>
    /// <param name="committer">Commits each change set and publishes its events.</param>
    /// <param name="time">The clock.</param>
    /// <param name="signInOptions">Sign-in settings (username attempts).</param>
    /// <param name="options">Directory sync settings.</param>
    /// <param name="domainOwners">Who verified each domain, checked besides the routing index; null relies on the index alone.</param>
    /// <param name="writes">Keeps each group write and its events together (one database transaction with the EF Core stores and the outbox); null publishes the events after the write.</param>
    /// <param name="administrators">Says who administers a directory's owner, for the administrators' reads (a console page); null refuses them.</param>
    public DirectorySyncService(
        IProvisioningPolicySource policies,
        IFederatedUserStore users,
        IDirectorySyncUserQuery userQuery,
        IDirectoryGroupStore groups,
        IMembershipStore memberships,
        IOrganizationStore organizations,
        IDirectoryTrusteeQuery trustees,
        ISignInInvitationStore invitations,
        SignInRouter router,
        ChangeSetCommitter committer,
        TimeProvider time,
        SignInOptions signInOptions,
        DirectorySyncOptions options,
        DirectoryTrust.IDomainOwnerQuery? domainOwners = null,
        IStoreWriteTransactions? writes = null,
        OwnerAdministrators? administrators = null)
    {
        _policies = policies ?? throw new ArgumentNullException(nameof(policies));
        _users = users ?? throw new ArgumentNullException(nameof(users));
        _userQuery = userQuery ?? throw new ArgumentNullException(nameof(userQuery));
        _groups = groups ?? throw new ArgumentNullException(nameof(groups));
        _memberships = memberships ?? throw new ArgumentNullException(nameof(memberships));
        ArgumentNullException.ThrowIfNull(organizations);
        ArgumentNullException.ThrowIfNull(trustees);
        ArgumentNullException.ThrowIfNull(invitations);
        _router = router ?? throw new ArgumentNullException(nameof(router));
        _committer = committer ?? throw new ArgumentNullException(nameof(committer));
        _writes = new StoreWriteCommitter(writes, committer.Events);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        ArgumentNullException.ThrowIfNull(signInOptions);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _domainOwners = domainOwners;
        _administrators = administrators;
        _planner = new DirectoryMembershipPlanner(trustees, organizations, memberships, invitations, time, signInOptions);
    }

    private async Task<Result<ProvisioningPolicy>> PolicyAsync(DirectorySyncCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        // Provisioning may start before SSO: a federated directory whose profile is not active yet still has users created
        // (they cannot sign in until a profile is active; the domain gate and the token's directory still apply).
        var policy = await _policies.FindForDirectorySyncAsync(caller.DirectoryId, cancellationToken).ConfigureAwait(false);
        return policy is null
            ? new FederationError(DirectorySyncErrorCodes.DirectoryNotConfigured, $"The directory '{caller.DirectoryId}' has no provisioning policy (it is not a federated directory, or it is being deleted).")
                .WithDetail("directory", caller.DirectoryId.ToString())
            : policy;
    }

    /// <summary>
    /// The change that brings <paramref name="user"/>'s memberships in line with its directory groups, after
    /// <paramref name="userChange"/> (which writes the user).
    /// </summary>
    private async Task<Result<ChangeSet>> PlanMembershipsAsync(
        ProvisioningPolicy policy, FederatedUser? existing, FederatedUser user, ChangeSet userChange, ImmutableArray<string> groupNames, CancellationToken cancellationToken)
    {
        var identity = new FederatedIdentity(IdentityProtocol.Saml, "scim", user.Subject, "scim", _time.GetUtcNow())
        {
            Email = user.Email.Length == 0 ? null : user.Email,
            EmailVerified = true,
            GivenName = user.GivenName,
            FamilyName = user.FamilyName,
            Groups = groupNames,
        };
        var planned = await _planner.ApplyAsync(policy, identity, identity.Email, existing, user, userChange, directorySync: true, cancellationToken).ConfigureAwait(false);
        return planned.IsSuccess ? planned.Value.Change : planned.Error;
    }

    private async Task<ImmutableArray<string>> GroupNamesAsync(UserId userId, CancellationToken cancellationToken) =>
        [.. (await _groups.ListByMemberAsync(userId, cancellationToken).ConfigureAwait(false)).Select(g => g.DisplayName)];

    /// <summary>Every event of the change names the token as its actor and, unless its facts name one, the directory's owner as its audit owner.</summary>
    private static ChangeSet Attribute(ChangeSet change, DirectorySyncCaller caller, OwnerRef owner)
    {
        var actor = EventActor.ScimToken(caller.TokenId);
        return change with { Events = [.. change.Events.Select(e => e with { Actor = actor, OwnedBy = e.OwnedBy ?? owner })] };
    }

    /// <summary>Runs a group write with the events it makes of its result, attributed as <see cref="Attribute"/> does, kept together.</summary>
    private Task<Result<T>> WriteAsync<T>(
        Func<CancellationToken, Task<Result<T>>> write, Func<T, IReadOnlyList<FederationEvent>> events, DirectorySyncCaller caller, OwnerRef owner, CancellationToken cancellationToken) =>
        _writes.WriteAsync(write, value => events(value).Select(e => e with { OwnedBy = e.OwnedBy ?? owner }), EventActor.ScimToken(caller.TokenId), cancellationToken);

    private async Task<Result> CommitAsync(ChangeSet change, DirectorySyncCaller caller, OwnerRef owner, CancellationToken cancellationToken) =>
        await _committer.CommitAsync(Attribute(change, caller, owner), cancellationToken).ConfigureAwait(false);

    /// <summary>Plans <paramref name="user"/>'s memberships on top of <paramref name="userChange"/> and commits both as one change set.</summary>
    private async Task<Result<UserId>> PlanAndCommitAsync(
        DirectorySyncCaller caller, ProvisioningPolicy policy, FederatedUser? existing, FederatedUser user, ChangeSet userChange, ImmutableArray<string> groupNames, CancellationToken cancellationToken)
    {
        var planned = await PlanMembershipsAsync(policy, existing, user, userChange, groupNames, cancellationToken).ConfigureAwait(false);
        if (planned.IsFailure)
        {
            return planned.Error;
        }

        var committed = await CommitAsync(planned.Value, caller, policy.Owner, cancellationToken).ConfigureAwait(false);
        return committed.IsSuccess ? user.Id : Result<UserId>.Failure(committed.Error);
    }

    /// <summary>Re-plans one user's memberships from its current groups and commits them, with bounded retries.</summary>
    /// <param name="caller">The SCIM client.</param>
    /// <param name="policy">The directory's policy.</param>
    /// <param name="userId">The user.</param>
    /// <param name="without">A group to leave out as if the user had already left it (taking rights back before the group row is written).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    private async Task<Result> RecomputeAsync(DirectorySyncCaller caller, ProvisioningPolicy policy, UserId userId, DirectoryGroupId? without, CancellationToken cancellationToken)
    {
        var done = await BoundedRetry.RunAsync(_options.MaxConcurrencyRetries, async _ =>
        {
            var user = await _users.FindAsync(userId, cancellationToken).ConfigureAwait(false);
            if (user is null || user.DeletedAt is not null || user.DirectoryId != caller.DirectoryId)
            {
                return Result<bool>.Success(false);
            }

            var names = (await _groups.ListByMemberAsync(userId, cancellationToken).ConfigureAwait(false))
                .Where(g => g.Id != without).Select(g => g.DisplayName).ToImmutableArray();
            var change = await PlanMembershipsAsync(policy, user, user, ChangeSet.Empty, names, cancellationToken).ConfigureAwait(false);
            if (change.IsFailure)
            {
                return change.Error;
            }

            var committed = await CommitAsync(change.Value, caller, policy.Owner, cancellationToken).ConfigureAwait(false);
            return committed.IsSuccess ? Result<bool>.Success(true) : Result<bool>.Failure(committed.Error);
        }, BoundedRetry.IsConflict).ConfigureAwait(false);
        return done.IsSuccess ? Result.Success : Contended(done.Error);
    }

    private (int Offset, int Count) Page(int offset, int count) => (Math.Max(0, offset), Math.Clamp(count, 0, _options.MaxPageSize));

    private static FederationError Contended(FederationError error) =>
        BoundedRetry.IsConflict(error)
            ? new FederationError(DirectorySyncErrorCodes.Contended, "The record kept changing concurrently; retry.")
            : error;

    private static FederationError Invalid(string attribute, string message) =>
        new FederationError(DirectorySyncErrorCodes.InvalidValue, message).WithDetail("attribute", attribute);

    private static FederationError Conflict(string attribute, string value) =>
        new FederationError(DirectorySyncErrorCodes.Conflict, $"Another record of the directory already has {attribute} '{value}'.").WithDetail("attribute", attribute);

    private static FederationError VersionMismatch(long expected, long actual) =>
        new FederationError(DirectorySyncErrorCodes.VersionMismatch, $"The record is at version {actual}, not {expected}.").WithDetail("version", actual.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
