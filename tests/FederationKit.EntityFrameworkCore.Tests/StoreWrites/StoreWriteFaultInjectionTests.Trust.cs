using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Domains;
using FederationKit.MergeProposals;
using FederationKit.Organizations;
using FederationKit.Stores;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.EntityFrameworkCore.Tests.StoreWrites;

/// <summary>
/// The writes of directory trust, merge proposals and domain claims (with the removal of outranked links), failed at each of
/// their database commands: what each writes and its events change together or not at all.
/// </summary>
public abstract partial class StoreWriteFaultInjectionTests
{
    private const string OwnedDomain = "acme.example";

    [Test]
    public async Task TrustWrites_FailingAtEachCommand_KeepTheRequestTheMembersAndTheEventsTogether()
    {
        await using var host = await StartWithoutResendLimitAsync();
        var (owner, admin) = await host.OrganizationAsync();
        await DirectoryWithDomainAsync(host, owner, admin);
        var trust = host.Services.GetRequiredService<DirectoryTrustService>();
        var n = 0;
        var trustee = default(OrganizationId);
        var trusteeAdmin = default(UserId);
        var request = default(TrustRequestId);

        async Task NewRequestAsync()
        {
            trusteeAdmin = UserId.New();
            trustee = (await host.Services.GetRequiredService<OrganizationService>().CreateOrganizationAsync($"Beta {n++}", trusteeAdmin, "admin@beta.example")).Value.Id;
            var requested = await trust.RequestAsync(trustee, trusteeAdmin, OwnedDomain, new TrustRequester(trusteeAdmin, "Bea", "admin@beta.example", "Beta"));
            Assert.That(requested.IsSuccess, Is.True, requested.IsFailure ? requested.Error.Code : null);
            request = requested.Value.Id;
        }

        async Task AcceptedAsync()
        {
            await NewRequestAsync();
            Assert.That((await trust.AcceptAsync(owner, admin, [request])).IsSuccess, Is.True);
        }

        async Task AcceptedWithUserAsync()
        {
            await AcceptedAsync();
            var added = await trust.AddTrusteeUserAsync(trustee, trusteeAdmin, request, UserId.New(), $"carol{n++}@{OwnedDomain}");
            Assert.That(added.IsSuccess, Is.True, added.IsFailure ? added.Error.Code : null);
        }

        // The request's row and the trustee organization's members, in one number: a half-written write changes one of them.
        async Task<long> RequestAndMembersAsync(FederationKitDbContext db) =>
            (await db.Set<Model.TrustRequestRow>().SingleAsync(r => r.Id == request.Value)).Version * 1_000_000
            + await db.Set<Model.MembershipRow>().LongCountAsync(m => m.OrganizationId == trustee.Value);

        await host.RunAsync(
        [
            new("request",
                async () =>
                {
                    trusteeAdmin = UserId.New();
                    trustee = (await host.Services.GetRequiredService<OrganizationService>().CreateOrganizationAsync($"Beta {n++}", trusteeAdmin, "admin@beta.example")).Value.Id;
                },
                async () => (await trust.RequestAsync(trustee, trusteeAdmin, OwnedDomain, new TrustRequester(trusteeAdmin, "Bea", "admin@beta.example", "Beta"))).IsSuccess,
                db => db.Set<Model.TrustRequestRow>().LongCountAsync()),
            new("resend", NewRequestAsync, async () => (await trust.ResendAsync(trustee, trusteeAdmin, request)).IsSuccess, RequestAndMembersAsync),
            new("cancel", NewRequestAsync, async () => (await trust.CancelAsync(trustee, trusteeAdmin, request)).IsSuccess, RequestAndMembersAsync),
            new("reject", NewRequestAsync, async () => (await trust.RejectAsync(owner, admin, request, "unknown partner")).IsSuccess, RequestAndMembersAsync),
            new("accept", NewRequestAsync, async () => (await trust.AcceptAsync(owner, admin, [request])).IsSuccess, RequestAndMembersAsync),
            new("reject many", NewRequestAsync, async () => (await trust.RejectManyAsync(owner, admin, [request], "unknown partner")).IsSuccess, RequestAndMembersAsync),
            new("add trustee user", AcceptedAsync,
                async () => (await trust.AddTrusteeUserAsync(trustee, trusteeAdmin, request, UserId.New(), $"dan{n++}@{OwnedDomain}")).IsSuccess,
                RequestAndMembersAsync),
            new("revoke", AcceptedWithUserAsync, async () => (await trust.RevokeAsync(owner, admin, request)).IsSuccess, RequestAndMembersAsync),
            new("revoke many", AcceptedWithUserAsync, async () => (await trust.RevokeManyAsync(owner, admin, [request])).IsSuccess, RequestAndMembersAsync),
            new("withdraw", AcceptedWithUserAsync, async () => (await trust.WithdrawAsync(trustee, trusteeAdmin, request)).IsSuccess, RequestAndMembersAsync),
        ]);
    }

