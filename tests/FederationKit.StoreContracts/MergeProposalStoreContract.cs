using FederationKit.MergeProposals;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.StoreContracts;

/// <summary>The behaviour every <see cref="IMergeProposalStore"/> must have. Derive and implement <see cref="CreateStore"/>.</summary>
public abstract class MergeProposalStoreContract
{
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns a new, empty store (a fresh database for durable stores).</summary>
    protected abstract Task<IMergeProposalStore> CreateStore();

    private static MergeProposal NewProposal(OrganizationId? organizationId = null, ParentOrganizationId? parentId = null) => new()
    {
        Id = MergeProposalId.New(),
        OrganizationId = organizationId ?? OrganizationId.New(),
        ParentId = parentId ?? ParentOrganizationId.New(),
        ProposedBy = UserId.New(),
        CreatedAt = Created,
        ExpiresAt = Created.AddDays(14),
    };

    [Test]
    public async Task Add_ThenFind_ReturnsTheSameProposalWithVersionOne()
    {
        var store = await CreateStore();
        var proposal = NewProposal() with { RejectionReason = null, OrganizationApprovedBy = UserId.New() };

        var added = await store.AddAsync(proposal);
        var loaded = await store.FindAsync(proposal.Id);

        Assert.That(added.IsSuccess, Is.True);
        Assert.That(loaded, Is.EqualTo(proposal with { Version = 1 }));
    }

    [Test]
    public async Task Find_Unknown_ReturnsNull()
    {
        var store = await CreateStore();

        Assert.That(await store.FindAsync(MergeProposalId.New()), Is.Null);
    }

