using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.EntityFrameworkCore.PostgreSql;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.Stores;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

/// <summary>
/// Two application instances (two service providers, each with its own connections and event sink) on one PostgreSQL
/// database, where two admins act on the same trust request at once: exactly one wins, one event is published, nothing is
/// written twice or half.
/// </summary>
public sealed class PostgresTrustServiceRaceTests
{
    private const int Rounds = 10;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task AcceptAndReject_ByTwoOwnerAdminsOnTwoInstances_ExactlyOneWins()
    {
        var database = await PostgresDatabase.CreateAsync();
        await using var one = Instance(database.ConnectionString, out var eventsOne);
        await using var two = Instance(database.ConnectionString, out var eventsTwo);
        var (directoryOwner, ownerAdmin) = await NewOwnerWithAdminAsync(one);
        for (var round = 0; round < Rounds; round++)
        {
            var request = (await one.GetRequiredService<IDirectoryTrustStore>().AddAsync(NewRequest(OrganizationId.New(), directoryOwner))).Value;
            var before = eventsOne.Events.Count + eventsTwo.Events.Count;

            var accepted = Task.Run(() => one.GetRequiredService<DirectoryTrustService>().AcceptAsync(request.DirectoryOwner, ownerAdmin, [request.Id]));
            var rejected = Task.Run(() => two.GetRequiredService<DirectoryTrustService>().RejectAsync(request.DirectoryOwner, ownerAdmin, request.Id, "unknown partner"));
            await Task.WhenAll(accepted, rejected);

            var outcomes = new[] { accepted.Result.IsSuccess, rejected.Result.IsSuccess };
            Assert.That(outcomes.Count(s => s), Is.EqualTo(1));
            var loserCode = accepted.Result.IsSuccess ? rejected.Result.Error.Code : accepted.Result.Error.Code;
            Assert.That(loserCode, Is.AnyOf(StoreErrorCodes.ConcurrencyConflict, TrustErrorCodes.NotPending));
            var stored = await two.GetRequiredService<IDirectoryTrustStore>().FindAsync(request.Id);
            Assert.That(stored!.State, Is.EqualTo(accepted.Result.IsSuccess ? TrustRequestState.Accepted : TrustRequestState.Rejected));
            Assert.That(eventsOne.Events.Count + eventsTwo.Events.Count - before, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task RevokeAndWithdraw_OnTwoInstances_ExactlyOneWins_TrusteeUserRemovedOnce()
    {
        var database = await PostgresDatabase.CreateAsync();
        await using var owner = Instance(database.ConnectionString, out var ownerEvents);
        await using var trustee = Instance(database.ConnectionString, out var trusteeEvents);
        var (directoryOwner, ownerAdmin) = await NewOwnerWithAdminAsync(owner);
        for (var round = 0; round < Rounds; round++)
        {
            var bea = UserId.New();
            var user = new OrganizationMember(UserId.New(), "carol@acme.com", OrganizationRole.Member);
            var organization = (await owner.GetRequiredService<IOrganizationStore>().AddAsync(new Organization
            {
                Id = OrganizationId.New(),
                Name = "Beta",
                CreatedAt = T0,
            })).Value;
            var joined = await owner.GetRequiredService<IChangeSetStore>().CommitAsync(ChangeSet.Empty
                .AddMembership(MembershipChanges.NewLocalMember(organization.Id, bea, "bea@beta.example", OrganizationRole.Owner, T0))
                .AddMembership(MembershipChanges.NewLocalMember(organization.Id, user.UserId, user.Email, OrganizationRole.Member, T0)));
            Assert.That(joined.IsSuccess, Is.True);
            var store = owner.GetRequiredService<IDirectoryTrustStore>();
            var pending = (await store.AddAsync(NewRequest(organization.Id, directoryOwner) with { TrusteeUsers = [new TrusteeUser(user.UserId, user.Email, T0)] })).Value;
            var trust = (await store.UpdateAsync([pending with { State = TrustRequestState.Accepted, DecidedAt = T0 }])).Value.Single();
            var before = ownerEvents.Events.Count + trusteeEvents.Events.Count;

            var revoked = Task.Run(() => owner.GetRequiredService<DirectoryTrustService>().RevokeAsync(trust.DirectoryOwner, ownerAdmin, trust.Id));
            var withdrawn = Task.Run(() => trustee.GetRequiredService<DirectoryTrustService>().WithdrawAsync(organization.Id, bea, trust.Id));
            await Task.WhenAll(revoked, withdrawn);

            Assert.That(new[] { revoked.Result.IsSuccess, withdrawn.Result.IsSuccess }.Count(s => s), Is.EqualTo(1));
            var loser = revoked.Result.IsSuccess ? withdrawn.Result : revoked.Result;
            Assert.That(loser.Error.Code, Is.EqualTo(TrustErrorCodes.NotAccepted));
            var memberships = trustee.GetRequiredService<IMembershipStore>();
            Assert.That(await memberships.FindAsync(organization.Id, user.UserId), Is.Null);
            Assert.That(await memberships.ListByOrganizationAsync(organization.Id, null, 10), Has.Count.EqualTo(1));
            var published = ownerEvents.Events.Concat(trusteeEvents.Events).ToList();
            Assert.That(ownerEvents.Events.Count + trusteeEvents.Events.Count - before, Is.EqualTo(2), "one trust.revoked or trust.withdrawn, one trust.user.removed");
            Assert.That(published.Count(e => e.Type == DirectoryEventTypes.TrusteeUserRemoved), Is.EqualTo(round + 1));
        }
    }

    private static ServiceProvider Instance(string connectionString, out InMemoryFederationEventSink events)
    {
        events = new InMemoryFederationEventSink();
        var services = new ServiceCollection();
        services.AddSingleton<IFederationEventSink>(events);
        services.AddSingleton<IDomainOwnerQuery, NoDomainOwners>(); // not used by these flows; main has no registration yet
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseFederationKitNpgsql(connectionString));
        return services.BuildServiceProvider();
    }

    // The directory's owner: a stored organization with one admin member, who accepts, rejects and revokes.
    private static async Task<(OwnerRef Owner, UserId Admin)> NewOwnerWithAdminAsync(ServiceProvider services)
    {
        var organization = (await services.GetRequiredService<IOrganizationStore>().AddAsync(new Organization
        {
            Id = OrganizationId.New(),
            Name = "Acme",
            CreatedAt = T0,
        })).Value;
        var admin = UserId.New();
        var joined = await services.GetRequiredService<IChangeSetStore>().CommitAsync(ChangeSet.Empty
            .AddMembership(MembershipChanges.NewLocalMember(organization.Id, admin, "admin@acme.com", OrganizationRole.Admin, T0)));
        Assert.That(joined.IsSuccess, Is.True);
        return (OwnerRef.Organization(organization.Id), admin);
    }

    private static TrustRequest NewRequest(OrganizationId trustee, OwnerRef directoryOwner) => new()
    {
        Id = TrustRequestId.New(),
        DirectoryId = DirectoryId.New(),
        DirectoryOwner = directoryOwner,
        TrusteeOrganizationId = trustee,
        Requester = new TrustRequester(UserId.New(), "Bea", "bea@beta.example", "Beta"),
        Domain = "acme.com",
        RequestedAt = T0,
        LastSentAt = T0,
    };

    private sealed class NoDomainOwners : IDomainOwnerQuery
    {
        public Task<OwnerRef?> FindOwnerAsync(string domain, CancellationToken cancellationToken = default) => Task.FromResult<OwnerRef?>(null);
    }
}