    [Test]
    public async Task MergeProposalWrites_FailingAtEachCommand_KeepTheProposalTheLinkAndTheEventsTogether()
    {
        await using var host = await StartAsync();
        var organizations = host.Services.GetRequiredService<OrganizationService>();
        var merges = host.Services.GetRequiredService<MergeProposalService>();
        var parentAdmin = UserId.New();
        var parent = (await organizations.CreateParentOrganizationAsync("Holding", parentAdmin, "admin@holding.example")).Value.Id;
        await VerifiedClaimAsync(host, OwnerRef.Parent(parent), OwnedDomain);
        var n = 0;
        var organization = default(OrganizationId);
        var organizationAdmin = default(UserId);
        var proposal = default(MergeProposalId);

        async Task NewOrganizationAsync()
        {
            organizationAdmin = UserId.New();
            organization = (await organizations.CreateOrganizationAsync($"Acme {n++}", organizationAdmin, $"owner@{OwnedDomain}")).Value.Id;
        }

        async Task ProposedAsync()
        {
            await NewOrganizationAsync();
            var proposed = await merges.ProposeAsync(organization, parent, organizationAdmin);
            Assert.That(proposed.IsSuccess, Is.True, proposed.IsFailure ? proposed.Error.Code : null);
            proposal = proposed.Value.Id;
        }

        // Both sides approved and the completion claimed, as a completion that stopped half-way leaves it.
        async Task CompletingAsync()
        {
            await ProposedAsync();
            Assert.That((await merges.ApproveAsync(proposal, organizationAdmin)).IsSuccess, Is.True);
            var store = host.Services.GetRequiredService<IMergeProposalStore>();
            var approved = (await store.FindAsync(proposal))!;
            var claimed = await store.UpdateAsync(approved with { ParentApprovedBy = parentAdmin, Status = MergeProposalStatus.Completing, DecidedBy = parentAdmin, DecidedAt = DateTimeOffset.UtcNow });
            Assert.That(claimed.IsSuccess, Is.True);
        }

        // The proposal's row and the organization's link, in one number.
        async Task<long> ProposalAndLinkAsync(FederationKitDbContext db) =>
            (await db.Set<Model.MergeProposalRow>().SingleAsync(r => r.Id == proposal.Value)).Version * 10
            + ((await db.Set<Model.OrganizationRow>().SingleAsync(r => r.Id == organization.Value)).ParentId is null ? 0 : 1);

        await host.RunAsync(
        [
            new("propose", NewOrganizationAsync, async () => (await merges.ProposeAsync(organization, parent, organizationAdmin)).IsSuccess,
                db => db.Set<Model.MergeProposalRow>().LongCountAsync()),
            new("approve", ProposedAsync, async () => (await merges.ApproveAsync(proposal, organizationAdmin)).IsSuccess, ProposalAndLinkAsync),
            new("reject", ProposedAsync, async () => (await merges.RejectAsync(proposal, parentAdmin, "not now")).IsSuccess, ProposalAndLinkAsync),
            new("cancel", ProposedAsync, async () => (await merges.CancelAsync(proposal, organizationAdmin)).IsSuccess, ProposalAndLinkAsync),
            new("complete", CompletingAsync,
                async () => (await merges.TryCompleteAsync(proposal)) is { IsSuccess: true, Value.Status: MergeProposalStatus.Completed },
                ProposalAndLinkAsync),
        ]);
    }

