using FederationKit.Organizations;
using FederationKit.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.RolloutMorning;

/// <summary>
/// Everything in the harness that depends on how memberships are stored, through the store APIs: adding existing members
/// to an organization and asking whether a user is a member. Today's model: <see cref="Organization.Members"/>, one list
/// per organization row (<c>MembersJson</c> on EF). When memberships become rows (issue 19), rewrite this file only.
/// </summary>
internal static class Seed
{
    private const int Batch = 1_000;

    /// <summary>
    /// Brings <paramref name="organizationId"/> to at least <paramref name="members"/> members by adding members with new
    /// user IDs (no user rows: today only the organization's member list grows with the company).
    /// </summary>
    public static async Task AddExistingMembersAsync(IServiceProvider services, OrganizationId organizationId, int members)
    {
        var organizations = services.GetRequiredService<IOrganizationStore>();
        while (true)
        {
            var organization = await organizations.FindAsync(organizationId) ?? throw new InvalidOperationException("The organization is gone.");
            var missing = members - organization.Members.Count;
            if (missing <= 0)
            {
                return;
            }

            var start = organization.Members.Count;
            var added = Enumerable.Range(start, Math.Min(missing, Batch))
                .Select(i => new OrganizationMember(UserId.New(), $"existing{i:D6}@members.example", OrganizationRole.Member));
            var updated = await organizations.UpdateAsync(organization with { Members = organization.Members.AddRange(added) });
            if (updated.IsFailure && updated.Error.Code != StoreErrorCodes.ConcurrencyConflict)
            {
                throw new InvalidOperationException($"Seeding members failed: {updated.Error}");
            }
        }
    }

    /// <summary>How many members <paramref name="organizationId"/> has.</summary>
    public static async Task<int> MemberCountAsync(IServiceProvider services, OrganizationId organizationId) =>
        (await services.GetRequiredService<IOrganizationStore>().FindAsync(organizationId))?.Members.Count ?? 0;

    /// <summary>How many times each of <paramref name="users"/> is a member of <paramref name="organizationId"/> (exactly once is right).</summary>
    public static async Task<IReadOnlyDictionary<UserId, int>> MembershipsAsync(IServiceProvider services, OrganizationId organizationId, IReadOnlyCollection<UserId> users)
    {
        var organization = await services.GetRequiredService<IOrganizationStore>().FindAsync(organizationId) ?? throw new InvalidOperationException("The organization is gone.");
        var wanted = users.ToHashSet();
        var counts = users.Distinct().ToDictionary(u => u, _ => 0);
        foreach (var member in organization.Members)
        {
            if (wanted.Contains(member.UserId))
            {
                counts[member.UserId]++;
            }
        }

        return counts;
    }
}
