using FederationKit.Directories.Service;
using FederationKit.DirectoryTrust;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.Directories;

/// <summary>
/// Creates and deletes directories, links verified domains to them and moves domains between them.
/// Every refusal is a <see cref="FederationError"/> with a <see cref="DirectoryErrorCodes"/> code; every change raises an event
/// whose actor is the acting user. Every operation takes the acting user right after the directory (or owner) it acts on and
/// refuses with <see cref="DirectoryErrorCodes.NotAuthorized"/> unless <see cref="OwnerAdministrators"/> says the user
/// administers the directory's owner; that check comes before any other that would tell something about the directory. An
/// unknown directory is <see cref="DirectoryErrorCodes.NotFound"/> for everyone. A thin facade: the steps live in small
/// services (<c>Directories/Service</c>: creating and renaming, linking, moving, deleting) and their decisions in the pure
/// <c>DirectoryRules</c>.
/// </summary>
public sealed class DirectoryService
{
    /// <summary>The name of the default Business directory every owner has.</summary>
    public const string DefaultBusinessDirectoryName = "Business";

    private readonly IDirectoryStore _directories;
    private readonly IDomainLinkStore _links;
    private readonly DirectoryAccess _access;
    private readonly DirectoryKeeper _keeper;
    private readonly DomainLinker _linker;
    private readonly DomainMover _mover;
    private readonly DirectoryDeleter _deleter;

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
    /// <param name="writes">Keeps each write and its events together (one database transaction with the EF Core stores and the outbox); null publishes the events after the write.</param>
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
        FederationKit.SignIn.Routing.ISignInRouteInvalidation? routes = null,
        IStoreWriteTransactions? writes = null)
    {
        ArgumentNullException.ThrowIfNull(directories);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(verifiedDomains);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(userCount);
        ArgumentNullException.ThrowIfNull(administrators);
        var publisher = new DirectoryWrites(new StoreWriteCommitter(writes, events, routes), time);
        _directories = directories;
        _links = links;
        _access = new DirectoryAccess(directories, administrators);
        _keeper = new DirectoryKeeper(directories, _access, publisher);
        _linker = new DomainLinker(directories, links, verifiedDomains, domainOwners, _access, publisher);
        _mover = new DomainMover(directories, links, members, _access, publisher);
        _deleter = new DirectoryDeleter(directories, profiles, links, trust, secrets, userCount, [.. cleanups ?? []], _access, publisher);
    }

    /// <summary>Returns the owner's default Business directory, creating it on first use.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IdentityDirectory>> EnsureBusinessDirectoryAsync(OwnerRef owner, UserId actor, CancellationToken cancellationToken = default) =>
        await _access.RefuseAsync(actor, owner, cancellationToken).ConfigureAwait(false) is { } refused
            ? refused
            : await _keeper.EnsureBusinessDirectoryAsync(owner, actor, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Lists the owner's directories, the default Business directory included (created on first use). Administrators only:
    /// directory names and settings are the owner's configuration.
    /// </summary>
    /// <param name="owner">The owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IReadOnlyList<IdentityDirectory>>> ListDirectoriesAsync(OwnerRef owner, UserId actor, CancellationToken cancellationToken = default)
    {
        if (await _access.RefuseAsync(actor, owner, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        await _keeper.EnsureBusinessDirectoryAsync(owner, actor, cancellationToken).ConfigureAwait(false);
        return Result<IReadOnlyList<IdentityDirectory>>.Success(await _directories.ListByOwnerAsync(owner, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Finds a directory. Administrators of its owner only.</summary>
    /// <param name="id">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IdentityDirectory>> GetDirectoryAsync(DirectoryId id, UserId actor, CancellationToken cancellationToken = default) =>
        await _access.FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);

    /// <summary>Creates an Enterprise or Federated directory (the Business directory exists by default).</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="actor">The acting user: an administrator or owner of <paramref name="owner"/>.</param>
    /// <param name="name">The name, unique per owner.</param>
    /// <param name="identityType">Enterprise or Federated.</param>
    /// <param name="encrypted">Whether the directory uses a dedicated encryption key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IdentityDirectory>> CreateDirectoryAsync(OwnerRef owner, UserId actor, string name, DirectoryIdentityType identityType, bool encrypted = false, CancellationToken cancellationToken = default) =>
        await _access.RefuseAsync(actor, owner, cancellationToken).ConfigureAwait(false) is { } refused
            ? refused
            : await _keeper.CreateDirectoryAsync(owner, actor, name, identityType, encrypted, cancellationToken).ConfigureAwait(false);

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
    public Task<Result<IdentityDirectory>> RenameDirectoryAsync(DirectoryId id, UserId actor, string newName, CancellationToken cancellationToken = default) =>
        _keeper.RenameDirectoryAsync(id, actor, newName, cancellationToken);

    /// <summary>Marks a directory encrypted (it then uses a dedicated key; domains cannot move into or out of it). One way.</summary>
    /// <param name="id">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<IdentityDirectory>> MarkEncryptedAsync(DirectoryId id, UserId actor, CancellationToken cancellationToken = default) =>
        _keeper.MarkEncryptedAsync(id, actor, cancellationToken);

    /// <summary>Deletes a directory that has no users, no linked domains and no trustees, with its IdP profiles.</summary>
    /// <param name="id">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result> DeleteDirectoryAsync(DirectoryId id, UserId actor, CancellationToken cancellationToken = default) =>
        _deleter.DeleteDirectoryAsync(id, actor, cancellationToken);

    /// <summary>Lists the domains linked to a directory. Administrators of its owner only.</summary>
    /// <param name="id">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IReadOnlyList<DomainLink>>> ListDomainsAsync(DirectoryId id, UserId actor, CancellationToken cancellationToken = default)
    {
        var found = await _access.FindAuthorizedAsync(id, actor, cancellationToken).ConfigureAwait(false);
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
    public Task<Result<DomainLink>> LinkDomainAsync(DirectoryId id, UserId actor, string domain, CancellationToken cancellationToken = default) =>
        _linker.LinkDomainAsync(id, actor, domain, cancellationToken);

    /// <summary>Unlinks a domain from a directory.</summary>
    /// <param name="id">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result> UnlinkDomainAsync(DirectoryId id, UserId actor, string domain, CancellationToken cancellationToken = default) =>
        _linker.UnlinkDomainAsync(id, actor, domain, cancellationToken);

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
    public Task<Result<IReadOnlyList<DomainLink>>> MoveDomainsAsync(DirectoryId source, DirectoryId target, UserId actor, IReadOnlyCollection<string> domains, bool notifyAdmins = true, CancellationToken cancellationToken = default) =>
        _mover.MoveDomainsAsync(source, target, actor, domains, notifyAdmins, cancellationToken);

    internal static FederationError DirectoryNotFound(DirectoryId id) => DirectoryErrors.NotFound(id);
}
