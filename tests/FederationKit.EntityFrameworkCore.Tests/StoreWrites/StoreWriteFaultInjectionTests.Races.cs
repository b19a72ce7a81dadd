using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.EntityFrameworkCore.Tests.StoreWrites;

/// <summary>
/// A link racing the deletion of its directory, with each write in its own transaction: the link is invisible to the deletion
/// until it commits, so the write holds the directory's row (DirectoryHold) and the two serialize. Never a link left on a
/// deleted directory.
/// </summary>
public abstract partial class StoreWriteFaultInjectionTests
{
    [Test]
    public async Task LinkRacingDirectoryDeletion_ManyRounds_NeverALinkOnADeletedDirectory()
    {
        await using var host = await StartAsync();
        var (owner, admin) = await host.OrganizationAsync();
        var directories = host.Services.GetRequiredService<DirectoryService>();
        var claims = host.Services.GetRequiredService<IDomainClaimStore>();
        var now = DateTimeOffset.UtcNow;
        var outcomes = new List<string>();
        for (var round = 0; round < 30; round++)
        {
            var domain = $"d{round}.acme.example";
            Assert.That((await claims.AddAsync(new DomainClaim
            {
                Id = DomainClaimId.New(), Owner = owner, Domain = domain, State = DomainClaimState.Verified, CreatedAt = now, VerificationDeadline = now.AddDays(3), VerifiedAt = now,
            })).IsSuccess, Is.True);
            var directory = (await directories.CreateDirectoryAsync(owner, admin, $"Staff {round}", DirectoryIdentityType.Federated)).Value.Id;

            using var start = new Barrier(2);
            var link = Task.Run(async () => { start.SignalAndWait(); return await directories.LinkDomainAsync(directory, admin, domain); });
            var delete = Task.Run(async () => { start.SignalAndWait(); return await directories.DeleteDirectoryAsync(directory, admin); });
            var (linked, deleted) = (await link, await delete);
            outcomes.Add($"{(linked.IsSuccess ? "linked" : linked.Error.Code)}/{(deleted.IsSuccess ? "deleted" : deleted.Error.Code)}");

            await using var db = await host.Services.GetRequiredService<IDbContextFactory<FederationKitDbContext>>().CreateDbContextAsync();
            var exists = await db.Set<Model.DirectoryRow>().AnyAsync(r => r.Id == directory.Value);
            var links = await db.Set<Model.DomainLinkRow>().CountAsync(r => r.DirectoryId == directory.Value);
            Assert.That(exists || links == 0, Is.True, $"round {round}: a link on a deleted directory ({outcomes[^1]})");
            Assert.That(linked.IsSuccess && deleted.IsSuccess, Is.False, $"round {round}: both cannot succeed");
        }

        TestContext.Out.WriteLine(string.Join(", ", outcomes.GroupBy(o => o).Select(g => $"{g.Key} x{g.Count()}")));
    }
}
