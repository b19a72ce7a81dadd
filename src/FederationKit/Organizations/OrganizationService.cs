using System.Collections.Immutable;
using FederationKit.Events;
using FederationKit.Stores;

namespace FederationKit.Organizations;

/// <summary>
/// Creates parent organizations and organizations, links and unlinks them, and manages members and roles.
/// Every change is written with optimistic concurrency (re-read and re-checked on a conflict) and raises an event after the write.
/// </summary>
public sealed class OrganizationService
{
    private const int MaxAttempts = 8;

    private readonly IOrganizationStore _organizations;
    private readonly IParentOrganizationStore _parents;
    private readonly IFederationEventSink _events;
    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    /// <param name="organizations">The organization store.</param>
    /// <param name="parents">The parent organization store.</param>
    /// <param name="events">Where events are published.</param>
    /// <param name="time">The clock.</param>
    public OrganizationService(IOrganizationStore organizations, IParentOrganizationStore parents, IFederationEventSink events, TimeProvider time)
    {
        _organizations = organizations ?? throw new ArgumentNullException(nameof(organizations));
        _parents = parents ?? throw new ArgumentNullException(nameof(parents));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Creates a parent organization whose first administrator (an owner) is <paramref name="creator"/>.</summary>
    /// <param name="name">The display name.</param>
    /// <param name="creator">The user creating it.</param>
    /// <param name="creatorEmail">The creator's email.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<ParentOrganization>> CreateParentOrganizationAsync(string name, UserId creator, string creatorEmail, CancellationToken cancellationToken = default)
    {
        var validName = OrganizationName.Normalize(name);
        if (validName is null)
        {
            return NameInvalid();
        }

        var email = MemberEmail.Normalize(creatorEmail);
        if (email is null)
        {
            return EmailInvalid();
        }

        var now = _time.GetUtcNow();
        var parent = new ParentOrganization
        {
            Id = ParentOrganizationId.New(),
            Name = validName,
            Administrators = [new OrganizationMember(creator, email, OrganizationRole.Owner)],
            CreatedAt = now,
        };
        var stored = await _parents.AddAsync(parent, cancellationToken).ConfigureAwait(false);
        if (stored.IsSuccess)
        {
            await _events.PublishAsync(new ParentOrganizationCreated(parent.Id, validName, creator, now), cancellationToken).ConfigureAwait(false);
        }

        return stored;
    }

    /// <summary>Creates an organization, not linked to any parent, whose first member (an owner) is <paramref name="creator"/>.</summary>
    /// <param name="name">The display name.</param>
    /// <param name="creator">The user creating it.</param>
    /// <param name="creatorEmail">The creator's email.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Organization>> CreateOrganizationAsync(string name, UserId creator, string creatorEmail, CancellationToken cancellationToken = default)
    {
        var validName = OrganizationName.Normalize(name);
        if (validName is null)
        {
            return NameInvalid();
        }

        var email = MemberEmail.Normalize(creatorEmail);
        if (email is null)
        {
            return EmailInvalid();
        }

        var now = _time.GetUtcNow();
        var organization = new Organization
        {
            Id = OrganizationId.New(),
            Name = validName,
            Members = [new OrganizationMember(creator, email, OrganizationRole.Owner)],
            CreatedAt = now,
        };
        var stored = await _organizations.AddAsync(organization, cancellationToken).ConfigureAwait(false);
        if (stored.IsSuccess)
        {
            await _events.PublishAsync(new OrganizationCreated(organization.Id, validName, creator, now), cancellationToken).ConfigureAwait(false);
        }

        return stored;
    }

    /// <summary>
    /// Links an organization to a parent organization directly. This is a host-level operation with no approval and no
    /// email check; organizations asking to join a parent should use <see cref="MergeProposals.MergeProposalService"/>.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="parentId">The parent organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Organization>> LinkToParentAsync(OrganizationId organizationId, ParentOrganizationId parentId, CancellationToken cancellationToken = default)
    {
        if (await _parents.FindAsync(parentId, cancellationToken).ConfigureAwait(false) is null)
        {
            return new FederationError(OrganizationErrorCodes.ParentNotFound, $"No parent organization '{parentId}' exists.");
        }

        var result = await ChangeAsync(organizationId, organization => organization.ParentId is { } current
            ? new FederationError(OrganizationErrorCodes.AlreadyLinked, $"The organization '{organizationId}' is already linked to the parent organization '{current}'; unlink it first.")
            : organization with { ParentId = parentId }, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            await _events.PublishAsync(new OrganizationLinked(organizationId, parentId, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Unlinks an organization from its parent organization (a host-level operation).</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Organization>> UnlinkFromParentAsync(OrganizationId organizationId, CancellationToken cancellationToken = default)
    {
        ParentOrganizationId? previous = null;
        var result = await ChangeAsync(organizationId, organization =>
        {
            previous = organization.ParentId;
            return organization.ParentId is null
                ? new FederationError(OrganizationErrorCodes.NotLinked, $"The organization '{organizationId}' is not linked to a parent organization.")
                : organization with { ParentId = null };
        }, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess && previous is { } parentId)
        {
            await _events.PublishAsync(new OrganizationUnlinked(organizationId, parentId, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Adds a member. The actor must be an administrator of the organization; only an owner may add an owner.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="actor">The administrator making the change.</param>
    /// <param name="userId">The new member.</param>
    /// <param name="email">The new member's email (stored in lower case).</param>
    /// <param name="role">The new member's role.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Organization>> AddMemberAsync(OrganizationId organizationId, UserId actor, UserId userId, string email, OrganizationRole role, CancellationToken cancellationToken = default)
    {
        var normalized = MemberEmail.Normalize(email);
        if (normalized is null)
        {
            return EmailInvalid();
        }

        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
        }

        var result = await ChangeAsync(organizationId, organization =>
        {
            if (Authorize(organization, actor, role == OrganizationRole.Owner) is { } refused)
            {
                return refused;
            }

            if (organization.FindMember(userId) is not null)
            {
                return new FederationError(OrganizationErrorCodes.MemberExists, $"The user '{userId}' is already a member of the organization '{organizationId}'.");
            }

            return organization with { Members = organization.Members.Add(new OrganizationMember(userId, normalized, role)) };
        }, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            await _events.PublishAsync(new OrganizationMemberAdded(organizationId, userId, role, actor, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Removes a member. The actor must be an administrator (an owner to remove an owner); a member may also remove themselves.
    /// The last owner cannot be removed.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="actor">The user making the change.</param>
    /// <param name="userId">The member to remove.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Organization>> RemoveMemberAsync(OrganizationId organizationId, UserId actor, UserId userId, CancellationToken cancellationToken = default)
    {
        var result = await ChangeAsync(organizationId, organization =>
        {
            var member = organization.FindMember(userId);
            if (actor != userId || member is null)
            {
                if (Authorize(organization, actor, member?.Role == OrganizationRole.Owner) is { } refused)
                {
                    return refused;
                }
            }

            if (member is null)
            {
                return MemberNotFound(organizationId, userId);
            }

            if (member.Role == OrganizationRole.Owner && CountOwners(organization.Members) == 1)
            {
                return LastOwner(organizationId);
            }

            return organization with { Members = organization.Members.Remove(member), BreakGlassUserIds = organization.BreakGlassUserIds.Remove(userId) };
        }, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            await _events.PublishAsync(new OrganizationMemberRemoved(organizationId, userId, actor, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Changes a member's role. The actor must be an administrator, and an owner when the owner role is granted or taken away.
    /// The last owner cannot be demoted.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="actor">The administrator making the change.</param>
    /// <param name="userId">The member.</param>
    /// <param name="role">The new role.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Organization>> ChangeRoleAsync(OrganizationId organizationId, UserId actor, UserId userId, OrganizationRole role, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role.");
        }

        var previous = role;
        var result = await ChangeAsync(organizationId, organization =>
        {
            var member = organization.FindMember(userId);
            var touchesOwner = role == OrganizationRole.Owner || member?.Role == OrganizationRole.Owner;
            if (Authorize(organization, actor, touchesOwner) is { } refused)
            {
                return refused;
            }

            if (member is null)
            {
                return MemberNotFound(organizationId, userId);
            }

            previous = member.Role;
            if (member.Role == OrganizationRole.Owner && role != OrganizationRole.Owner && CountOwners(organization.Members) == 1)
            {
                return LastOwner(organizationId);
            }

            // A role set by hand is the administrator's decision: sign-in no longer recomputes it from IdP admin groups.
            return member.Role == role && !member.RoleFromAdminMapping
                ? organization
                : organization with { Members = organization.Members.Replace(member, member with { Role = role, RoleFromAdminMapping = false }) };
        }, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess && previous != role)
        {
            await _events.PublishAsync(new OrganizationMemberRoleChanged(organizationId, userId, previous, role, actor, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Turns the organization's "only SSO" switch on or off and sets its break-glass accounts (replacing the previous list).
    /// While it is on, <see cref="SignIn.Routing.LocalLoginPolicy"/> refuses the product's own login to every member except
    /// the break-glass accounts. The actor must be an owner; every break-glass account must be a member.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="actor">The owner making the change.</param>
    /// <param name="onlySso">Whether only SSO is allowed.</param>
    /// <param name="breakGlassUserIds">The members who keep the product's own login (keep it short, e.g. one or two owners).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Organization>> SetOnlySsoAsync(OrganizationId organizationId, UserId actor, bool onlySso, IEnumerable<UserId> breakGlassUserIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(breakGlassUserIds);
        var breakGlass = breakGlassUserIds.ToImmutableHashSet();
        var changedAnything = false;
        var result = await ChangeAsync(organizationId, organization =>
        {
            if (Authorize(organization, actor, ownerRequired: true) is { } refused)
            {
                return refused;
            }

            if (breakGlass.Where(id => organization.FindMember(id) is null).Select(id => (UserId?)id).FirstOrDefault() is { } id)
            {
                return new FederationError(OrganizationErrorCodes.BreakGlassNotMember,
                        $"The user '{id}' is not a member of the organization '{organizationId}' and cannot be one of its break-glass accounts.")
                    .WithDetail("user", id.ToString());
            }

            changedAnything = organization.OnlySso != onlySso || !organization.BreakGlassUserIds.SetEquals(breakGlass);
            return changedAnything ? organization with { OnlySso = onlySso, BreakGlassUserIds = breakGlass } : organization;
        }, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess && changedAnything)
        {
            await _events.PublishAsync(
                new OrganizationOnlySsoChanged(organizationId, onlySso, [.. breakGlass.OrderBy(id => id.Value)], actor, _time.GetUtcNow()),
                cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<Result<Organization>> ChangeAsync(OrganizationId organizationId, Func<Organization, Result<Organization>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var organization = await _organizations.FindAsync(organizationId, cancellationToken).ConfigureAwait(false);
            if (organization is null)
            {
                return new FederationError(OrganizationErrorCodes.NotFound, $"No organization '{organizationId}' exists.");
            }

            var changed = change(organization);
            if (changed.IsFailure)
            {
                return changed;
            }

            if (ReferenceEquals(changed.Value, organization) || changed.Value == organization)
            {
                return organization;
            }

            var stored = await _organizations.UpdateAsync(changed.Value, cancellationToken).ConfigureAwait(false);
            if (stored.IsSuccess || stored.Error.Code != StoreErrorCodes.ConcurrencyConflict)
            {
                return stored;
            }
        }

        return new FederationError(OrganizationErrorCodes.Contended, $"The organization '{organizationId}' kept changing concurrently; retry.");
    }

    private static FederationError? Authorize(Organization organization, UserId actor, bool ownerRequired)
    {
        var member = organization.FindMember(actor);
        if (member is null || !member.IsAdministrator)
        {
            return new FederationError(OrganizationErrorCodes.NotAuthorized, $"The user '{actor}' is not an administrator of the organization '{organization.Id}'.");
        }

        if (ownerRequired && member.Role != OrganizationRole.Owner)
        {
            return new FederationError(OrganizationErrorCodes.OwnerRequired, "Only an owner may grant or take away the owner role or remove an owner.");
        }

        return null;
    }

    private static int CountOwners(ImmutableList<OrganizationMember> members) => members.Count(m => m.Role == OrganizationRole.Owner);

    private static FederationError NameInvalid() =>
        new(OrganizationErrorCodes.NameInvalid, $"The name must be 1 to {OrganizationName.MaxLength} characters without control characters.");

    private static FederationError EmailInvalid() =>
        new(OrganizationErrorCodes.EmailInvalid, "The email is not a valid address.");

    private static FederationError MemberNotFound(OrganizationId organizationId, UserId userId) =>
        new(OrganizationErrorCodes.MemberNotFound, $"The user '{userId}' is not a member of the organization '{organizationId}'.");

    private static FederationError LastOwner(OrganizationId organizationId) =>
        new(OrganizationErrorCodes.LastOwner, $"The organization '{organizationId}' must keep at least one owner; make another member an owner first.");
}
