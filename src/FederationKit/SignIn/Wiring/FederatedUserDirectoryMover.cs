using FederationKit.Directories;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;

namespace FederationKit.SignIn.Wiring;

/// <summary>
/// <see cref="IDirectoryMemberMover"/> over <see cref="IFederatedUserStore"/>: a member moves with the domain of its email,
/// keeping its user ID, so its organization memberships, profiles and groups stay as they are.
/// </summary>
internal sealed class FederatedUserDirectoryMover : IDirectoryMemberMover
{
    private readonly IFederatedUserStore _users;

    /// <summary>Creates the mover.</summary>
    /// <param name="users">The federated user store.</param>
    public FederatedUserDirectoryMover(IFederatedUserStore users) => _users = users ?? throw new ArgumentNullException(nameof(users));

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FindConflictsAsync(DirectoryId source, DirectoryId target, IReadOnlyCollection<string> domains, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var conflicts = new List<string>();
        foreach (var user in await MembersAsync(source, domains, cancellationToken).ConfigureAwait(false))
        {
            if (await _users.FindByIdentityAsync(target, user.Subject, cancellationToken).ConfigureAwait(false) is not null)
            {
                conflicts.Add(user.Email);
            }
        }

        return conflicts;
    }

    /// <inheritdoc />
    public async Task<DirectoryMembersMoved> MoveAsync(DirectoryId source, DirectoryId target, IReadOnlyCollection<string> domains, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domains);
        var moved = 0;
        var leftBehind = new List<string>();
        foreach (var member in await MembersAsync(source, domains, cancellationToken).ConfigureAwait(false))
        {
            var user = member;
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var result = await _users.MoveToDirectoryAsync(user, target, cancellationToken).ConfigureAwait(false);
                if (result.IsSuccess)
                {
                    moved++;
                    break;
                }

                if (result.Error.Code == StoreErrorCodes.Duplicate)
                {
                    leftBehind.Add(user.Email);
                    break;
                }

                // A sign-in updated the user meanwhile: read it again, unless it left the source.
                if (await _users.FindAsync(user.Id, cancellationToken).ConfigureAwait(false) is not { } current || current.DirectoryId != source)
                {
                    break;
                }

                user = current;
            }
        }

        return new DirectoryMembersMoved(moved, [.. leftBehind]);
    }

    private async Task<List<FederatedUser>> MembersAsync(DirectoryId source, IReadOnlyCollection<string> domains, CancellationToken cancellationToken)
    {
        var members = new Dictionary<Organizations.UserId, FederatedUser>();
        foreach (var domain in domains)
        {
            foreach (var user in await _users.ListByEmailDomainAsync(source, domain, cancellationToken).ConfigureAwait(false))
            {
                members.TryAdd(user.Id, user);
            }
        }

        return [.. members.Values];
    }
}
