using FederationKit.Directories;
using FederationKit.DirectoryTrust.Service;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;

namespace FederationKit.DirectoryTrust;

/// <summary>
/// Directory trust: an organization requests trustee access to the directory another owner linked a domain to; the owner
/// accepts (one, several or all) or rejects with a reason; the requester resends (rate-limited) or cancels while pending;
/// the owner revokes and the trustee withdraws, both removing from the trustee organization (only) every user reached through
/// the directory: those added by hand and those that JIT added at sign-in (Business-ID memberships of the directory).
/// Every operation takes the acting user: the trustee organization's administrators request, resend, cancel, withdraw and add
/// trustee users; the directory owner's administrators (see <see cref="OwnerAdministrators"/>) accept, reject and revoke.
/// Anyone else is refused with <see cref="TrustErrorCodes.NotAuthorized"/> before anything is read or changed, and every event
/// carries the acting user. Each operation's writes (an end of a trust with its users' removal, a trustee user's record with
/// their join) are kept with their events or not at all: one database transaction with the EF Core stores and the outbox.
/// </summary>
public sealed class DirectoryTrustService
{
    private const int MaximumDecisionAttempts = 10;

    // The one bound of retrying a request whose directory changed during the write.
    private const int MaxAttempts = 5;

    private readonly IDirectoryTrustStore _requests;
    private readonly IDirectoryStore _directories;
    private readonly IDomainLinkStore _links;
    private readonly IDomainOwnerQuery _domainOwners;
    private readonly IOrganizationStore _organizations;
    private readonly OwnerAdministrators _administrators;
    private readonly TrusteeMembers _members;
    private readonly TrustRequestLookup _lookup;
    private readonly TrusteeUserAdder _adder;
    private readonly TrustWrites _writes;
    private readonly TimeProvider _time;
    private readonly DirectoryTrustOptions _options;

