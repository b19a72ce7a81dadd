using System.Collections.Immutable;
using FederationKit.DirectoryTrust;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.Stores;

namespace FederationKit.Directories;

/// <summary>
/// Creates and deletes directories, links verified domains to them and moves domains between them.
/// Every refusal is a <see cref="FederationError"/> with a <see cref="DirectoryErrorCodes"/> code; every change raises an event
/// whose actor is the acting user. Every operation takes the acting user right after the directory (or owner) it acts on and
/// refuses with <see cref="DirectoryErrorCodes.NotAuthorized"/> unless <see cref="OwnerAdministrators"/> says the user
/// administers the directory's owner; that check comes before any other that would tell something about the directory. An
/// unknown directory is <see cref="DirectoryErrorCodes.NotFound"/> for everyone.
/// </summary>
public sealed class DirectoryService
{
    /// <summary>The name of the default Business directory every owner has.</summary>
    public const string DefaultBusinessDirectoryName = "Business";

    private const int MaximumNameLength = 100;

    // The one bound of every optimistic-concurrency retry of this service.
    private const int MaxAttempts = 10;

    private readonly IDirectoryStore _directories;
    private readonly IIdpProfileStore _profiles;
    private readonly IDomainLinkStore _links;
    private readonly IDirectoryTrustStore _trust;
    private readonly IVerifiedDomainQuery _verifiedDomains;
    private readonly ISecretStore _secrets;
    private readonly IFederationEventSink _events;
    private readonly TimeProvider _time;
    private readonly IDirectoryMemberMover? _members;
    private readonly IReadOnlyList<IDirectoryDeletionCleanup> _cleanups;
    private readonly IDomainOwnerQuery? _domainOwners;
    private readonly IDirectoryUserCount _userCount;
    private readonly OwnerAdministrators _administrators;

    /// <summary>Creates the service.</summary>
    /// <param name="directories">The directory store.</param>
    /// <param name="profiles">The IdP profile store.</param>
    /// <param name="links">The domain link store.</param>
    /// <param name="trust">The trust request store (a directory with trustees cannot be deleted).</param>
    /// <param name="verifiedDomains">Answers whether the owner verified a domain.</param>
    /// <param name="secrets">Holds the secrets of the profiles (deleted with a directory).</param>
    /// <param name="events">Receives every change.</param>
    /// <param name="time">The clock.</param>
    /// <param name="userCount">Counts the directory's users by a query for the deletion rule (AddFederationKit registers one over the user store).</param>
    /// <param name="administrators">Says who administers an owner; every operation asks it first.</param>
    /// <param name="members">Moves members with their domains; null moves domains only (AddFederationKit registers one).</param>
    /// <param name="cleanups">Remove other packages' data of a deleted directory (AddFederationKit registers the sign-in settings one).</param>
    /// <param name="domainOwners">
    /// Names the owner of the most specific verified claim covering a domain, so a refusal to link another owner's subdomain says
    /// <see cref="DirectoryErrorCodes.DomainOwnedByOther"/> (AddFederationKit registers one); without it the refusal says
    /// <see cref="DirectoryErrorCodes.DomainNotVerified"/>.
    /// </param>
    /// <param name="routes">Told of every change that affects sign-in routing, so cached routes are dropped at once (AddFederationKit passes the router).</param>
    public DirectoryService(
        IDirectoryStore directories,
        IIdpProfileStore profiles,
        IDomainLinkStore links,
        IDirectoryTrustStore trust,
        IVerifiedDomainQuery verifiedDomains,
        ISecretStore secrets,
        IFederationEventSink events,
        TimeProvider time,
        IDirectoryUserCount userCount,
        OwnerAdministrators administrators,
        IDirectoryMemberMover? members = null,
        IEnumerable<IDirectoryDeletionCleanup>? cleanups = null,
        IDomainOwnerQuery? domainOwners = null,
        FederationKit.SignIn.Routing.ISignInRouteInvalidation? routes = null)
    {
        ArgumentNullException.ThrowIfNull(userCount);
        ArgumentNullException.ThrowIfNull(administrators);
        _userCount = userCount;
        _administrators = administrators;
        ArgumentNullException.ThrowIfNull(directories);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(verifiedDomains);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(time);
        _directories = directories;
        _profiles = profiles;
        _links = links;
        _trust = trust;
        _verifiedDomains = verifiedDomains;
        _secrets = secrets;
        _events = FederationKit.SignIn.Wiring.RouteInvalidationOnEvents.Wrap(events, routes);
        _time = time;
        _members = members;
        _cleanups = [.. cleanups ?? []];
        _domainOwners = domainOwners;
    }

