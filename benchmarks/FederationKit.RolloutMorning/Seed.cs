using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.RolloutMorning;

/// <summary>
/// Everything in the harness that depends on how memberships are stored, through the store APIs: adding existing members
/// to an organization and asking whether a user is a member. Members as rows (issue 19): one <see cref="Membership"/> row
/// per (organization, user), written only through <see cref="IChangeSetStore"/>, read through <see cref="IMembershipStore"/>.
/// </summary>
internal static class Seed
{
    private const int Batch = 1_000;

    /// <summary>
    /// Brings <paramref name="organizationId"/> to at least <paramref name="members"/> members. Each existing member is what an
    /// earlier first sign-in leaves behind: a user of the organization's directory and a membership row with a username, both
    /// committed in one change set per 1,000 members (no events: the seed is set-up, not the measured path).
    /// </summary>
    public static async Task AddExistingMembersAsync(IServiceProvider services, OrganizationId organizationId, int members)
    {
        var changes = services.GetRequiredService<IChangeSetStore>();
        var directory = (await services.GetRequiredService<IDirectoryStore>().ListByOwnerAsync(OwnerRef.Organization(organizationId)))
            .Single(d => d.IdentityType == Directories.DirectoryIdentityType.Federated).Id;
        var count = await MemberCountAsync(services, organizationId);
        var now = DateTimeOffset.UtcNow;
        while (count < members)
        {
            var change = ChangeSet.Empty;
            var users = new List<FederatedUser>();
            var rows = new List<Membership>();
            foreach (var i in Enumerable.Range(count, Math.Min(members - count, Batch)))
            {
                var email = $"existing{i:D6}@members.example";
                var user = new FederatedUser
                {
                    Id = UserId.New(),
                    DirectoryId = directory,
                    Subject = $"00u-existing-{i:D6}",
                    Email = email,
                    CreatedAt = now,
                    LastSignInAt = now,
                };
                users.Add(user);
                rows.Add(new Membership
                {
                    OrganizationId = organizationId,
                    UserId = user.Id,
                    Role = OrganizationRole.Member,
                    Email = email,
                    Username = $"existing{i:D6}",
                    DirectoryId = directory,
                    JoinedAt = now,
                });
            }

            change = change with { AddedUsers = [.. users], AddedMemberships = [.. rows] };
            var committed = await changes.CommitAsync(change);
            if (committed.IsFailure)
            {
                throw new InvalidOperationException($"Seeding members failed: {committed.Error}");
            }

            count += rows.Count;
        }
    }

    /// <summary>How many members <paramref name="organizationId"/> has (every membership row, page by page).</summary>
    public static async Task<int> MemberCountAsync(IServiceProvider services, OrganizationId organizationId)
    {
        var count = 0;
        await foreach (var _ in AllMembersAsync(services.GetRequiredService<IMembershipStore>(), organizationId))
        {
            count++;
        }

        return count;
    }

    /// <summary>How many times each of <paramref name="users"/> is a member of <paramref name="organizationId"/> (exactly once is right).</summary>
    public static async Task<IReadOnlyDictionary<UserId, int>> MembershipsAsync(IServiceProvider services, OrganizationId organizationId, IReadOnlyCollection<UserId> users)
    {
        var wanted = users.ToHashSet();
        var counts = users.Distinct().ToDictionary(u => u, _ => 0);
        await foreach (var member in AllMembersAsync(services.GetRequiredService<IMembershipStore>(), organizationId))
        {
            if (wanted.Contains(member.UserId))
            {
                counts[member.UserId]++;
            }
        }

        return counts;
    }

    // Every membership row of the organization, as the store pages them (ordered by user id).
    private static async IAsyncEnumerable<Membership> AllMembersAsync(IMembershipStore memberships, OrganizationId organizationId)
    {
        UserId? after = null;
        while (true)
        {
            var page = await memberships.ListByOrganizationAsync(organizationId, after, Batch);
            foreach (var member in page)
            {
                yield return member;
            }

            if (page.Count < Batch)
            {
                yield break;
            }

            after = page[^1].UserId;
        }
    }
}
