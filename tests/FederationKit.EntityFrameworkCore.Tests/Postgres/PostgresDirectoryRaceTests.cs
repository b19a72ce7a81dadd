using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Organizations;
using FederationKit.SignIn;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

/// <summary>
/// Races between two application instances: each side has its own store and therefore its own connections, and both act on
/// what they read before the other wrote.
/// </summary>
public sealed class PostgresDirectoryRaceTests
{
    private const int Rounds = 15;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task TrustUpdate_TwoAdminsAcceptAndRejectOnePendingRequest_ExactlyOneWins()
    {
        var database = await PostgresDatabase.CreateAsync();
        var first = new EntityFrameworkDirectoryTrustStore<FederationKitDbContext>(database);
        var second = new EntityFrameworkDirectoryTrustStore<FederationKitDbContext>(database);
        for (var round = 0; round < Rounds; round++)
        {
            var read = (await first.AddAsync(NewRequest())).Value;
            var accept = read with { State = TrustRequestState.Accepted, DecidedAt = T0.AddHours(1) };
            var reject = read with { State = TrustRequestState.Rejected, DecidedAt = T0.AddHours(1), RejectionReason = "unknown partner" };

            var results = await Task.WhenAll(Task.Run(() => first.UpdateAsync([accept])), Task.Run(() => second.UpdateAsync([reject])));

            Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
            Assert.That(results.Single(r => r.IsFailure).Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
            var winner = results.Single(r => r.IsSuccess).Value.Single();
            var stored = await first.FindAsync(read.Id);
            Assert.That(stored!.State, Is.EqualTo(winner.State));
            Assert.That(stored.RejectionReason, Is.EqualTo(winner.RejectionReason));
            Assert.That(stored.Version, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task TrustUpdate_TwoAdminsRevokeAndWithdrawOneAcceptedTrust_ExactlyOneWins()
    {
        var database = await PostgresDatabase.CreateAsync();
        var owner = new EntityFrameworkDirectoryTrustStore<FederationKitDbContext>(database);
        var trustee = new EntityFrameworkDirectoryTrustStore<FederationKitDbContext>(database);
        for (var round = 0; round < Rounds; round++)
        {
            var pending = (await owner.AddAsync(NewRequest())).Value;
            var accepted = (await owner.UpdateAsync([pending with { State = TrustRequestState.Accepted }])).Value.Single();
            var revoke = accepted with { State = TrustRequestState.Revoked, TrusteeUsers = [] };
            var withdraw = accepted with { State = TrustRequestState.Withdrawn, TrusteeUsers = [] };

            var results = await Task.WhenAll(Task.Run(() => owner.UpdateAsync([revoke])), Task.Run(() => trustee.UpdateAsync([withdraw])));

            Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
            Assert.That(results.Single(r => r.IsFailure).Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
            var stored = await owner.FindAsync(pending.Id);
            Assert.That(stored!.State, Is.EqualTo(results.Single(r => r.IsSuccess).Value.Single().State));
            Assert.That(stored.TrusteeUsers, Is.Empty);
            Assert.That(stored.Version, Is.EqualTo(3));
        }
    }

    [Test]
    public async Task Activate_TwoProfilesOfOneDirectoryAtOnce_LeavesExactlyOneActive_AWinner()
    {
        var database = await PostgresDatabase.CreateAsync();
        var first = new EntityFrameworkIdpProfileStore<FederationKitDbContext>(database);
        var second = new EntityFrameworkIdpProfileStore<FederationKitDbContext>(database);
        var owner = OwnerRef.Organization(OrganizationId.New());
        for (var round = 0; round < Rounds; round++)
        {
            var directory = DirectoryId.New();
            var previous = (await first.AddAsync(Saml(directory, owner) with { IsActive = round % 2 == 0 })).Value;
            var a = (await first.AddAsync(Saml(directory, owner))).Value;
            var b = (await first.AddAsync(Saml(directory, owner))).Value;

            var results = await Task.WhenAll(Task.Run(() => first.ActivateAsync(a.Id, a.Version)), Task.Run(() => second.ActivateAsync(b.Id, b.Version)));

            var profiles = await first.ListByDirectoryAsync(directory);
            var active = profiles.Where(p => p.IsActive).ToList();
            Assert.That(active, Has.Count.EqualTo(1));
            Assert.That(results.Where(r => r.IsFailure).Select(r => r.Error.Code), Is.All.EqualTo(StoreErrorCodes.ConcurrencyConflict));
            Assert.That(results.Where(r => r.IsSuccess).Select(r => r.Value.Id), Does.Contain(active[0].Id));
            Assert.That(profiles.Single(p => p.Id == previous.Id).IsActive, Is.False);
        }
    }

    [Test]
    public async Task Activate_OidcProfilesOfTwoDirectoriesOfOneOwnerAtOnce_ExactlyOneWins()
    {
        var database = await PostgresDatabase.CreateAsync();
        var first = new EntityFrameworkIdpProfileStore<FederationKitDbContext>(database);
        var second = new EntityFrameworkIdpProfileStore<FederationKitDbContext>(database);
        for (var round = 0; round < Rounds; round++)
        {
            var owner = OwnerRef.Organization(OrganizationId.New());
            var a = (await first.AddAsync(Oidc(DirectoryId.New(), owner))).Value;
            var b = (await first.AddAsync(Oidc(DirectoryId.New(), owner))).Value;

            var results = await Task.WhenAll(Task.Run(() => first.ActivateAsync(a.Id, a.Version)), Task.Run(() => second.ActivateAsync(b.Id, b.Version)));

            Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
            Assert.That(results.Single(r => r.IsFailure).Error.Code, Is.EqualTo(DirectoryErrorCodes.OidcProfileActiveElsewhere));
            var loser = results[0].IsSuccess ? b : a;
            Assert.That((await first.FindAsync(loser.Id))!.IsActive, Is.False);
        }
    }

    private static TrustRequest NewRequest() => new()
    {
        Id = TrustRequestId.New(),
        DirectoryId = DirectoryId.New(),
        DirectoryOwner = OwnerRef.Organization(OrganizationId.New()),
        TrusteeOrganizationId = OrganizationId.New(),
        Requester = new TrustRequester(UserId.New(), "Bea", "bea@beta.example", "Beta"),
        Domain = "acme.com",
        RequestedAt = T0,
        LastSentAt = T0,
        TrusteeUsers = [new TrusteeUser(UserId.New(), "c@acme.com", T0)],
    };

    private static IdpProfile Saml(DirectoryId directory, OwnerRef owner) => new()
    {
        Id = IdpProfileId.New(),
        DirectoryId = directory,
        Owner = owner,
        Name = "Okta",
        Protocol = IdentityProtocol.Saml,
        Saml = new SamlIdpSettings { EntityId = "https://idp.example/", SigningCertificates = ImmutableArray.Create("MIIB") },
        CreatedAt = T0,
    };

    private static IdpProfile Oidc(DirectoryId directory, OwnerRef owner) => Saml(directory, owner) with
    {
        Protocol = IdentityProtocol.Oidc,
        Saml = null,
        Oidc = new OidcIdpSettings { Issuer = new Uri("https://login.example/"), ClientId = "client" },
    };
}