    [Test]
    public async Task DomainClaimWrites_FailingAtEachCommand_KeepTheClaimsTheLinksAndTheEventsTogether()
    {
        await using var host = await StartAsync();
        var domains = host.Services.GetRequiredService<DomainClaimService>();
        var (owner, admin) = await host.OrganizationAsync();
        await VerifiedClaimAsync(host, owner, OwnedDomain);
        Assert.That((await domains.GetOwnershipTokenAsync(owner, admin)).IsSuccess, Is.True);
        var (other, otherAdmin) = await host.OrganizationAsync();
        var otherDirectory = (await host.Services.GetRequiredService<DirectoryService>().CreateDirectoryAsync(other, otherAdmin, "Other", DirectoryIdentityType.Federated)).Value.Id;
        var links = host.Services.GetRequiredService<IDomainLinkStore>();
        var reconciler = host.Services.GetServices<IDomainVerificationHandler>().Single(h => h.GetType().Name == "DomainLinkOwnershipReconciler");
        var ownClaim = (await host.Services.GetRequiredService<IDomainClaimStore>().FindAsync(owner, OwnedDomain))!;
        var n = 0;
        var domain = string.Empty;

        async Task PendingAsync()
        {
            domain = $"d{n++}.example.com";
            var added = await domains.AddDomainsAsync(owner, admin, [domain]);
            Assert.That(added.IsSuccess && added.Value[0].Created, Is.True);
        }

        // A pending claim on a domain another owner then verified (the check finds it lost).
        async Task PendingThenVerifiedByOtherAsync()
        {
            await PendingAsync();
            await VerifiedClaimAsync(host, other, domain);
        }

        // A stale link of the other owner under the owner's verified domain (and none left from an earlier run).
        async Task StaleLinkAsync()
        {
            foreach (var stale in await links.ListAllAsync())
            {
                if (stale.Owner == other)
                {
                    await links.DeleteAsync(stale.Domain, stale.Version);
                }
            }

            domain = $"shop{n++}.{OwnedDomain}";
            Assert.That((await links.AddAsync(new DomainLink { Domain = domain, Owner = other, DirectoryId = otherDirectory, LinkedAt = DateTimeOffset.UtcNow })).IsSuccess, Is.True);
        }

        async Task<long> ClaimAsync(FederationKitDbContext db) =>
            await db.Set<Model.DomainClaimRow>().Where(r => r.OwnerId == owner.Id && r.Domain == domain).Select(r => r.Version + 1).SingleOrDefaultAsync();

        await host.RunAsync(
        [
            new("add", () => Task.FromResult(domain = $"a{n++}.example.com"),
                async () => (await domains.AddDomainsAsync(owner, admin, [domain])) is { IsSuccess: true } added && added.Value[0].Created,
                db => db.Set<Model.DomainClaimRow>().LongCountAsync()),
            new("add covered by the owner's verified parent", () => Task.FromResult(domain = $"team{n++}.{OwnedDomain}"),
                async () =>
                {
                    try
                    {
                        return (await domains.AddDomainsAsync(owner, admin, [domain])) is { IsSuccess: true } added && added.Value[0].Result.Value.IsVerified;
                    }
                    catch (Exception exception) when (exception.ToString().Contains("Injected fault", StringComparison.Ordinal))
                    {
                        // The verification handlers run once the claim and its events are kept; one that fails reports the
                        // failure, and the kept claim keeps its events.
                        if (await host.Services.GetRequiredService<IDomainClaimStore>().FindAsync(owner, domain) is { IsVerified: true })
                        {
                            return true;
                        }

                        throw;
                    }
                },
                db => db.Set<Model.DomainClaimRow>().LongCountAsync()),
            new("verify now (lookup fails)", PendingAsync, async () => (await domains.VerifyNowAsync(owner, admin, domain)).IsSuccess, ClaimAsync),
            new("verify now (verified by another owner)", PendingThenVerifiedByOtherAsync,
                async () => (await domains.VerifyNowAsync(owner, admin, domain)) is { IsFailure: true } lost && lost.Error.Code == DomainErrorCodes.VerifiedByOtherOwner,
                ClaimAsync),
            new("remove", PendingAsync, async () => (await domains.RemoveAsync(owner, admin, domain)).IsSuccess, db => db.Set<Model.DomainClaimRow>().LongCountAsync()),
            new("remove an outranked link", StaleLinkAsync,
                async () =>
                {
                    await reconciler.OnVerifiedAsync(ownClaim);
                    return true;
                },
                db => db.Set<Model.DomainLinkRow>().LongCountAsync()),
        ]);
    }

