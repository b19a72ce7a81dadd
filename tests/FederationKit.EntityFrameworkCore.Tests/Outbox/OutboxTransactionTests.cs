using FederationKit.EntityFrameworkCore.Model;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.EntityFrameworkCore.Tests.Outbox;

/// <summary>
/// The transactional seam: a record and the outbox rows of its events staged on one context commit together, or, when the
/// save fails, neither is stored.
/// </summary>
public abstract class OutboxTransactionTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    protected abstract Task<IDbContextFactory<FederationKitDbContext>> CreateDatabase();

    [Test]
    public async Task Stage_SavedWithTheRecordInOneTransaction_BothStoredAndDeliverable()
    {
        var contexts = await CreateDatabase();
        var events = new[] { Added(), Added() };

        await using (var db = await contexts.CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Set<OneTimeEntryRow>().Add(Record("k1"));
            Assert.That(OutboxRows.Stage(db, FederationEventTypeRegistry.Core, events, _clock.GetUtcNow()).IsSuccess, Is.True);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await using var check = await contexts.CreateDbContextAsync();
        Assert.That(await check.Set<OneTimeEntryRow>().CountAsync(), Is.EqualTo(1));
        var claims = await Outbox(contexts).ClaimAsync(10, TimeSpan.FromMinutes(1));
        Assert.That(claims.Select(c => c.Entry.Event.EventId), Is.EqualTo(events.Select(e => e.EventId)));
    }

    [Test]
    public async Task Stage_TheRecordsSaveFails_NoEventStored()
    {
        var contexts = await CreateDatabase();
        await using (var seed = await contexts.CreateDbContextAsync())
        {
            seed.Set<OneTimeEntryRow>().Add(Record("taken"));
            await seed.SaveChangesAsync();
        }

        await using (var db = await contexts.CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.That(OutboxRows.Stage(db, FederationEventTypeRegistry.Core, [Added()], _clock.GetUtcNow()).IsSuccess, Is.True);
            db.Set<OneTimeEntryRow>().Add(Record("fresh"));
            db.Set<OneTimeEntryRow>().Add(Record("taken"));
            Assert.That(async () => await db.SaveChangesAsync(), Throws.InstanceOf<DbUpdateException>());
        }

        await using var check = await contexts.CreateDbContextAsync();
        Assert.That(await check.Set<EventOutboxRow>().CountAsync(), Is.Zero);
        Assert.That(await check.Set<OneTimeEntryRow>().CountAsync(), Is.EqualTo(1), "only the seed");
    }

    [Test]
    public async Task Stage_TransactionRolledBackAfterSave_NoEventStored()
    {
        var contexts = await CreateDatabase();

        await using (var db = await contexts.CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Set<OneTimeEntryRow>().Add(Record("k1"));
            OutboxRows.Stage(db, FederationEventTypeRegistry.Core, [Added()], _clock.GetUtcNow());
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using var check = await contexts.CreateDbContextAsync();
        Assert.That(await check.Set<EventOutboxRow>().CountAsync(), Is.Zero);
        Assert.That(await check.Set<OneTimeEntryRow>().CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Stage_UnregisteredEvent_RefusedAndNothingStaged()
    {
        var contexts = await CreateDatabase();
        await using var db = await contexts.CreateDbContextAsync();

        var staged = OutboxRows.Stage(db, FederationEventTypeRegistry.Core, [Added(), new StrayEvent(_clock.GetUtcNow())], _clock.GetUtcNow());

        Assert.That(staged.Error.Code, Is.EqualTo(OutboxErrorCodes.EventTypeUnregistered));
        Assert.That(db.ChangeTracker.Entries().Count(), Is.Zero);
    }

    private EntityFrameworkEventOutbox<FederationKitDbContext> Outbox(IDbContextFactory<FederationKitDbContext> contexts) => new(contexts, FederationEventTypeRegistry.Core, _clock);

    private OrganizationMemberAdded Added() => new(OrganizationId.New(), UserId.New(), OrganizationRole.Member, UserId.New(), _clock.GetUtcNow());

    private OneTimeEntryRow Record(string key) => new() { Purpose = "test", Key = key, EntryId = Guid.NewGuid(), Value = [1], ExpiresAtUnixMs = _clock.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds() };

    private sealed record StrayEvent(DateTimeOffset OccurredAt) : FederationKit.Events.FederationEvent("test.stray", OccurredAt);
}
