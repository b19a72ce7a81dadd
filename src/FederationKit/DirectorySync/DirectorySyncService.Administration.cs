using FederationKit.Directories;
using FederationKit.DirectorySync.Groups;
using FederationKit.DirectorySync.Users;
using FederationKit.Organizations;

namespace FederationKit.DirectorySync;

/// <summary>
/// What an administrator of a directory's owner reads of what the IdP provisioned (a console page), without a SCIM token:
/// the same pages the SCIM endpoint reads, refused with <see cref="DirectorySyncErrorCodes.NotAuthorized"/> unless
/// <see cref="OwnerAdministrators"/> says the user administers the directory's owner. Reads only: changes come from the IdP.
/// </summary>
public sealed partial class DirectorySyncService
{
    // Scopes the administrators' reads to one directory; reads raise no events, so it is never an actor.
    private const string AdministratorReader = "administrator";

    /// <summary>A page of the directory's provisioned users ordered by id, with the total count, for an administrator of its owner.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="offset">Zero-based offset.</param>
    /// <param name="count">At most this many (capped by <see cref="DirectorySyncOptions.MaxPageSize"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<DirectorySyncPage<DirectorySyncUser>>> ListUsersForAdministratorAsync(
        DirectoryId directoryId, UserId actor, int offset, int count, CancellationToken cancellationToken = default)
    {
        var reader = await AdministratorReaderAsync(directoryId, actor, cancellationToken).ConfigureAwait(false);
        return reader.IsFailure ? reader.Error : await ListUsersAsync(reader.Value, offset, count, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A page of the directory's provisioned groups ordered by id, with the total count, for an administrator of its owner.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="offset">Zero-based offset.</param>
    /// <param name="count">At most this many (capped by <see cref="DirectorySyncOptions.MaxPageSize"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<DirectorySyncPage<DirectoryGroup>>> ListGroupsForAdministratorAsync(
        DirectoryId directoryId, UserId actor, int offset, int count, CancellationToken cancellationToken = default)
    {
        var reader = await AdministratorReaderAsync(directoryId, actor, cancellationToken).ConfigureAwait(false);
        return reader.IsFailure ? reader.Error : await ListGroupsAsync(reader.Value, offset, count, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The directory's groups each of several users is a member of (a page of a listing), in one store query, for an administrator of its owner.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="userIds">The users.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IReadOnlyDictionary<UserId, IReadOnlyList<DirectoryGroup>>>> ListGroupsOfUsersForAdministratorAsync(
        DirectoryId directoryId, UserId actor, IReadOnlyCollection<UserId> userIds, CancellationToken cancellationToken = default)
    {
        var reader = await AdministratorReaderAsync(directoryId, actor, cancellationToken).ConfigureAwait(false);
        return reader.IsFailure
            ? reader.Error
            : Result<IReadOnlyDictionary<UserId, IReadOnlyList<DirectoryGroup>>>.Success(await ListGroupsOfUsersAsync(reader.Value, userIds, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A page of a group's member users ordered by id, with the total count, for an administrator of the directory's owner.</summary>
    /// <param name="directoryId">The directory.</param>
    /// <param name="actor">The acting user: an administrator or owner of the directory's owner.</param>
    /// <param name="groupId">The group (of that directory).</param>
    /// <param name="offset">Zero-based offset.</param>
    /// <param name="count">At most this many (capped by <see cref="DirectorySyncOptions.MaxPageSize"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<DirectorySyncPage<UserId>>> ListGroupMembersForAdministratorAsync(
        DirectoryId directoryId, UserId actor, DirectoryGroupId groupId, int offset, int count, CancellationToken cancellationToken = default)
    {
        var reader = await AdministratorReaderAsync(directoryId, actor, cancellationToken).ConfigureAwait(false);
        return reader.IsFailure ? reader.Error : await ListGroupMembersAsync(reader.Value, groupId, offset, count, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Result<DirectorySyncCaller>> AdministratorReaderAsync(DirectoryId directoryId, UserId actor, CancellationToken cancellationToken)
    {
        var policy = await _policies.FindForDirectorySyncAsync(directoryId, cancellationToken).ConfigureAwait(false);
        var refused = new FederationError(DirectorySyncErrorCodes.NotAuthorized, "Only an administrator of the directory's owner reads what its IdP provisioned.")
            .WithDetail("directory", directoryId.ToString());
        if (policy is null || _administrators is null)
        {
            return refused;
        }

        return await _administrators.IsAdministratorAsync(actor, policy.Owner, cancellationToken).ConfigureAwait(false)
            ? new DirectorySyncCaller(directoryId, AdministratorReader)
            : refused;
    }
}
