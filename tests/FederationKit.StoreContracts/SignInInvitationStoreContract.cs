using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;

namespace FederationKit.StoreContracts;

/// <summary>The behaviour every <see cref="ISignInInvitationStore"/> must have.</summary>
public abstract class SignInInvitationStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns a new, empty store.</summary>
    protected abstract Task<ISignInInvitationStore> CreateStore();

    [Test]
    public async Task FindMatch_ByEmailIgnoringCase_ReturnsTheInvitation()
    {
        var store = await CreateStore();
        var org = OrganizationId.New();
        var invitation = new SignInInvitation(Guid.NewGuid(), org, OrganizationRole.Member, Now) { Email = "Ann@Acme.example" };
        await store.AddAsync(invitation);

        Assert.That((await store.FindMatchAsync(org, "ann@acme.example", DirectoryId.New(), "x"))?.Id, Is.EqualTo(invitation.Id));
        Assert.That(await store.FindMatchAsync(OrganizationId.New(), "ann@acme.example", DirectoryId.New(), "x"), Is.Null);
    }

    [TestCase("ann@acme.example")]
    [TestCase("ANN@ACME.EXAMPLE")]
    [TestCase(" Ann@Acme.Example. ")]
    [TestCase("ann@acme.example.")]
    [TestCase("\tann@ACME.example\n")]
    public async Task FindMatch_EmailSpelledDifferently_MatchesByNormalizedKey(string asserted)
    {
        var store = await CreateStore();
        var org = OrganizationId.New();
        var invitation = new SignInInvitation(Guid.NewGuid(), org, OrganizationRole.Member, Now) { Email = "Ann@Acme.Example." };
        await store.AddAsync(invitation);

        Assert.That((await store.FindMatchAsync(org, asserted, DirectoryId.New(), "x"))?.Id, Is.EqualTo(invitation.Id));
    }

    [TestCase("ann@partner.example@acme.example")]
    [TestCase("\"ann\"@acme.example")]
    [TestCase("Ann <ann@acme.example>")]
    [TestCase("\u212Aim@acme.example")]
    public async Task FindMatch_MalformedEmail_NeverMatches(string email)
    {
        var store = await CreateStore();
        var org = OrganizationId.New();
        await store.AddAsync(new SignInInvitation(Guid.NewGuid(), org, OrganizationRole.Admin, Now) { Email = email });
        await store.AddAsync(new SignInInvitation(Guid.NewGuid(), org, OrganizationRole.Admin, Now) { Email = "kim@acme.example" });

        Assert.That(await store.FindMatchAsync(org, email, DirectoryId.New(), "x"), Is.Null);
        Assert.That(await store.FindMatchAsync(org, "ann@acme.example", DirectoryId.New(), "x"), Is.Null);
    }

    [Test]
    public async Task FindMatch_BySubject_RequiresSameDirectoryAndExactSubject()
    {
        var store = await CreateStore();
        var org = OrganizationId.New();
        var directory = DirectoryId.New();
        await store.AddAsync(new SignInInvitation(Guid.NewGuid(), org, OrganizationRole.Member, Now) { DirectoryId = directory, Subject = "S-1" });

        Assert.That(await store.FindMatchAsync(org, null, directory, "S-1"), Is.Not.Null);
        Assert.That(await store.FindMatchAsync(org, null, directory, "s-1"), Is.Null);
        Assert.That(await store.FindMatchAsync(org, null, DirectoryId.New(), "S-1"), Is.Null);
    }

    [Test]
    public async Task TryConsume_RacingCallers_ExactlyOneWins()
    {
        var store = await CreateStore();
        var invitation = new SignInInvitation(Guid.NewGuid(), OrganizationId.New(), OrganizationRole.Member, Now) { Email = "a@acme.example" };
        await store.AddAsync(invitation);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.TryConsumeAsync(invitation.Id))));

        Assert.That(results.Count(r => r), Is.EqualTo(1));
        Assert.That(await store.FindMatchAsync(invitation.OrganizationId, "a@acme.example", DirectoryId.New(), "x"), Is.Null);
    }
}