    [Test]
    public async Task Add_SameId_IsRefusedAsDuplicate()
    {
        var store = await CreateStore();
        var proposal = NewProposal();
        await store.AddAsync(proposal);

        var again = await store.AddAsync(proposal with { OrganizationId = OrganizationId.New() });

        Assert.That(again.Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
    }

    [Test]
    public async Task Add_SecondActiveProposalForOrganization_IsRefusedAsDuplicate()
    {
        var store = await CreateStore();
        var organizationId = OrganizationId.New();
        await store.AddAsync(NewProposal(organizationId));

        var second = await store.AddAsync(NewProposal(organizationId));

        Assert.That(second.Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
    }

    [Test]
    public async Task Add_SecondProposal_WhenFirstIsDecided_Succeeds()
    {
        var store = await CreateStore();
        var organizationId = OrganizationId.New();
        var first = (await store.AddAsync(NewProposal(organizationId))).Value;
        await store.UpdateAsync(first with { Status = MergeProposalStatus.Cancelled });

        var second = await store.AddAsync(NewProposal(organizationId));

        Assert.That(second.IsSuccess, Is.True);
        Assert.That((await store.FindActiveByOrganizationAsync(organizationId))!.Id, Is.EqualTo(second.Value.Id));
    }

    [Test]
    public async Task Add_ConcurrentActiveProposalsForOneOrganization_ExactlyOneWins()
    {
        var store = await CreateStore();
        var organizationId = OrganizationId.New();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.AddAsync(NewProposal(organizationId)))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
        Assert.That(results.Where(r => r.IsFailure).Select(r => r.Error.Code), Is.All.EqualTo(StoreErrorCodes.Duplicate));
    }

    [Test]
    public async Task FindActiveByOrganization_IgnoresDecidedAndOtherOrganizations()
    {
        var store = await CreateStore();
        var organizationId = OrganizationId.New();
        var decided = (await store.AddAsync(NewProposal(organizationId))).Value;
        await store.UpdateAsync(decided with { Status = MergeProposalStatus.Rejected });
        await store.AddAsync(NewProposal());

        Assert.That(await store.FindActiveByOrganizationAsync(organizationId), Is.Null);
    }

    [Test]
    public async Task FindActiveByOrganization_ReturnsCompletingProposal()
    {
        var store = await CreateStore();
        var organizationId = OrganizationId.New();
        var added = (await store.AddAsync(NewProposal(organizationId))).Value;
        await store.UpdateAsync(added with { Status = MergeProposalStatus.Completing });

        Assert.That((await store.FindActiveByOrganizationAsync(organizationId))?.Status, Is.EqualTo(MergeProposalStatus.Completing));
    }

    [Test]
    public async Task ListByParent_ReturnsEveryProposalForTheParentOnly()
    {
        var store = await CreateStore();
        var parentId = ParentOrganizationId.New();
        var a = (await store.AddAsync(NewProposal(parentId: parentId))).Value;
        var b = (await store.AddAsync(NewProposal(parentId: parentId))).Value;
        await store.UpdateAsync(b with { Status = MergeProposalStatus.Expired });
        await store.AddAsync(NewProposal());

        var listed = await store.ListByParentAsync(parentId);

        Assert.That(listed.Select(p => p.Id), Is.EquivalentTo(new[] { a.Id, b.Id }));
    }

    [Test]
    public async Task Update_WithStaleVersion_IsRefusedAsConcurrencyConflict()
    {
        var store = await CreateStore();
        var added = (await store.AddAsync(NewProposal())).Value;
        var first = await store.UpdateAsync(added with { Status = MergeProposalStatus.Cancelled });

        var stale = await store.UpdateAsync(added with { Status = MergeProposalStatus.Rejected, RejectionReason = "no" });

        Assert.That(first.Value.Version, Is.EqualTo(2));
        Assert.That(stale.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That((await store.FindAsync(added.Id))!.Status, Is.EqualTo(MergeProposalStatus.Cancelled));
    }

    [Test]
    public async Task Update_Unknown_IsRefusedAsNotFound()
    {
        var store = await CreateStore();

        var result = await store.UpdateAsync(NewProposal() with { Version = 1 });

        Assert.That(result.Error.Code, Is.EqualTo(StoreErrorCodes.NotFound));
    }

    [Test]
    public async Task Update_ConcurrentDecisionsOnOneVersion_ExactlyOneWins()
    {
        var store = await CreateStore();
        var added = (await store.AddAsync(NewProposal())).Value;
        MergeProposalStatus[] decisions = [MergeProposalStatus.Cancelled, MergeProposalStatus.Rejected, MergeProposalStatus.Completing, MergeProposalStatus.Cancelled];

        var results = await Task.WhenAll(decisions.Select(s => Task.Run(() => store.UpdateAsync(added with { Status = s }))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
        Assert.That(results.Where(r => r.IsFailure).Select(r => r.Error.Code), Is.All.EqualTo(StoreErrorCodes.ConcurrencyConflict));
    }

    [Test]
    public async Task Update_ReopeningWhileAnotherProposalIsActive_IsRefusedAsDuplicate()
    {
        var store = await CreateStore();
        var organizationId = OrganizationId.New();
        var first = (await store.AddAsync(NewProposal(organizationId))).Value;
        var cancelled = (await store.UpdateAsync(first with { Status = MergeProposalStatus.Cancelled })).Value;
        await store.AddAsync(NewProposal(organizationId));

        var reopened = await store.UpdateAsync(cancelled with { Status = MergeProposalStatus.Open });

        Assert.That(reopened.Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
    }

    [Test]
    public async Task Add_RoundTripsEveryField()
    {
        var store = await CreateStore();
        var proposal = NewProposal() with
        {
            Status = MergeProposalStatus.Rejected,
            OrganizationApprovedBy = UserId.New(),
            ParentApprovedBy = UserId.New(),
            DecidedBy = UserId.New(),
            DecidedAt = Created.AddDays(3),
            RejectionReason = "Not this year — ünïcode ok",
        };

        await store.AddAsync(proposal);

        Assert.That(await store.FindAsync(proposal.Id), Is.EqualTo(proposal with { Version = 1 }));
    }
}