    [Test]
    public async Task StoreWrite_ClaimInsertHittingAUniqueIndex_ReturnsTheStoreErrorInsteadOfThrowing()
    {
        // The claim store reads again after a unique violation to name it: inside a write's transaction (on PostgreSQL a failed
        // statement aborts it) that read must still work, so a racing add of the domain claim service is refused, not thrown.
        await using var host = await StartAsync();
        var (owner, _) = await host.OrganizationAsync();
        var (other, _) = await host.OrganizationAsync();
        await VerifiedClaimAsync(host, other, "taken.example");
        var claims = host.Services.GetRequiredService<IDomainClaimStore>();
        var now = DateTimeOffset.UtcNow;
        var taken = new DomainClaim { Id = DomainClaimId.New(), Owner = owner, Domain = "taken.example", State = DomainClaimState.Verified, CreatedAt = now, VerificationDeadline = now, VerifiedAt = now };

        var written = await host.Services.GetRequiredService<IStoreWriteTransactions>().RunAsync(ct => claims.AddAsync(taken, ct), _ => []);

        Assert.That(written.IsFailure ? written.Error.Code : null, Is.EqualTo(DomainErrorCodes.VerifiedByOtherOwner));
    }

    [Test]
    public async Task StoreWrite_ProposalInsertHittingTheActiveIndex_ReturnsDuplicateInsteadOfThrowing()
    {
        // The proposal store reads again after a unique violation; a concurrent proposal for the same organization is a
        // conflict the service retries, inside a write's transaction as well.
        await using var host = await StartAsync();
        var organizations = host.Services.GetRequiredService<OrganizationService>();
        var parentAdmin = UserId.New();
        var parent = (await organizations.CreateParentOrganizationAsync("Holding", parentAdmin, "admin@holding.example")).Value.Id;
        await VerifiedClaimAsync(host, OwnerRef.Parent(parent), OwnedDomain);
        var organizationAdmin = UserId.New();
        var organization = (await organizations.CreateOrganizationAsync("Acme", organizationAdmin, $"owner@{OwnedDomain}")).Value.Id;
        var first = await host.Services.GetRequiredService<MergeProposalService>().ProposeAsync(organization, parent, organizationAdmin);
        Assert.That(first.IsSuccess, Is.True);
        var second = first.Value with { Id = MergeProposalId.New(), Version = 0 };
        var proposals = host.Services.GetRequiredService<IMergeProposalStore>();

        var written = await host.Services.GetRequiredService<IStoreWriteTransactions>().RunAsync(ct => proposals.AddAsync(second, ct), _ => []);

        Assert.That(written.IsFailure ? written.Error.Code : null, Is.EqualTo(StoreErrorCodes.Duplicate));
    }

    // Starts as StartAsync does, with resends allowed at once (the resend write is measured and failed many times).
    private async Task<WiredDatabase> StartWithoutResendLimitAsync()
    {
        var interceptor = new FailingCommandInterceptor();
        var contexts = await NewDatabaseAsync(interceptor);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton(contexts);
        services.AddFederationKit(o => o.DirectoryTrust.MinimumResendInterval = TimeSpan.Zero).AddEventOutbox().AddEntityFrameworkStores<FederationKitDbContext>();
        return new WiredDatabase(services.BuildServiceProvider(), contexts, interceptor);
    }

    // The owner's directory with the owner's verified domain linked to it.
    private static async Task DirectoryWithDomainAsync(WiredDatabase host, OwnerRef owner, UserId admin)
    {
        await VerifiedClaimAsync(host, owner, OwnedDomain);
        var directories = host.Services.GetRequiredService<DirectoryService>();
        var directory = (await directories.CreateDirectoryAsync(owner, admin, "Staff", DirectoryIdentityType.Federated)).Value.Id;
        var linked = await directories.LinkDomainAsync(directory, admin, OwnedDomain);
        Assert.That(linked.IsSuccess, Is.True, linked.IsFailure ? linked.Error.Code : null);
    }

    // A verified claim stored as it is (DNS is not what these tests fail).
    private static async Task VerifiedClaimAsync(WiredDatabase host, OwnerRef owner, string domain)
    {
        var now = DateTimeOffset.UtcNow;
        var added = await host.Services.GetRequiredService<IDomainClaimStore>().AddAsync(new DomainClaim
        {
            Id = DomainClaimId.New(),
            Owner = owner,
            Domain = domain,
            State = DomainClaimState.Verified,
            CreatedAt = now,
            VerificationDeadline = now.AddDays(7),
            VerifiedAt = now,
            NextCheckAt = now.AddDays(1),
        });
        Assert.That(added.IsSuccess, Is.True, added.IsFailure ? added.Error.Code : null);
    }
}
