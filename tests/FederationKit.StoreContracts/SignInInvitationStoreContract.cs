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

        Assert.That((await store.FindMatchAsync(org, "ann@acme.example", DirectoryId.New(), "x", Now))?.Id, Is.EqualTo(invitation.Id));
        Assert.That(await store.FindMatchAsync(OrganizationId.New(), "ann@acme.example", DirectoryId.New(), "x", Now), Is.Null);
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

        Assert.That((await store.FindMatchAsync(org, asserted, DirectoryId.New(), "x", Now))?.Id, Is.EqualTo(invitation.Id));
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

        Assert.That(await store.FindMatchAsync(org, email, DirectoryId.New(), "x", Now), Is.Null);
        Assert.That(await store.FindMatchAsync(org, "ann@acme.example", DirectoryId.New(), "x", Now), Is.Null);
    }

    [Test]
    public async Task FindMatch_BySubject_RequiresSameDirectoryAndExactSubject()
    {
        var store = await CreateStore();
        var org = OrganizationId.New();
        var directory = DirectoryId.New();
        await store.AddAsync(new SignInInvitation(Guid.NewGuid(), org, OrganizationRole.Member, Now) { DirectoryId = directory, Subject = "S-1" });

        Assert.That(await store.FindMatchAsync(org, null, directory, "S-1", Now), Is.Not.Null);
        Assert.That(await store.FindMatchAsync(org, null, directory, "s-1", Now), Is.Null);
        Assert.That(await store.FindMatchAsync(org, null, DirectoryId.New(), "S-1", Now), Is.Null);
    }

    [Test]
    public async Task TryConsume_RacingCallers_ExactlyOneWins()
    {
        var store = await CreateStore();
        var invitation = new SignInInvitation(Guid.NewGuid(), OrganizationId.New(), OrganizationRole.Member, Now) { Email = "a@acme.example" };
        await store.AddAsync(invitation);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.TryConsumeAsync(invitation.Id))));

        Assert.That(results.Count(r => r), Is.EqualTo(1));
        Assert.That(await store.FindMatchAsync(invitation.OrganizationId, "a@acme.example", DirectoryId.New(), "x", Now), Is.Null);
    }

    [Test]
    public async Task Add_FullInvitation_RoundTripsThroughFindAndList()
    {
        var store = await CreateStore();
        var org = OrganizationId.New();
        var actor = UserId.New();
        var invitation = new SignInInvitation(Guid.NewGuid(), org, OrganizationRole.Admin, Now)
        {
            Email = "Ann@acme.example",
            Groups = ["finance", "audit"],
            InvitedBy = actor,
            ExpiresAt = Now.AddDays(7),
            LastSentAt = Now,
        };
        await store.AddAsync(invitation);
        await store.AddAsync(new SignInInvitation(Guid.NewGuid(), OrganizationId.New(), OrganizationRole.Member, Now) { Email = "x@acme.example" });

        var found = (await store.FindAsync(invitation.Id))!;
        var listed = await store.ListByOrganizationAsync(org);

        Assert.That(found.Email, Is.EqualTo("Ann@acme.example"));
        Assert.That(found.Role, Is.EqualTo(OrganizationRole.Admin));
        Assert.That(found.Groups, Is.EqualTo(new[] { "finance", "audit" }));
        Assert.That(found.InvitedBy, Is.EqualTo(actor));
        Assert.That(found.ExpiresAt, Is.EqualTo(Now.AddDays(7)));
        Assert.That(found.LastSentAt, Is.EqualTo(Now));
        Assert.That(found.RevokedAt, Is.Null);
        Assert.That(listed.Select(i => i.Id), Is.EqualTo(new[] { invitation.Id }));
        Assert.That(await store.FindAsync(Guid.NewGuid()), Is.Null);
    }

    [Test]
    public async Task ListByOrganization_KeepsRevokedAndExpired_OldestFirst()
    {
        var store = await CreateStore();
        var org = OrganizationId.New();
        var older = new SignInInvitation(Guid.NewGuid(), org, OrganizationRole.Member, Now) { Email = "a@acme.example", ExpiresAt = Now.AddDays(1) };
        var newer = new SignInInvitation(Guid.NewGuid(), org, OrganizationRole.Member, Now.AddMinutes(1)) { Email = "b@acme.example" };
        await store.AddAsync(newer);
        await store.AddAsync(older);
        await store.TryRevokeAsync(newer.Id, Now.AddMinutes(2));

        var listed = await store.ListByOrganizationAsync(org);

        Assert.That(listed.Select(i => i.Id), Is.EqualTo(new[] { older.Id, newer.Id }));
        Assert.That(listed[1].RevokedAt, Is.EqualTo(Now.AddMinutes(2)));
        Assert.That(listed[0].StatusAt(Now.AddDays(2)), Is.EqualTo(SignInInvitationStatus.Expired));
    }

    [Test]
    public async Task FindMatch_ExpiredInvitation_NeverMatches()
    {
        var store = await CreateStore();
        var org = OrganizationId.New();
        var directory = DirectoryId.New();
        var invitation = new SignInInvitation(Guid.NewGuid(), org, OrganizationRole.Member, Now)
        {
            Email = "ann@acme.example", ExpiresAt = Now.AddDays(7),
        };
        var bySubject = new SignInInvitation(Guid.NewGuid(), org, OrganizationRole.Member, Now)
        {
            DirectoryId = directory, Subject = "S-1", ExpiresAt = Now.AddDays(7),
        };
        await store.AddAsync(invitation);
        await store.AddAsync(bySubject);

        Assert.That((await store.FindMatchAsync(org, "ann@acme.example", directory, "x", Now.AddDays(7).AddTicks(-TimeSpan.TicksPerMillisecond)))?.Id, Is.EqualTo(invitation.Id));
        Assert.That(await store.FindMatchAsync(org, "ann@acme.example", directory, "x", Now.AddDays(7)), Is.Null);
        Assert.That(await store.FindMatchAsync(org, null, directory, "S-1", Now.AddDays(8)), Is.Null);
    }

    [Test]
    public async Task FindMatch_RevokedInvitation_NeverMatchesAndCannotBeConsumed()
    {
        var store = await CreateStore();
        var org = OrganizationId.New();
        var invitation = new SignInInvitation(Guid.NewGuid(), org, OrganizationRole.Member, Now) { Email = "ann@acme.example" };
        await store.AddAsync(invitation);

        Assert.That(await store.TryRevokeAsync(invitation.Id, Now), Is.True);

        Assert.That(await store.FindMatchAsync(org, "ann@acme.example", DirectoryId.New(), "x", Now), Is.Null);
        Assert.That(await store.TryConsumeAsync(invitation.Id), Is.False);
        Assert.That(await store.TryRevokeAsync(invitation.Id, Now), Is.False);
        Assert.That(await store.TryRenewAsync(invitation.Id, Now.AddDays(7), Now), Is.False);
    }

    [Test]
    public async Task FindMatch_RevokedOlderInvitation_MatchesTheNewerOpenOne()
    {
        var store = await CreateStore();
        var org = OrganizationId.New();
        var older = new SignInInvitation(Guid.NewGuid(), org, OrganizationRole.Admin, Now) { Email = "ann@acme.example" };
        var newer = new SignInInvitation(Guid.NewGuid(), org, OrganizationRole.Member, Now.AddMinutes(1)) { Email = "ann@acme.example" };
        await store.AddAsync(older);
        await store.AddAsync(newer);
        await store.TryRevokeAsync(older.Id, Now);

        Assert.That((await store.FindMatchAsync(org, "ann@acme.example", DirectoryId.New(), "x", Now.AddMinutes(2)))?.Id, Is.EqualTo(newer.Id));
    }

    [Test]
    public async Task TryRenew_ExpiredInvitation_MatchesAgainUntilTheNewExpiry()
    {
        var store = await CreateStore();
        var org = OrganizationId.New();
        var invitation = new SignInInvitation(Guid.NewGuid(), org, OrganizationRole.Member, Now) { Email = "ann@acme.example", ExpiresAt = Now.AddDays(1) };
        await store.AddAsync(invitation);

        Assert.That(await store.TryRenewAsync(invitation.Id, Now.AddDays(9), Now.AddDays(2)), Is.True);

        Assert.That((await store.FindMatchAsync(org, "ann@acme.example", DirectoryId.New(), "x", Now.AddDays(3)))?.Id, Is.EqualTo(invitation.Id));
        var renewed = (await store.FindAsync(invitation.Id))!;
        Assert.That(renewed.ExpiresAt, Is.EqualTo(Now.AddDays(9)));
        Assert.That(renewed.LastSentAt, Is.EqualTo(Now.AddDays(2)));
        Assert.That(await store.TryRenewAsync(Guid.NewGuid(), Now, Now), Is.False);
    }

    [Test]
    public async Task TryRevoke_RacingCallers_ExactlyOneWins()
    {
        var store = await CreateStore();
        var invitation = new SignInInvitation(Guid.NewGuid(), OrganizationId.New(), OrganizationRole.Member, Now) { Email = "a@acme.example" };
        await store.AddAsync(invitation);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.TryRevokeAsync(invitation.Id, Now))));

        Assert.That(results.Count(r => r), Is.EqualTo(1));
    }
}
