using FederationKit.MergeProposals;
using FederationKit.Organizations;

namespace FederationKit.Tests.MergeProposals;

/// <summary>Two conflicting operations race on the in-memory stores; exactly one wins, and the state stays consistent.</summary>
public sealed class MergeProposalRaceTests
{
    private const int Rounds = 50;

    private static async Task<(Result<MergeProposal> First, Result<MergeProposal> Second)> RaceAsync(
        Func<Task<Result<MergeProposal>>> first, Func<Task<Result<MergeProposal>>> second)
    {
        using var start = new ManualResetEventSlim();
        var a = Task.Run(async () => { start.Wait(); return await first(); });
        var b = Task.Run(async () => { start.Wait(); return await second(); });
        start.Set();
        await Task.WhenAll(a, b);
        return (a.Result, b.Result);
    }

    [Test]
    public async Task FinalApproveVersusCancel_ExactlyOneWins_AndLinkMatchesOutcome()
    {
        var approveWins = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var world = await MergeWorld.CreateAsync();
            var proposal = await world.ProposeAsync();
            await world.Merges().ApproveAsync(proposal.Id, world.OrgOwner);

            var (approve, cancel) = await RaceAsync(
                () => world.Merges().ApproveAsync(proposal.Id, world.ParentOwner),
                () => world.Merges().CancelAsync(proposal.Id, world.OrgAdmin));

            Assert.That(approve.IsSuccess ^ cancel.IsSuccess, Is.True, $"round {round}: {approve} / {cancel}");
            var loser = approve.IsSuccess ? cancel : approve;
            Assert.That(loser.Error.Code, Is.EqualTo(MergeProposalErrorCodes.AlreadyDecided), $"round {round}");
            var stored = await world.StoredAsync(proposal.Id);
            var linked = (await world.OrganizationAsync()).ParentId == world.ParentId;
            Assert.That(stored.Status, Is.EqualTo(approve.IsSuccess ? MergeProposalStatus.Completed : MergeProposalStatus.Cancelled), $"round {round}");
            Assert.That(linked, Is.EqualTo(approve.IsSuccess), $"round {round}");
            approveWins += approve.IsSuccess ? 1 : 0;
        }

        TestContext.Out.WriteLine($"approve won {approveWins} of {Rounds} rounds");
    }

    [Test]
    public async Task FinalApproveVersusReject_ExactlyOneWins()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var world = await MergeWorld.CreateAsync();
            var proposal = await world.ProposeAsync();
            await world.Merges().ApproveAsync(proposal.Id, world.ParentOwner);

            var (approve, reject) = await RaceAsync(
                () => world.Merges().ApproveAsync(proposal.Id, world.OrgAdmin),
                () => world.Merges().RejectAsync(proposal.Id, world.OrgOwner, "changed our minds"));

            Assert.That(approve.IsSuccess ^ reject.IsSuccess, Is.True, $"round {round}: {approve} / {reject}");
            Assert.That((approve.IsSuccess ? reject : approve).Error.Code, Is.EqualTo(MergeProposalErrorCodes.AlreadyDecided), $"round {round}");
            Assert.That((await world.OrganizationAsync()).ParentId is not null, Is.EqualTo(approve.IsSuccess), $"round {round}");
        }
    }

    [Test]
    public async Task TwoProposalsForOneOrganization_ExactlyOneIsCreated()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var world = await MergeWorld.CreateAsync();

            var (first, second) = await RaceAsync(
                () => world.Merges().ProposeAsync(world.OrgId, world.ParentId, world.OrgAdmin),
                () => world.Merges().ProposeAsync(world.OrgId, world.ParentId, world.OrgOwner));

            Assert.That(first.IsSuccess ^ second.IsSuccess, Is.True, $"round {round}: {first} / {second}");
            Assert.That((first.IsSuccess ? second : first).Error.Code, Is.EqualTo(MergeProposalErrorCodes.AlreadyOpen), $"round {round}");
            var created = first.IsSuccess ? first.Value : second.Value;
            Assert.That((await world.ProposalStore.FindActiveByOrganizationAsync(world.OrgId))!.Id, Is.EqualTo(created.Id), $"round {round}");
            Assert.That(world.Events.OfType<MergeProposalCreated>(), Has.Count.EqualTo(1), $"round {round}");
        }
    }

    [Test]
    public async Task TwoParentAdministratorsApproveConcurrently_ExactlyOneApprovalCounts_AndTheOrganizationIsLinkedOnce()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var world = await MergeWorld.CreateAsync();
            var secondAdmin = UserId.New();
            await world.MakeParentAdministratorAsync(secondAdmin, "deputy@acme.example");
            var proposal = await world.ProposeAsync();
            await world.Merges().ApproveAsync(proposal.Id, world.OrgAdmin);

            var (first, second) = await RaceAsync(
                () => world.Merges().ApproveAsync(proposal.Id, world.ParentOwner),
                () => world.Merges().ApproveAsync(proposal.Id, secondAdmin));

            Assert.That(first.IsSuccess ^ second.IsSuccess, Is.True, $"round {round}: {first} / {second}");
            Assert.That((first.IsSuccess ? second : first).Error.Code, Is.EqualTo(MergeProposalErrorCodes.AlreadyDecided), $"round {round}");
            Assert.That((await world.StoredAsync(proposal.Id)).Status, Is.EqualTo(MergeProposalStatus.Completed), $"round {round}");
            Assert.That(world.Events.OfType<MergeProposalCompleted>(), Has.Count.EqualTo(1), $"round {round}");
            Assert.That(world.Events.OfType<OrganizationLinked>(), Has.Count.EqualTo(1), $"round {round}");
        }
    }
}