    /// <summary>Returns the owner's default Business directory, creating it on first use.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IdentityDirectory>> EnsureBusinessDirectoryAsync(OwnerRef owner, UserId actor, CancellationToken cancellationToken = default) =>
        await RefuseAsync(actor, owner, cancellationToken).ConfigureAwait(false) is { } refused
            ? refused
            : await EnsureBusinessDirectoryCoreAsync(owner, actor, cancellationToken).ConfigureAwait(false);

    private async Task<Result<IdentityDirectory>> EnsureBusinessDirectoryCoreAsync(OwnerRef owner, UserId actor, CancellationToken cancellationToken)
    {
        // Two first uses may race to add the default directory: the loser reads the winner's on its next attempt.
        var ensured = await BoundedRetry.RunAsync(
            3,
            async _ =>
            {
                var existing = (await _directories.ListByOwnerAsync(owner, cancellationToken).ConfigureAwait(false)).FirstOrDefault(d => d.IsDefault);
                if (existing is not null)
                {
                    return existing;
                }

                var added = await _directories.AddAsync(
                    new IdentityDirectory
                    {
                        Id = DirectoryId.New(),
                        Owner = owner,
                        Name = DefaultBusinessDirectoryName,
                        IdentityType = DirectoryIdentityType.Business,
                        IsDefault = true,
                        CreatedAt = _time.GetUtcNow(),
                    },
                    cancellationToken).ConfigureAwait(false);
                if (added.IsSuccess)
                {
                    await PublishDirectoryAsync(DirectoryEventTypes.DirectoryCreated, added.Value, actor, cancellationToken).ConfigureAwait(false);
                }

                return added;
            },
            _ => true).ConfigureAwait(false);
        return ensured.IsSuccess
            ? ensured
            : new FederationError(DirectoryErrorCodes.NameTaken, $"The owner has a directory named '{DefaultBusinessDirectoryName}' that is not its default Business directory.");
    }

