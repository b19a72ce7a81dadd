using FederationKit.Directories;

namespace FederationKit.Tests.Directories;

public sealed class DomainLinkTests
{
    [Test]
    public async Task LinkDomain_Verified_LinksAndRaisesEvent()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var directory = await context.FederatedDirectoryAsync(owner);
        context.Domains.Verify(owner, "acme.com");

        var linked = await context.DirectoryService.LinkDomainAsync(directory.Id, context.Admin, "ACME.com.");

        Assert.That(linked.Value.Domain, Is.EqualTo("acme.com"));
        Assert.That((await context.DirectoryService.FindLinkAsync("acme.com"))!.DirectoryId, Is.EqualTo(directory.Id));
        Assert.That(context.Events.OfType<DomainLinkChanged>().Single().Type, Is.EqualTo(DirectoryEventTypes.DomainLinked));
    }

    [Test]
    public async Task LinkDomain_SubdomainOfVerified_Links()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var directory = await context.FederatedDirectoryAsync(owner);
        context.Domains.Verify(owner, "acme.com");

        Assert.That((await context.DirectoryService.LinkDomainAsync(directory.Id, context.Admin, "eu.acme.com")).IsSuccess, Is.True);
    }

    [TestCase("eu.acme.com")]
    [TestCase("mail.eu.acme.com")]
    public async Task LinkDomain_CoveredOnlyThroughParentWhileAnotherOwnerVerifiedItOrANearerParent_IsRefused(string domain)
    {
        var context = new DirectoryTestContext();
        var parentOwner = DirectoryTestContext.NewOwner();
        var subdomainOwner = DirectoryTestContext.NewOwner();
        var directory = await context.FederatedDirectoryAsync(parentOwner);
        context.Domains.Verify(subdomainOwner, "eu.acme.com");
        context.Domains.Verify(parentOwner, "acme.com");

        var linked = await context.DirectoryService.LinkDomainAsync(directory.Id, context.Admin, domain);

        Assert.That(linked.Error.Code, Is.EqualTo(DirectoryErrorCodes.DomainOwnedByOther));
        Assert.That(linked.Error.Details["domain"], Is.EqualTo(domain));
        Assert.That(await context.DirectoryService.FindLinkAsync(domain), Is.Null);
        Assert.That(context.Events.OfType<DomainLinkChanged>(), Is.Empty);
        Assert.That((await context.DirectoryService.LinkDomainAsync(directory.Id, context.Admin, "www.acme.com")).IsSuccess, Is.True, "a subdomain nobody else verified");
        var own = await context.FederatedDirectoryAsync(subdomainOwner);
        Assert.That((await context.DirectoryService.LinkDomainAsync(own.Id, context.Admin, domain)).IsSuccess, Is.True, "the real owner can link it");
    }

    [TestCase("")]
    [TestCase("*.acme.com")]
    [TestCase("localhost")]
    [TestCase("bad_label!.com")]
    public async Task LinkDomain_Invalid_IsRefused(string domain)
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());

        Assert.That((await context.DirectoryService.LinkDomainAsync(directory.Id, context.Admin, domain)).Error.Code, Is.EqualTo(DirectoryErrorCodes.DomainInvalid));
    }

    [Test]
    public async Task LinkDomain_NotVerified_IsRefused()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var directory = await context.FederatedDirectoryAsync(owner);
        context.Domains.Verify(DirectoryTestContext.NewOwner(), "acme.com");

        var linked = await context.DirectoryService.LinkDomainAsync(directory.Id, context.Admin, "acme.com");

        Assert.That(linked.Error.Code, Is.EqualTo(DirectoryErrorCodes.DomainNotVerified));
        Assert.That(await context.Links.FindAsync("acme.com"), Is.Null);
    }

    [Test]
    public async Task LinkDomain_AlreadyLinkedElsewhere_IsRefusedNamingTheDirectory()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var first = await context.LinkedDirectoryAsync(owner, "acme.com", "First");
        var second = await context.FederatedDirectoryAsync(owner, "Second");

        var linked = await context.DirectoryService.LinkDomainAsync(second.Id, context.Admin, "acme.com");

        Assert.That(linked.Error.Code, Is.EqualTo(DirectoryErrorCodes.DomainAlreadyLinked));
        Assert.That(linked.Error.Details["directoryId"], Is.EqualTo(first.Id.ToString()));
    }

    [Test]
    public async Task LinkDomain_UnknownDirectory_IsNotFound()
    {
        var context = new DirectoryTestContext();

        Assert.That((await context.DirectoryService.LinkDomainAsync(DirectoryId.New(), context.Admin, "acme.com")).Error.Code, Is.EqualTo(DirectoryErrorCodes.NotFound));
    }

    [Test]
    public async Task LinkDomain_Concurrently_ToTwoDirectories_ExactlyOneWins()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var a = await context.FederatedDirectoryAsync(owner, "A");
        var b = await context.FederatedDirectoryAsync(owner, "B");
        context.Domains.Verify(owner, "acme.com");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => context.DirectoryService.LinkDomainAsync(i % 2 == 0 ? a.Id : b.Id, context.Admin, "acme.com"))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
        Assert.That(results.Where(r => r.IsFailure).Select(r => r.Error.Code), Is.All.EqualTo(DirectoryErrorCodes.DomainAlreadyLinked));
    }

    [Test]
    public async Task UnlinkDomain_Linked_RemovesLinkAndRaisesEvent()
    {
        var context = new DirectoryTestContext();
        var directory = await context.LinkedDirectoryAsync(DirectoryTestContext.NewOwner(), "acme.com");

        var unlinked = await context.DirectoryService.UnlinkDomainAsync(directory.Id, context.Admin, "acme.com");

        Assert.That(unlinked.IsSuccess, Is.True);
        Assert.That(await context.Links.FindAsync("acme.com"), Is.Null);
        Assert.That(context.Events.OfType<DomainLinkChanged>()[^1].Type, Is.EqualTo(DirectoryEventTypes.DomainUnlinked));
    }

    [Test]
    public async Task UnlinkDomain_LinkedToOtherDirectory_IsRefused()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        await context.LinkedDirectoryAsync(owner, "acme.com", "A");
        var other = await context.FederatedDirectoryAsync(owner, "B");

        Assert.That((await context.DirectoryService.UnlinkDomainAsync(other.Id, context.Admin, "acme.com")).Error.Code, Is.EqualTo(DirectoryErrorCodes.DomainNotLinked));
        Assert.That((await context.DirectoryService.UnlinkDomainAsync(other.Id, context.Admin, "***")).Error.Code, Is.EqualTo(DirectoryErrorCodes.DomainInvalid));
    }

    [Test]
    public async Task MoveDomains_Several_AllMoveAndOneEventTellsAdmins()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var source = await context.LinkedDirectoryAsync(owner, "acme.com", "Old");
        context.Domains.Verify(owner, "acme.org");
        await context.DirectoryService.LinkDomainAsync(source.Id, context.Admin, "acme.org");
        var target = await context.FederatedDirectoryAsync(owner, "New");

        var moved = await context.DirectoryService.MoveDomainsAsync(source.Id, target.Id, context.Admin, ["acme.com", "ACME.org"]);

        Assert.That(moved.Value.Select(l => l.DirectoryId), Is.All.EqualTo(target.Id));
        Assert.That((await context.DirectoryService.ListDomainsAsync(source.Id, context.Admin)).Value, Is.Empty);
        Assert.That(((await context.DirectoryService.ListDomainsAsync(target.Id, context.Admin)).Value).Select(l => l.Domain), Is.EquivalentTo(new[] { "acme.com", "acme.org" }));
        var moveEvent = context.Events.OfType<DomainsMoved>().Single();
        Assert.That(moveEvent.Domains, Is.EquivalentTo(new[] { "acme.com", "acme.org" }));
        Assert.That(moveEvent.SourceDirectoryId, Is.EqualTo(source.Id));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task MoveDomains_NotifyAdminsFlag_IsCarriedOnTheEvent(bool notifyAdmins)
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var source = await context.LinkedDirectoryAsync(owner, "acme.com", "Old");
        var target = await context.FederatedDirectoryAsync(owner, "New");

        var moved = await context.DirectoryService.MoveDomainsAsync(source.Id, target.Id, context.Admin, ["acme.com"], notifyAdmins);

        Assert.That(moved.IsSuccess, Is.True, () => moved.Error.ToString());
        Assert.That(context.Events.OfType<DomainsMoved>().Single().NotifyAdmins, Is.EqualTo(notifyAdmins));
    }

    [Test]
    public async Task MoveDomains_NotifyAdminsNotGiven_AdminsAreNotified()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var source = await context.LinkedDirectoryAsync(owner, "acme.com", "Old");
        var target = await context.FederatedDirectoryAsync(owner, "New");

        await context.DirectoryService.MoveDomainsAsync(source.Id, target.Id, context.Admin, ["acme.com"]);

        Assert.That(context.Events.OfType<DomainsMoved>().Single().NotifyAdmins, Is.True);
    }

    [Test]
    public async Task MoveDomains_OneNotInSource_NothingMoves()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var source = await context.LinkedDirectoryAsync(owner, "acme.com", "Old");
        var target = await context.FederatedDirectoryAsync(owner, "New");
        context.Domains.Verify(owner, "acme.org");
        await context.DirectoryService.LinkDomainAsync(target.Id, context.Admin, "acme.org");

        var moved = await context.DirectoryService.MoveDomainsAsync(source.Id, target.Id, context.Admin, ["acme.com", "acme.org"]);

        Assert.That(moved.Error.Code, Is.EqualTo(DirectoryErrorCodes.MoveDomainNotInSource));
        Assert.That(moved.Error.Details["domain"], Is.EqualTo("acme.org"));
        Assert.That((await context.Links.FindAsync("acme.com"))!.DirectoryId, Is.EqualTo(source.Id));
        Assert.That(context.Events.OfType<DomainsMoved>(), Is.Empty);
    }

    private static IEnumerable<TestCaseData> MoveRefusals()
    {
        yield return new TestCaseData("empty", DirectoryErrorCodes.MoveEmpty).SetName("MoveDomains_NoDomains_IsRefused");
        yield return new TestCaseData("same", DirectoryErrorCodes.MoveSameDirectory).SetName("MoveDomains_SameDirectory_IsRefused");
        yield return new TestCaseData("otherOwner", DirectoryErrorCodes.MoveDifferentOwner).SetName("MoveDomains_OtherOwnersTarget_IsRefused");
        yield return new TestCaseData("encryptedTarget", DirectoryErrorCodes.MoveEncrypted).SetName("MoveDomains_IntoEncrypted_IsRefused");
        yield return new TestCaseData("encryptedSource", DirectoryErrorCodes.MoveEncrypted).SetName("MoveDomains_OutOfEncrypted_IsRefused");
        yield return new TestCaseData("unknownTarget", DirectoryErrorCodes.NotFound).SetName("MoveDomains_UnknownTarget_IsRefused");
        yield return new TestCaseData("invalidDomain", DirectoryErrorCodes.DomainInvalid).SetName("MoveDomains_InvalidDomain_IsRefused");
    }

    [TestCaseSource(nameof(MoveRefusals))]
    public async Task MoveDomains_BrokenInput_IsRefusedAndNothingMoves(string breakage, string code)
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var source = await context.LinkedDirectoryAsync(owner, "acme.com", "Old");
        var target = await context.FederatedDirectoryAsync(owner, "New");
        var targetId = target.Id;
        string[] domains = ["acme.com"];
        switch (breakage)
        {
            case "empty": domains = []; break;
            case "same": targetId = source.Id; break;
            case "otherOwner": targetId = (await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner(), "Foreign")).Id; break;
            case "encryptedTarget": await context.DirectoryService.MarkEncryptedAsync(target.Id, context.Admin); break;
            case "encryptedSource": await context.DirectoryService.MarkEncryptedAsync(source.Id, context.Admin); break;
            case "unknownTarget": targetId = DirectoryId.New(); break;
            case "invalidDomain": domains = ["acme.com", "*.acme.com"]; break;
        }

        var moved = await context.DirectoryService.MoveDomainsAsync(source.Id, targetId, context.Admin, domains);

        Assert.That(moved.Error.Code, Is.EqualTo(code));
        Assert.That((await context.Links.FindAsync("acme.com"))!.DirectoryId, Is.EqualTo(source.Id));
    }

    [Test]
    public async Task MoveDomains_ConcurrentMovesToDifferentTargets_ExactlyOneWinsAndNothingIsHalfMoved()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var source = await context.LinkedDirectoryAsync(owner, "acme.com", "Old");
        string[] domains = ["acme.com", "acme.org", "acme.net", "acme.io"];
        foreach (var domain in domains.Skip(1))
        {
            context.Domains.Verify(owner, domain);
            await context.DirectoryService.LinkDomainAsync(source.Id, context.Admin, domain);
        }

        var targets = new List<IdentityDirectory>();
        for (var i = 0; i < 6; i++)
        {
            targets.Add(await context.FederatedDirectoryAsync(owner, "Target " + i));
        }

        var results = await Task.WhenAll(targets.Select(t => Task.Run(() => context.DirectoryService.MoveDomainsAsync(source.Id, t.Id, context.Admin, domains))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
        Assert.That(results.Where(r => r.IsFailure).Select(r => r.Error.Code), Is.All.EqualTo(DirectoryErrorCodes.MoveDomainNotInSource));
        var winner = targets[Array.FindIndex(results, r => r.IsSuccess)];
        foreach (var domain in domains)
        {
            Assert.That((await context.Links.FindAsync(domain))!.DirectoryId, Is.EqualTo(winner.Id), domain);
        }

        Assert.That(context.Events.OfType<DomainsMoved>(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task MoveDomains_WhileTargetIsMarkedEncrypted_IsAllOrNone()
    {
        for (var round = 0; round < 30; round++)
        {
            var context = new DirectoryTestContext();
            var owner = DirectoryTestContext.NewOwner();
            var source = await context.LinkedDirectoryAsync(owner, "acme.com", "Old");
            context.Domains.Verify(owner, "acme.org");
            await context.DirectoryService.LinkDomainAsync(source.Id, context.Admin, "acme.org");
            var target = await context.FederatedDirectoryAsync(owner, "New");

            var move = Task.Run(() => context.DirectoryService.MoveDomainsAsync(source.Id, target.Id, context.Admin, ["acme.com", "acme.org"]));
            var encrypt = Task.Run(() => context.DirectoryService.MarkEncryptedAsync(target.Id, context.Admin));
            await Task.WhenAll(move, encrypt);

            var links = new[] { await context.Links.FindAsync("acme.com"), await context.Links.FindAsync("acme.org") };
            if (move.Result.IsSuccess)
            {
                Assert.That(links.Select(l => l!.DirectoryId), Is.All.EqualTo(target.Id));
            }
            else
            {
                Assert.That(move.Result.Error.Code, Is.EqualTo(DirectoryErrorCodes.MoveEncrypted));
                Assert.That(links.Select(l => l!.DirectoryId), Is.All.EqualTo(source.Id));
                Assert.That(context.Events.OfType<DomainsMoved>(), Is.Empty);
            }
        }
    }

    [Test]
    public async Task LinkDomain_WhileDirectoryIsDeleted_LeavesNoLinkToAMissingDirectory()
    {
        for (var round = 0; round < 30; round++)
        {
            var context = new DirectoryTestContext();
            var owner = DirectoryTestContext.NewOwner();
            var directory = await context.FederatedDirectoryAsync(owner);
            context.Domains.Verify(owner, "acme.com");

            var link = Task.Run(() => context.DirectoryService.LinkDomainAsync(directory.Id, context.Admin, "acme.com"));
            var delete = Task.Run(() => context.DirectoryService.DeleteDirectoryAsync(directory.Id, context.Admin));
            await Task.WhenAll(link, delete);

            var stored = await context.Links.FindAsync("acme.com");
            var exists = await context.Directories.FindAsync(directory.Id) is not null;
            Assert.That(stored is null || exists, Is.True, $"round {round}: a link points to a deleted directory");
        }
    }

    [Test]
    public async Task LinkDomain_ToDirectoryBeingDeleted_IsRefused()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var directory = await context.FederatedDirectoryAsync(owner);
        var other = await context.LinkedDirectoryAsync(owner, "acme.com", "Other");
        context.Domains.Verify(owner, "acme.org");
        var marked = (await context.Directories.UpdateAsync(directory with { IsBeingDeleted = true })).Value;

        Assert.That((await context.DirectoryService.LinkDomainAsync(marked.Id, context.Admin, "acme.org")).Error.Code, Is.EqualTo(DirectoryErrorCodes.BeingDeleted));
        Assert.That((await context.DirectoryService.MoveDomainsAsync(other.Id, marked.Id, context.Admin, ["acme.com"])).Error.Code, Is.EqualTo(DirectoryErrorCodes.BeingDeleted));
    }

    [Test]
    public async Task DeleteDirectory_Refused_ClearsTheDeletionMark()
    {
        var context = new DirectoryTestContext();
        var directory = await context.LinkedDirectoryAsync(DirectoryTestContext.NewOwner(), "acme.com");

        Assert.That((await context.DirectoryService.DeleteDirectoryAsync(directory.Id, context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.HasDomains));

        Assert.That((await context.Directories.FindAsync(directory.Id))!.IsBeingDeleted, Is.False);
    }
}