    /// <summary>Creates the service.</summary>
    /// <param name="requests">The trust request store.</param>
    /// <param name="directories">The directory store.</param>
    /// <param name="links">The domain link store.</param>
    /// <param name="domainOwners">Answers who verified a domain.</param>
    /// <param name="organizations">The organization store.</param>
    /// <param name="memberships">The membership rows (trustee users become Business-ID members of the trustee organization).</param>
    /// <param name="users">The users (an explicit add clears an administrator's earlier removal from the trustee organization).</param>
    /// <param name="committer">Writes membership changes and publishes their events.</param>
    /// <param name="administrators">Decides who administers the trustee organization and the directory's owner.</param>
    /// <param name="events">Receives every change.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The trust settings.</param>
    /// <param name="writes">Keeps each write and its events together (one database transaction with the EF Core stores and the outbox); null publishes the events after the write.</param>
    public DirectoryTrustService(
        IDirectoryTrustStore requests,
        IDirectoryStore directories,
        IDomainLinkStore links,
        IDomainOwnerQuery domainOwners,
        IOrganizationStore organizations,
        IMembershipStore memberships,
        IFederatedUserStore users,
        ChangeSetCommitter committer,
        OwnerAdministrators administrators,
        IFederationEventSink events,
        TimeProvider time,
        DirectoryTrustOptions options,
        IStoreWriteTransactions? writes = null)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(directories);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(domainOwners);
        ArgumentNullException.ThrowIfNull(organizations);
        ArgumentNullException.ThrowIfNull(memberships);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(committer);
        ArgumentNullException.ThrowIfNull(administrators);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _requests = requests;
        _directories = directories;
        _links = links;
        _domainOwners = domainOwners;
        _organizations = organizations;
        _administrators = administrators;
        _members = new TrusteeMembers(organizations, memberships, users, committer, time, MaximumDecisionAttempts);
        _lookup = new TrustRequestLookup(requests);
        _writes = new TrustWrites(new StoreWriteCommitter(writes, events), time);
        _adder = new TrusteeUserAdder(requests, _lookup, links, domainOwners, memberships, _members, _writes, MaximumDecisionAttempts);
        _time = time;
        _options = options;
    }

    /// <summary>
    /// Requests trustee access, for <paramref name="trustee"/>, to the directory that <paramref name="domain"/> is linked to.
    /// The owner's admins learn of it through a <c>trust.requested</c> event carrying the requester's name, email and organization.
    /// </summary>
    /// <param name="trustee">The requesting organization.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="trustee"/>.</param>
    /// <param name="domain">A domain another owner holds.</param>
    /// <param name="requester">Who asks (shown to the owner's administrators).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<TrustRequest>> RequestAsync(OrganizationId trustee, UserId actor, string domain, TrustRequester requester, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requester);
        if (await RefuseTrusteeAsync(trustee, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var normalized = DomainNameText.Normalize(domain);
        if (normalized is null)
        {
            return new FederationError(DirectoryErrorCodes.DomainInvalid, "The domain is not a valid domain name.");
        }

        var organization = await _organizations.FindAsync(trustee, cancellationToken).ConfigureAwait(false);
        if (organization is null)
        {
            return new FederationError(TrustErrorCodes.OrganizationNotFound, "The requesting organization does not exist.");
        }

        var owner = await _domainOwners.FindOwnerAsync(normalized, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return new FederationError(TrustErrorCodes.DomainNotHeld, $"Nobody has verified '{normalized}'; claim and verify it instead.").WithDetail("domain", normalized);
        }

        if (owner.Value == organization.EffectiveOwner)
        {
            return new FederationError(TrustErrorCodes.OwnDomain, $"'{normalized}' belongs to your own organization; no trust is needed.").WithDetail("domain", normalized);
        }

        var link = await FindCoveringLinkAsync(normalized, owner.Value, cancellationToken).ConfigureAwait(false);
        if (link is null)
        {
            return new FederationError(TrustErrorCodes.DomainNotLinked, $"The owner of '{normalized}' has not linked it to a directory yet.").WithDetail("domain", normalized);
        }

        var now = _time.GetUtcNow();
        var added = await BoundedRetry.RunAsync(MaxAttempts, _ => _writes.WriteAsync(
            async ct =>
            {
                var stored = await _requests.AddAsync(TrustRequestTransitions.Request(link.DirectoryId, owner.Value, trustee, requester, normalized, now), ct).ConfigureAwait(false);
                if (stored.IsFailure)
                {
                    return stored;
                }

                // The directory may have been deleted meanwhile (its deletion checks for trustees after marking it): then withdraw
                // the request (a transaction rolls it back anyway; stores without one need the cancel). Holding it until the
                // write commits keeps a deletion that comes later from missing the request (see DirectoryHold).
                var held = await Directories.Service.DirectoryHold.HoldAsync(_directories, link.DirectoryId, ct).ConfigureAwait(false);
                if (held.IsFailure && BoundedRetry.IsConflict(held.Error))
                {
                    await _requests.UpdateAsync([TrustRequestTransitions.CancelForDeletedDirectory(stored.Value, now)], ct).ConfigureAwait(false);
                    return held.Error;
                }

                if (held.IsFailure)
                {
                    await _requests.UpdateAsync([TrustRequestTransitions.CancelForDeletedDirectory(stored.Value, now)], ct).ConfigureAwait(false);
                    return new FederationError(TrustErrorCodes.DomainNotLinked, $"The directory of '{normalized}' is being deleted.").WithDetail("domain", normalized);
                }

                return stored;
            },
            request => [_writes.Changed(DirectoryEventTypes.TrustRequested, request)],
            actor,
            cancellationToken), BoundedRetry.IsConflict).ConfigureAwait(false);
        return added.IsFailure && added.Error.Code == StoreErrorCodes.Duplicate
            ? new FederationError(TrustErrorCodes.AlreadyRequested, "The organization already has a pending or accepted request for this directory.")
            : added;
    }

    /// <summary>Sends a pending request again (refreshes it and re-notifies the owner); rate-limited.</summary>
    /// <param name="trustee">The requesting organization.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="trustee"/>.</param>
    /// <param name="id">The request.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<TrustRequest>> ResendAsync(OrganizationId trustee, UserId actor, TrustRequestId id, CancellationToken cancellationToken = default)
    {
        if (await RefuseTrusteeAsync(trustee, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var request = await FindForTrusteeAsync(trustee, id, cancellationToken).ConfigureAwait(false);
        if (request.IsFailure)
        {
            return request;
        }

        var resent = TrustRequestTransitions.Resend(request.Value, _time.GetUtcNow(), _options);
        return resent.IsFailure ? resent : await SaveAsync(resent.Value, DirectoryEventTypes.TrustResent, null, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Cancels a pending request (requester side).</summary>
    /// <param name="trustee">The requesting organization.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="trustee"/>.</param>
    /// <param name="id">The request.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<TrustRequest>> CancelAsync(OrganizationId trustee, UserId actor, TrustRequestId id, CancellationToken cancellationToken = default)
    {
        if (await RefuseTrusteeAsync(trustee, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var request = await FindForTrusteeAsync(trustee, id, cancellationToken).ConfigureAwait(false);
        if (request.IsFailure)
        {
            return request;
        }

        var cancelled = TrustRequestTransitions.Cancel(request.Value, _time.GetUtcNow());
        return cancelled.IsFailure ? cancelled : await SaveAsync(cancelled.Value, DirectoryEventTypes.TrustCancelled, null, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Lists the requests for a directory of the owner (requesters' names and emails included). Administrators of the owner
    /// only; a directory of another owner lists nothing.
    /// </summary>
    /// <param name="owner">The directory owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="directoryId">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The requests, or <see cref="TrustErrorCodes.NotAuthorized"/>.</returns>
    public async Task<Result<IReadOnlyList<TrustRequest>>> ListForDirectoryAsync(OwnerRef owner, UserId actor, DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        if (await RefuseOwnerAsync(owner, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var requests = await _requests.ListByDirectoryAsync(directoryId, cancellationToken).ConfigureAwait(false);
        return Result<IReadOnlyList<TrustRequest>>.Success([.. requests.Where(r => r.DirectoryOwner == owner)]);
    }

    /// <summary>
    /// Accepts one or several pending requests of the owner's directories, all or none: if one is not found, not the owner's or
    /// not pending, nothing is accepted and the error names it (detail <c>requestId</c>).
    /// </summary>
    /// <param name="owner">The directory owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="ids">The requests.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IReadOnlyList<TrustRequest>>> AcceptAsync(OwnerRef owner, UserId actor, IReadOnlyCollection<TrustRequestId> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (await RefuseOwnerAsync(owner, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (ids.Count == 0)
        {
            return new FederationError(TrustErrorCodes.NothingToAccept, "Name at least one request to accept.");
        }

        var now = _time.GetUtcNow();
        return await DecideManyAsync(owner, ids, r => TrustRequestTransitions.Accept(r, now), DirectoryEventTypes.TrustAccepted, null, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Accepts every pending request of a directory of the owner.</summary>
    /// <param name="owner">The directory owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="directoryId">The directory.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IReadOnlyList<TrustRequest>>> AcceptAllAsync(OwnerRef owner, UserId actor, DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        if (await RefuseOwnerAsync(owner, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var pending = (await _requests.ListByDirectoryAsync(directoryId, cancellationToken).ConfigureAwait(false))
            .Where(r => r.State == TrustRequestState.Pending && r.DirectoryOwner == owner).Select(r => r.Id).ToList();
        return await AcceptAsync(owner, actor, pending, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rejects a pending request with a reason the requester sees.</summary>
    /// <param name="owner">The directory owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="id">The request.</param>
    /// <param name="reason">Why; required.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<TrustRequest>> RejectAsync(OwnerRef owner, UserId actor, TrustRequestId id, string reason, CancellationToken cancellationToken = default)
    {
        if (await RefuseOwnerAsync(owner, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return new FederationError(TrustErrorCodes.ReasonRequired, "A rejection needs a reason.");
        }

        var request = await FindForOwnerAsync(owner, id, cancellationToken).ConfigureAwait(false);
        if (request.IsFailure)
        {
            return request;
        }

        var rejected = TrustRequestTransitions.Reject(request.Value, trimmed, _time.GetUtcNow());
        return rejected.IsFailure ? rejected : await SaveAsync(rejected.Value, DirectoryEventTypes.TrustRejected, trimmed, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Rejects one or several pending requests of the owner's directories with one reason, all or none (as
    /// <see cref="AcceptAsync"/>): if one is not found, not the owner's or not pending, nothing is rejected and the error names
    /// it (detail <c>requestId</c>). Each rejected request gets its own <c>trust.rejected</c> event carrying the reason.
    /// </summary>
    /// <param name="owner">The directory owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="ids">The requests.</param>
    /// <param name="reason">Why; required, the same for every request.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IReadOnlyList<TrustRequest>>> RejectManyAsync(OwnerRef owner, UserId actor, IReadOnlyCollection<TrustRequestId> ids, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (await RefuseOwnerAsync(owner, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return new FederationError(TrustErrorCodes.ReasonRequired, "A rejection needs a reason.");
        }

        if (ids.Count == 0)
        {
            return new FederationError(TrustErrorCodes.NothingToDecide, "Name at least one request to reject.");
        }

        var now = _time.GetUtcNow();
        return await DecideManyAsync(owner, ids, r => TrustRequestTransitions.Reject(r, trimmed, now), DirectoryEventTypes.TrustRejected, trimmed, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Revokes one or several accepted trusts of the owner's directories, all or none (as <see cref="AcceptAsync"/>): if one is
    /// not found, not the owner's or not accepted, nothing is revoked and the error names it (detail <c>requestId</c>). Then, for
    /// each revoked trust, its users leave the trustee organization exactly as with <see cref="RevokeAsync"/>.
    /// </summary>
    /// <param name="owner">The directory owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="ids">The trusts.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IReadOnlyList<TrustRequest>>> RevokeManyAsync(OwnerRef owner, UserId actor, IReadOnlyCollection<TrustRequestId> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (await RefuseOwnerAsync(owner, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (ids.Count == 0)
        {
            return new FederationError(TrustErrorCodes.NothingToDecide, "Name at least one trust to revoke.");
        }

        foreach (var id in ids.Distinct())
        {
            if (await _requests.FindAsync(id, cancellationToken).ConfigureAwait(false) is { State: TrustRequestState.Accepted } accepted && accepted.DirectoryOwner == owner
                && await _members.RefuseIfLastOwnerWouldLeaveAsync(accepted, cancellationToken).ConfigureAwait(false) is { } lastOwner)
            {
                return lastOwner.WithDetail("requestId", id.ToString());
            }
        }

        // The trusts end and their users leave in one write: a revoke is never kept without its removals.
        var now = _time.GetUtcNow();
        return await DecideManyAsync(
            owner,
            ids,
            r => TrustRequestTransitions.End(r, TrustRequestState.Revoked, now),
            DirectoryEventTypes.TrustRevoked,
            null,
            actor,
            cancellationToken,
            async (revoked, ct) =>
            {
                foreach (var request in revoked)
                {
                    await _members.RemoveReachedMembersAsync(request, actor, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
    }

    /// <summary>Revokes an accepted trust (owner side); the trustee users leave the trustee organization.</summary>
    /// <param name="owner">The directory owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="id">The trust.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<TrustRequest>> RevokeAsync(OwnerRef owner, UserId actor, TrustRequestId id, CancellationToken cancellationToken = default)
    {
        if (await RefuseOwnerAsync(owner, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return await EndAsync(() => FindForOwnerAsync(owner, id, cancellationToken), TrustRequestState.Revoked, DirectoryEventTypes.TrustRevoked, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Withdraws from an accepted trust (trustee side); the trustee users leave the trustee organization.</summary>
    /// <param name="trustee">The trustee organization.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="trustee"/>.</param>
    /// <param name="id">The trust.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<TrustRequest>> WithdrawAsync(OrganizationId trustee, UserId actor, TrustRequestId id, CancellationToken cancellationToken = default)
    {
        if (await RefuseTrusteeAsync(trustee, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return await EndAsync(() => FindForTrusteeAsync(trustee, id, cancellationToken), TrustRequestState.Withdrawn, DirectoryEventTypes.TrustWithdrawn, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The directories a trustee organization is trusted by, shown as active, with their domains. Administrators of the trustee only.</summary>
    /// <param name="trustee">The trustee organization.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="trustee"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The directories, or <see cref="TrustErrorCodes.NotAuthorized"/>.</returns>
    public async Task<Result<IReadOnlyList<TrustedDirectoryView>>> ListTrustedDirectoriesAsync(OrganizationId trustee, UserId actor, CancellationToken cancellationToken = default)
    {
        if (await RefuseTrusteeAsync(trustee, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var views = new List<TrustedDirectoryView>();
        foreach (var request in (await _requests.ListByTrusteeAsync(trustee, cancellationToken).ConfigureAwait(false)).Where(r => r.State == TrustRequestState.Accepted))
        {
            var directory = await _directories.FindAsync(request.DirectoryId, cancellationToken).ConfigureAwait(false);
            if (directory is null)
            {
                continue;
            }

            var domains = await _links.ListByDirectoryAsync(directory.Id, cancellationToken).ConfigureAwait(false);
            views.Add(new TrustedDirectoryView(request.Id, directory.Id, directory.Name, [.. domains.Select(d => d.Domain).Order(StringComparer.Ordinal)]));
        }

        return Result<IReadOnlyList<TrustedDirectoryView>>.Success(views);
    }

    /// <summary>
    /// Adds a user of the trusted directory to the trustee organization as a Business-ID member, with its own profile (email and
    /// role) there. The user still signs in through the owner's IdP. The email must be on a domain linked to the directory.
    /// </summary>
    /// <param name="trustee">The trustee organization.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="trustee"/>.</param>
    /// <param name="id">The accepted trust.</param>
    /// <param name="userId">The user.</param>
    /// <param name="email">The user's email (on a domain of the directory).</param>
    /// <param name="role">The user's role in the trustee organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<TrustRequest>> AddTrusteeUserAsync(OrganizationId trustee, UserId actor, TrustRequestId id, UserId userId, string email, OrganizationRole role = OrganizationRole.Member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (await RefuseTrusteeAsync(trustee, actor, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (MemberEmail.Canonicalize(email) is not { } canonicalEmail)
        {
            return new FederationError(OrganizationErrorCodes.EmailInvalid, "The email is not a plain address (one '@', no quotes, display name or comment).");
        }

        return await _adder.AddAsync(trustee, actor, id, userId, canonicalEmail, role, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Result<TrustRequest>> EndAsync(Func<Task<Result<TrustRequest>>> find, TrustRequestState state, string eventType, UserId actor, CancellationToken cancellationToken)
    {
        // Retried on a concurrency conflict (a user added meanwhile); a concurrent revoke or withdraw then reads as not accepted.
        // Each attempt is one write: the trust ends and its users leave together, or neither.
        return await BoundedRetry.RunAsync<TrustRequest>(MaximumDecisionAttempts, async _ =>
        {
            var found = await find().ConfigureAwait(false);
            if (found.IsFailure)
            {
                return found;
            }

            var changed = TrustRequestTransitions.End(found.Value, state, _time.GetUtcNow());
            if (changed.IsFailure)
            {
                return changed;
            }

            if (await _members.RefuseIfLastOwnerWouldLeaveAsync(found.Value, cancellationToken).ConfigureAwait(false) is { } lastOwner)
            {
                return lastOwner;
            }

            return await _writes.WriteAsync(
                async ct =>
                {
                    var saved = await _requests.UpdateAsync([changed.Value], ct).ConfigureAwait(false);
                    if (saved.IsFailure)
                    {
                        return Result<TrustRequest>.Failure(saved.Error);
                    }

                    await _members.RemoveReachedMembersAsync(saved.Value[0], actor, ct).ConfigureAwait(false);
                    return saved.Value[0];
                },
                ended => [_writes.Changed(eventType, ended)],
                actor,
                cancellationToken).ConfigureAwait(false);
        }, IsStoreConflict).ConfigureAwait(false);
    }

    // The owner's requests named by ids, each changed by decide (a transition that refuses a request in the wrong state) and
    // stored in one atomic step: all or none. The first one not found, not the owner's or refused fails the whole call, named
    // by the detail requestId. A concurrent change (a user added to a trust meanwhile) makes the step read again and decide on
    // the fresh state, a few times.
    // The decision and its events (one per request, with the reason given) are one write, with what then follows (a revoke's
    // removals) when given.
    private async Task<Result<IReadOnlyList<TrustRequest>>> DecideManyAsync(
        OwnerRef owner,
        IReadOnlyCollection<TrustRequestId> ids,
        Func<TrustRequest, Result<TrustRequest>> decide,
        string eventType,
        string? reason,
        UserId actor,
        CancellationToken cancellationToken,
        Func<IReadOnlyList<TrustRequest>, CancellationToken, Task>? then = null)
    {
        var decided = await BoundedRetry.RunAsync<IReadOnlyList<TrustRequest>>(MaximumDecisionAttempts, async _ =>
        {
            var changed = new List<TrustRequest>(ids.Count);
            foreach (var id in ids.Distinct())
            {
                var request = await FindForOwnerAsync(owner, id, cancellationToken).ConfigureAwait(false);
                var next = request.IsFailure ? request : decide(request.Value);
                if (next.IsFailure)
                {
                    return next.Error.WithDetail("requestId", id.ToString());
                }

                changed.Add(next.Value);
            }

            return await _writes.WriteAsync(
                async ct =>
                {
                    var saved = await _requests.UpdateAsync(changed, ct).ConfigureAwait(false);
                    if (saved.IsSuccess && then is not null)
                    {
                        await then(saved.Value, ct).ConfigureAwait(false);
                    }

                    return saved;
                },
                decided => decided.Select(r => (FederationEvent)_writes.Changed(eventType, r, reason)),
                actor,
                cancellationToken).ConfigureAwait(false);
        }, IsStoreConflict).ConfigureAwait(false);
        return decided.IsFailure && IsStoreConflict(decided.Error)
            ? StoreErrors.ConcurrencyConflict("trust request", string.Join(',', ids.Distinct()))
            : decided;
    }

    private async Task<DomainLink?> FindCoveringLinkAsync(string domain, OwnerRef owner, CancellationToken cancellationToken)
    {
        // The domain itself, else the closest linked parent (a verified domain covers its subdomains).
        for (var candidate = domain; candidate.Contains('.', StringComparison.Ordinal); candidate = candidate[(candidate.IndexOf('.', StringComparison.Ordinal) + 1)..])
        {
            var link = await _links.FindAsync(candidate, cancellationToken).ConfigureAwait(false);
            if (link is not null && link.Owner == owner)
            {
                return link;
            }
        }

        return null;
    }

    private Task<Result<TrustRequest>> SaveAsync(TrustRequest changed, string eventType, string? reason, UserId actor, CancellationToken cancellationToken) =>
        _writes.WriteAsync(
            async ct =>
            {
                var saved = await _requests.UpdateAsync([changed], ct).ConfigureAwait(false);
                return saved.IsFailure ? Result<TrustRequest>.Failure(saved.Error) : saved.Value[0];
            },
            saved => [_writes.Changed(eventType, saved, reason)],
            actor,
            cancellationToken);

    // The trustee side: an administrator or owner of the requesting organization. Checked before anything is read.
    private Task<FederationError?> RefuseTrusteeAsync(OrganizationId trustee, UserId actor, CancellationToken cancellationToken) =>
        _administrators.RefuseUnlessAdministratorAsync(actor, OwnerRef.Organization(trustee), TrustErrorCodes.NotAuthorized, cancellationToken);

    // The owner side: an administrator or owner of the directory's owner (organization or parent). Checked before anything is read.
    private Task<FederationError?> RefuseOwnerAsync(OwnerRef owner, UserId actor, CancellationToken cancellationToken) =>
        _administrators.RefuseUnlessAdministratorAsync(actor, owner, TrustErrorCodes.NotAuthorized, cancellationToken);

    private Task<Result<TrustRequest>> FindForTrusteeAsync(OrganizationId trustee, TrustRequestId id, CancellationToken cancellationToken) =>
        _lookup.FindForTrusteeAsync(trustee, id, cancellationToken);

    private Task<Result<TrustRequest>> FindForOwnerAsync(OwnerRef owner, TrustRequestId id, CancellationToken cancellationToken) =>
        _lookup.FindForOwnerAsync(owner, id, cancellationToken);

    private static bool IsStoreConflict(FederationError error) => error.Code == StoreErrorCodes.ConcurrencyConflict;
}