    /// <summary>
    /// Lists the owner's directories, the default Business directory included (created on first use). Administrators only:
    /// directory names and settings are the owner's configuration.
    /// </summary>
    /// <param name="owner">The owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IReadOnlyList<IdentityDirectory>>> ListDirectoriesAsync(OwnerRef owner, UserId actor, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(actor, owner, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        await EnsureBusinessDirectoryCoreAsync(owner, actor, cancellationToken).ConfigureAwait(false);
        return Result<IReadOnlyList<IdentityDirectory>>.Success(await _directories.ListByOwnerAsync(owner, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Finds a directory. Administrators of its owner only.</summary>
    /// <param name="id">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IdentityDirectory>> GetDirectoryAsync(DirectoryId id, UserId actor, CancellationToken cancellationToken = default) =>
        await FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);

    /// <summary>Creates an Enterprise or Federated directory (the Business directory exists by default).</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="name">The name, unique per owner.</param>
    /// <param name="identityType">Enterprise or Federated.</param>
    /// <param name="encrypted">Whether the directory uses a dedicated encryption key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IdentityDirectory>> CreateDirectoryAsync(OwnerRef owner, UserId actor, string name, DirectoryIdentityType identityType, bool encrypted = false, CancellationToken cancellationToken = default)
    {
        if (await RefuseAsync(actor, owner, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var trimmed = name?.Trim() ?? string.Empty;
        if (InvalidName(trimmed) is { } invalid)
        {
            return invalid;
        }

        if (identityType is not (DirectoryIdentityType.Enterprise or DirectoryIdentityType.Federated or DirectoryIdentityType.Business))
        {
            throw new ArgumentOutOfRangeException(nameof(identityType));
        }

        var business = await EnsureBusinessDirectoryCoreAsync(owner, actor, cancellationToken).ConfigureAwait(false);
        if (identityType == DirectoryIdentityType.Business && business.IsSuccess)
        {
            return new FederationError(DirectoryErrorCodes.BusinessDirectoryExists, "Every owner has one Business directory by default; it cannot be created again.");
        }

        var added = await _directories.AddAsync(
            new IdentityDirectory
            {
                Id = DirectoryId.New(),
                Owner = owner,
                Name = trimmed,
                IdentityType = identityType,
                IsEncrypted = encrypted,
                CreatedAt = _time.GetUtcNow(),
            },
            cancellationToken).ConfigureAwait(false);
        if (added.IsFailure)
        {
            return added.Error.Code == StoreErrorCodes.Duplicate
                ? new FederationError(DirectoryErrorCodes.NameTaken, $"The owner already has a directory named '{trimmed}'.").WithDetail("name", trimmed)
                : added.Error;
        }

        await PublishDirectoryAsync(DirectoryEventTypes.DirectoryCreated, added.Value, actor, cancellationToken).ConfigureAwait(false);
        return added;
    }

    /// <summary>
    /// Renames a directory (the default Business directory too). The name is checked as at creation and stays unique per owner,
    /// compared case-insensitively (<see cref="DirectoryErrorCodes.NameTaken"/>); a change of case only is allowed. The stored
    /// directory is changed only if it was not changed since it was read (a concurrent change makes the rename read it again).
    /// Raises <see cref="DirectoryRenamed"/> with the old and the new name; renaming to the current name changes nothing and
    /// raises nothing.
    /// </summary>
    /// <param name="id">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="newName">The new name (trimmed; 1 to 100 characters).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IdentityDirectory>> RenameDirectoryAsync(DirectoryId id, UserId actor, string newName, CancellationToken cancellationToken = default)
    {
        var trimmed = newName?.Trim() ?? string.Empty;
        if (await FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false) is { IsFailure: true } refused)
        {
            return refused;
        }

        if (InvalidName(trimmed) is { } invalid)
        {
            return invalid;
        }

        var renamed = await BoundedRetry.RunAsync(
            MaxAttempts,
            async _ =>
            {
                var directory = await _directories.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (directory is null)
                {
                    return DirectoryNotFound(id);
                }

                if (directory.IsBeingDeleted)
                {
                    return BeingDeleted(id);
                }

                if (string.Equals(directory.Name, trimmed, StringComparison.Ordinal))
                {
                    return directory;
                }

                var updated = await _directories.UpdateAsync(directory with { Name = trimmed }, cancellationToken).ConfigureAwait(false);
                if (updated.IsSuccess)
                {
                    await _events.PublishAsync(new DirectoryRenamed(_time.GetUtcNow(), directory.Owner, id, directory.Name, trimmed) { Actor = EventActor.User(actor) }, cancellationToken).ConfigureAwait(false);
                }

                return updated;
            },
            error => error.Code == StoreErrorCodes.ConcurrencyConflict).ConfigureAwait(false);
        return renamed.IsFailure && renamed.Error.Code == StoreErrorCodes.Duplicate
            ? new FederationError(DirectoryErrorCodes.NameTaken, $"The owner already has a directory named '{trimmed}'.").WithDetail("name", trimmed)
            : renamed;
    }

    /// <summary>Marks a directory encrypted (it then uses a dedicated key; domains cannot move into or out of it). One way.</summary>
    /// <param name="id">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IdentityDirectory>> MarkEncryptedAsync(DirectoryId id, UserId actor, CancellationToken cancellationToken = default)
    {
        var found = await FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found;
        }

        var directory = found.Value;
        if (directory.IsEncrypted)
        {
            return new FederationError(DirectoryErrorCodes.AlreadyEncrypted, "The directory is already encrypted.");
        }

        var updated = await _directories.UpdateAsync(directory with { IsEncrypted = true }, cancellationToken).ConfigureAwait(false);
        if (updated.IsSuccess)
        {
            await PublishDirectoryAsync(DirectoryEventTypes.DirectoryEncrypted, updated.Value, actor, cancellationToken).ConfigureAwait(false);
        }

        return updated;
    }

    /// <summary>Deletes a directory that has no users, no linked domains and no trustees, with its IdP profiles.</summary>
    /// <param name="id">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result> DeleteDirectoryAsync(DirectoryId id, UserId actor, CancellationToken cancellationToken = default)
    {
        var found = await FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var directory = found.Value;
        if (directory.IsDefault)
        {
            return new FederationError(DirectoryErrorCodes.DefaultDirectory, "The default Business directory cannot be deleted.");
        }

        // Counted by a query: the count goes down when users are deleted or moved.
        var users = await _userCount.CountUsersAsync(id, cancellationToken).ConfigureAwait(false);
        if (users > 0)
        {
            return new FederationError(DirectoryErrorCodes.HasUsers, $"The directory has {users} users; remove them first.")
                .WithDetail("users", users.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!directory.IsBeingDeleted)
        {
            var marked = await _directories.UpdateAsync(directory with { IsBeingDeleted = true }, cancellationToken).ConfigureAwait(false);
            if (marked.IsFailure)
            {
                return marked.Error;
            }

            directory = marked.Value;
        }

        var links = await _links.ListByDirectoryAsync(id, cancellationToken).ConfigureAwait(false);
        if (links.Count > 0)
        {
            await UnmarkDeletionAsync(id, cancellationToken).ConfigureAwait(false);
            return new FederationError(DirectoryErrorCodes.HasDomains, "The directory has linked domains; unlink or move them first.")
                .WithDetail("domains", string.Join(',', links.Select(l => l.Domain).Order(StringComparer.Ordinal)));
        }

        var trustees = (await _trust.ListByDirectoryAsync(id, cancellationToken).ConfigureAwait(false)).Where(r => r.IsOpen).ToList();
        if (trustees.Count > 0)
        {
            await UnmarkDeletionAsync(id, cancellationToken).ConfigureAwait(false);
            return new FederationError(DirectoryErrorCodes.HasTrustees, "The directory has pending or accepted trustees; reject or revoke them first.");
        }

        var deleted = await _directories.DeleteAsync(id, directory.Version, cancellationToken).ConfigureAwait(false);
        if (deleted.IsFailure)
        {
            await UnmarkDeletionAsync(id, cancellationToken).ConfigureAwait(false);
            return deleted;
        }

        foreach (var profile in await _profiles.ListByDirectoryAsync(id, cancellationToken).ConfigureAwait(false))
        {
            await _profiles.DeleteAsync(profile.Id, profile.Version, cancellationToken).ConfigureAwait(false);
            if (profile.Oidc?.ClientSecretReference is { } secret)
            {
                await _secrets.DeleteAsync(secret, cancellationToken).ConfigureAwait(false);
            }

            if (profile.Oidc?.PrivateKeyReference is { } key)
            {
                await _secrets.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var cleanup in _cleanups)
        {
            await cleanup.CleanUpAsync(id, cancellationToken).ConfigureAwait(false);
        }

        await PublishDirectoryAsync(DirectoryEventTypes.DirectoryDeleted, directory, actor, cancellationToken).ConfigureAwait(false);
        return Result.Success;
    }

    /// <summary>Lists the domains linked to a directory. Administrators of its owner only.</summary>
    /// <param name="id">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IReadOnlyList<DomainLink>>> ListDomainsAsync(DirectoryId id, UserId actor, CancellationToken cancellationToken = default)
    {
        var found = await FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        return found.IsFailure
            ? found.Error
            : Result<IReadOnlyList<DomainLink>>.Success(await _links.ListByDirectoryAsync(id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Finds the directory a domain is linked to, if any. Not restricted: which directory (and so which IdP) a domain signs in
    /// through is what email-first sign-in routing tells anyone who types an address on it.
    /// </summary>
    /// <param name="domain">The domain.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<DomainLink?> FindLinkAsync(string domain, CancellationToken cancellationToken = default) =>
        DomainNameText.Normalize(domain) is { } normalized ? await _links.FindAsync(normalized, cancellationToken).ConfigureAwait(false) : null;

    /// <summary>Links a domain the owner has verified to one of its directories.</summary>
    /// <param name="id">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<DomainLink>> LinkDomainAsync(DirectoryId id, UserId actor, string domain, CancellationToken cancellationToken = default)
    {
        var found = await FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var normalized = DomainNameText.Normalize(domain);
        if (normalized is null)
        {
            return new FederationError(DirectoryErrorCodes.DomainInvalid, "The domain is not a valid domain name.");
        }

        var directory = found.Value;
        if (directory.IsBeingDeleted)
        {
            return BeingDeleted(id);
        }

        // Only the owner of the most specific verified claim may link a domain: a verified parent does not give its owner a
        // subdomain that another owner verified (or whose nearer parent another owner verified).
        var holder = _domainOwners is null ? null : await _domainOwners.FindOwnerAsync(normalized, cancellationToken).ConfigureAwait(false);
        var covered = await _verifiedDomains.IsCoveredAsync(directory.Owner, normalized, cancellationToken).ConfigureAwait(false);
        if (holder is { } other && other != directory.Owner && (covered || await CoversAParentAsync(directory.Owner, normalized, cancellationToken).ConfigureAwait(false)))
        {
            return new FederationError(DirectoryErrorCodes.DomainOwnedByOther, $"Another owner has verified '{normalized}' or a nearer parent of it; only that owner can link it.")
                .WithDetail("domain", normalized);
        }

        if (!covered)
        {
            return new FederationError(DirectoryErrorCodes.DomainNotVerified, $"The owner has not verified '{normalized}'; only verified domains can be linked.")
                .WithDetail("domain", normalized);
        }

        var added = await _links.AddAsync(
            new DomainLink { Domain = normalized, Owner = directory.Owner, DirectoryId = id, LinkedAt = _time.GetUtcNow() },
            cancellationToken).ConfigureAwait(false);
        if (added.IsFailure && added.Error.Code == StoreErrorCodes.Duplicate && holder == directory.Owner
            && await RemoveOutrankedLinkAsync(normalized, directory.Owner, actor, cancellationToken).ConfigureAwait(false))
        {
            added = await _links.AddAsync(
                new DomainLink { Domain = normalized, Owner = directory.Owner, DirectoryId = id, LinkedAt = _time.GetUtcNow() },
                cancellationToken).ConfigureAwait(false);
        }

        if (added.IsFailure)
        {
            if (added.Error.Code != StoreErrorCodes.Duplicate)
            {
                return added.Error;
            }

            var existing = await _links.FindAsync(normalized, cancellationToken).ConfigureAwait(false);
            var error = new FederationError(DirectoryErrorCodes.DomainAlreadyLinked, $"'{normalized}' is already linked to a directory; move it instead.")
                .WithDetail("domain", normalized);
            return existing is not null && existing.Owner == directory.Owner ? error.WithDetail("directoryId", existing.DirectoryId.ToString()) : error;
        }

        // The directory may have been deleted between the check and the link: then take the link back.
        if (await _directories.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { IsBeingDeleted: false })
        {
            await _links.DeleteAsync(normalized, added.Value.Version, cancellationToken).ConfigureAwait(false);
            return BeingDeleted(id);
        }

        await _events.PublishAsync(new DomainLinkChanged(DirectoryEventTypes.DomainLinked, _time.GetUtcNow(), directory.Owner, id, normalized) { Actor = EventActor.User(actor) }, cancellationToken).ConfigureAwait(false);
        return added;
    }

    /// <summary>Unlinks a domain from a directory.</summary>
    /// <param name="id">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result> UnlinkDomainAsync(DirectoryId id, UserId actor, string domain, CancellationToken cancellationToken = default)
    {
        if (await FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false) is { IsFailure: true } refused)
        {
            return refused.Error;
        }

        var normalized = DomainNameText.Normalize(domain);
        if (normalized is null)
        {
            return new FederationError(DirectoryErrorCodes.DomainInvalid, "The domain is not a valid domain name.");
        }

        var link = await _links.FindAsync(normalized, cancellationToken).ConfigureAwait(false);
        if (link is null || link.DirectoryId != id)
        {
            return new FederationError(DirectoryErrorCodes.DomainNotLinked, $"'{normalized}' is not linked to this directory.").WithDetail("domain", normalized);
        }

        var deleted = await _links.DeleteAsync(normalized, link.Version, cancellationToken).ConfigureAwait(false);
        if (deleted.IsSuccess)
        {
            await _events.PublishAsync(new DomainLinkChanged(DirectoryEventTypes.DomainUnlinked, _time.GetUtcNow(), link.Owner, id, normalized) { Actor = EventActor.User(actor) }, cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <summary>
    /// Moves domains from one directory to another of the same owner in one step: all move or none. The members whose email is on
    /// a moved domain move with it (with <see cref="IDirectoryMemberMover"/>, registered by <c>AddFederationKit</c>) and keep their
    /// user ID, organizations and groups. Refused into or out of an encrypted directory, or when a member's subject is taken in
    /// the target.
    /// </summary>
    /// <param name="source">The directory the domains are linked to.</param>
    /// <param name="target">The directory they move to.</param>
    /// <param name="actor">The acting user: an administrator or owner of both directories' owner.</param>
    /// <param name="domains">The domains (one or several).</param>
    /// <param name="notifyAdmins">
    /// Whether the owner's admins are to be told of the move; carried on <see cref="DomainsMoved.NotifyAdmins"/> for the host's
    /// notifier (the event is raised either way, for audit). Default true: a move changes which IdP signs in the users of those
    /// domains, so it is announced unless the caller decides otherwise.
    /// </param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IReadOnlyList<DomainLink>>> MoveDomainsAsync(DirectoryId source, DirectoryId target, UserId actor, IReadOnlyCollection<string> domains, bool notifyAdmins = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var from = await FindAuthorizedAsync(source, actor, cancellationToken).ConfigureAwait(false);
        if (from.IsFailure)
        {
            return from.Error;
        }

        var to = await FindAuthorizedAsync(target, actor, cancellationToken).ConfigureAwait(false);
        if (to.IsFailure)
        {
            return to.Error;
        }

        return await MoveAuthorizedAsync(from.Value, to.Value, actor, domains, notifyAdmins, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Result<IReadOnlyList<DomainLink>>> MoveAuthorizedAsync(IdentityDirectory from, IdentityDirectory to, UserId actor, IReadOnlyCollection<string> domains, bool notifyAdmins, CancellationToken cancellationToken)
    {
        var (source, target) = (from.Id, to.Id);
        if (domains.Count == 0)
        {
            return new FederationError(DirectoryErrorCodes.MoveEmpty, "Name at least one domain to move.");
        }

        var normalized = new List<string>(domains.Count);
        foreach (var domain in domains)
        {
            if (DomainNameText.Normalize(domain) is not { } n)
            {
                return new FederationError(DirectoryErrorCodes.DomainInvalid, "A domain of the move is not a valid domain name.");
            }

            if (!normalized.Contains(n))
            {
                normalized.Add(n);
            }
        }

        if (source == target)
        {
            return new FederationError(DirectoryErrorCodes.MoveSameDirectory, "Source and target are the same directory.");
        }

        if (from.Owner != to.Owner)
        {
            return new FederationError(DirectoryErrorCodes.MoveDifferentOwner, "Domains move only between directories of the same owner.");
        }

        if (to.IsBeingDeleted)
        {
            return BeingDeleted(target);
        }

        if (from.IsEncrypted || to.IsEncrypted)
        {
            return new FederationError(DirectoryErrorCodes.MoveEncrypted, "Domains cannot be moved into or out of an encrypted directory.")
                .WithDetail("directoryId", (from.IsEncrypted ? from.Id : to.Id).ToString());
        }

        if (_members is not null && await _members.FindConflictsAsync(source, target, normalized, cancellationToken).ConfigureAwait(false) is { Count: > 0 } conflicts)
        {
            return new FederationError(DirectoryErrorCodes.MoveMemberConflict, "Members on these domains have IdP subjects the target directory already holds; nothing was moved.")
                .WithDetail("emails", string.Join(',', conflicts.Order(StringComparer.Ordinal)));
        }

        var moved = await _links.MoveAsync(normalized, source, target, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (moved.IsSuccess)
        {
            // A directory may have been encrypted or deleted during the move: then move everything back and refuse.
            var fromAfter = await _directories.FindAsync(source, cancellationToken).ConfigureAwait(false);
            var toAfter = await _directories.FindAsync(target, cancellationToken).ConfigureAwait(false);
            if (fromAfter is null || toAfter is null || toAfter.IsBeingDeleted || fromAfter.IsEncrypted || toAfter.IsEncrypted)
            {
                await _links.MoveAsync(normalized, target, source, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                return toAfter is null || toAfter.IsBeingDeleted ? BeingDeleted(target)
                    : fromAfter is null ? DirectoryNotFound(source)
                    : new FederationError(DirectoryErrorCodes.MoveEncrypted, "A directory of the move was marked encrypted meanwhile; nothing was moved.");
            }

            var members = _members is null ? new DirectoryMembersMoved(0, []) : await _members.MoveAsync(source, target, normalized, cancellationToken).ConfigureAwait(false);

            await _events.PublishAsync(new DomainsMoved(_time.GetUtcNow(), from.Owner, source, target, [.. normalized]) { MembersMoved = members.Moved, MembersLeftBehind = members.LeftBehind, NotifyAdmins = notifyAdmins, Actor = EventActor.User(actor) }, cancellationToken).ConfigureAwait(false);
        }

        return moved;
    }

    // A link of another owner on a domain whose most specific verified claim is now the caller's (the other owner's claim
    // lapsed or was removed) is stale: it is removed, with the same event as when a verification moves ownership.
    private async Task<bool> RemoveOutrankedLinkAsync(string domain, OwnerRef newOwner, UserId actor, CancellationToken cancellationToken)
    {
        var stale = await _links.FindAsync(domain, cancellationToken).ConfigureAwait(false);
        if (stale is null || stale.Owner == newOwner)
        {
            return false;
        }

        var deleted = await _links.DeleteAsync(domain, stale.Version, cancellationToken).ConfigureAwait(false);
        if (deleted.IsFailure)
        {
            return false;
        }

        await _events.PublishAsync(new DomainLinkRemovedOwnershipChanged(_time.GetUtcNow(), stale.Owner, stale.DirectoryId, domain, newOwner, null) { Actor = EventActor.User(actor) }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    // Whether the owner holds the most specific verified claim on some parent of the domain (it would cover the domain but for a
    // nearer claim of another owner).
    private async Task<bool> CoversAParentAsync(OwnerRef owner, string domain, CancellationToken cancellationToken)
    {
        foreach (var parent in Domains.DomainSuffixes.ParentsOf(domain))
        {
            if (await _verifiedDomains.IsCoveredAsync(owner, parent, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    private Task<Result<bool>> UnmarkDeletionAsync(DirectoryId id, CancellationToken cancellationToken) =>
        BoundedRetry.RunAsync<bool>(
            MaxAttempts,
            async _ =>
            {
                var current = await _directories.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (current is null || !current.IsBeingDeleted)
                {
                    return true;
                }

                var updated = await _directories.UpdateAsync(current with { IsBeingDeleted = false }, cancellationToken).ConfigureAwait(false);
                return updated.IsSuccess ? true : updated.Error;
            },
            _ => true);

    private static FederationError? InvalidName(string trimmed) =>
        trimmed.Length is 0 or > MaximumNameLength
            ? new FederationError(DirectoryErrorCodes.NameInvalid, $"A directory name has 1 to {MaximumNameLength} characters.")
            : null;

    private static FederationError BeingDeleted(DirectoryId id) =>
        new FederationError(DirectoryErrorCodes.BeingDeleted, "The directory is being deleted.").WithDetail("directoryId", id.ToString());

    private ValueTask PublishDirectoryAsync(string type, IdentityDirectory directory, UserId actor, CancellationToken cancellationToken) =>
        _events.PublishAsync(new DirectoryChanged(type, _time.GetUtcNow(), directory.Owner, directory.Id, directory.Name, directory.IdentityType) { Actor = EventActor.User(actor) }, cancellationToken);

    private Task<FederationError?> RefuseAsync(UserId actor, OwnerRef owner, CancellationToken cancellationToken) =>
        _administrators.RefuseUnlessAdministratorAsync(actor, owner, DirectoryErrorCodes.NotAuthorized, cancellationToken);

    // An unknown directory is not found for everyone; a known one is refused before anything else unless the actor administers its owner.
    private async Task<Result<IdentityDirectory>> FindAuthorizedAsync(DirectoryId id, UserId actor, CancellationToken cancellationToken)
    {
        var directory = await _directories.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (directory is null)
        {
            return DirectoryNotFound(id);
        }

        return await RefuseAsync(actor, directory.Owner, cancellationToken).ConfigureAwait(false) is { } refused ? refused : directory;
    }

    internal static FederationError DirectoryNotFound(DirectoryId id) =>
        new FederationError(DirectoryErrorCodes.NotFound, "No such directory.").WithDetail("directoryId", id.ToString());
}
