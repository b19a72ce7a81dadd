using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using FederationKit.Stores;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.EntityFrameworkCore.Tests.StoreWrites;

/// <summary>
/// Writes that are not change sets, wired as a host wires them (EF Core stores and the event outbox on one database): each
/// write, measured once, then failed at each of its database commands, keeps its rows and its events together or neither.
/// Subclasses add the writes of each service; this one holds the harness and the directory writes.
/// </summary>
public abstract partial class StoreWriteFaultInjectionTests
{
    /// <summary>A context factory on a new database whose commands pass through <paramref name="interceptor"/>.</summary>
    protected abstract Task<IDbContextFactory<FederationKitDbContext>> NewDatabaseAsync(FailingCommandInterceptor interceptor);

    [Test]
    public async Task Wiring_EntityFrameworkStoresWithTheOutbox_WritesRunInOneTransactionWithTheirEvents()
    {
        await using var host = await StartAsync();
        Assert.That(host.Services.GetRequiredService<IStoreWriteTransactions>(), Is.TypeOf<EntityFrameworkStoreWriteTransactions<FederationKitDbContext>>());
        Assert.That(host.Services.GetRequiredService<IStoreWriteTransactions>().StoresEvents, Is.True);
    }

    [Test]
    public async Task DirectoryWrites_FailingAtEachCommand_KeepTheRowAndItsEventTogether()
    {
        await using var host = await StartAsync();
        var directories = host.Services.GetRequiredService<DirectoryService>();
        var (owner, admin) = await host.OrganizationAsync();
        var target = (await directories.CreateDirectoryAsync(owner, admin, "Target", DirectoryIdentityType.Federated)).Value.Id;
        var doomed = default(DirectoryId);
        var n = 0;
        await host.RunAsync(
        [
            new("create", null, async () => (await directories.CreateDirectoryAsync(owner, admin, $"Staff {n++}", DirectoryIdentityType.Enterprise)).IsSuccess,
                db => db.Set<Model.DirectoryRow>().LongCountAsync()),
            new("rename", null, async () => (await directories.RenameDirectoryAsync(target, admin, $"Renamed {n++}")).IsSuccess,
                async db => (await db.Set<Model.DirectoryRow>().SingleAsync(r => r.Id == target.Value)).Version),
            new("delete",
                async () => doomed = (await directories.CreateDirectoryAsync(owner, admin, $"Doomed {n++}", DirectoryIdentityType.Federated)).Value.Id,
                async () => (await directories.DeleteDirectoryAsync(doomed, admin)).IsSuccess,
                db => db.Set<Model.DirectoryRow>().LongCountAsync(r => !r.IsBeingDeleted)),
        ]);
    }

    /// <summary>Starts the services on a new database, wired with the EF Core stores and the event outbox.</summary>
    protected async Task<WiredDatabase> StartAsync()
    {
        var interceptor = new FailingCommandInterceptor();
        var contexts = await NewDatabaseAsync(interceptor);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton(contexts);
        services.AddFederationKit().AddEventOutbox().AddEntityFrameworkStores<FederationKitDbContext>();
        return new WiredDatabase(services.BuildServiceProvider(), contexts, interceptor);
    }

    /// <summary>One write of a service and what it stores.</summary>
    /// <param name="Name">Names the write in failures.</param>
    /// <param name="Arrange">Prepares each run (its commands are not counted), or null.</param>
    /// <param name="Write">Runs it; true when it succeeded.</param>
    /// <param name="Observe">Reads what it changes (a count, a version): unchanged by a failed write.</param>
    protected sealed record StoreWrite(string Name, Func<Task>? Arrange, Func<Task<bool>> Write, Func<FederationKitDbContext, Task<long>> Observe);

    /// <summary>The services on one database, with its fault injector.</summary>
    protected sealed class WiredDatabase(ServiceProvider services, IDbContextFactory<FederationKitDbContext> contexts, FailingCommandInterceptor interceptor) : IAsyncDisposable
    {
        public IServiceProvider Services => services;

        public FailingCommandInterceptor Interceptor => interceptor;

        /// <summary>An organization with an owner who administers it.</summary>
        public async Task<(OwnerRef Owner, UserId Admin)> OrganizationAsync()
        {
            var admin = UserId.New();
            var created = await services.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", admin, "owner@acme.example");
            Assert.That(created.IsSuccess, Is.True, created.IsFailure ? created.Error.Code : null);
            return (OwnerRef.Organization(created.Value.Id), admin);
        }

        /// <summary>
        /// Measures each write's commands, then fails it at each one: a failed write changes neither what it observes nor the
        /// number of outbox rows; a successful one adds exactly the events it raised.
        /// </summary>
        public async Task RunAsync(IReadOnlyList<StoreWrite> writes)
        {
            foreach (var write in writes)
            {
                var (events, before) = await ArrangeAsync(write);
                interceptor.Arm(0);
                interceptor.Record = true;
                interceptor.Recorded.Clear();
                Assert.That(await write.Write(), Is.True, $"{write.Name}: measured run");
                interceptor.Record = false;
                var sent = string.Join("\n", interceptor.Recorded.Select((c, i) => $"{i + 1}: {c.ReplaceLineEndings(" ")}"));
                var commands = interceptor.Count;
                Assert.That(await ObserveAsync(write), Is.Not.EqualTo(before), $"{write.Name}: the measured run changes what it observes");
                Assert.That(await CountEventsAsync(), Is.GreaterThan(events), $"{write.Name}: its events are in the outbox");

                for (var step = 1; step <= commands; step++)
                {
                    (events, before) = await ArrangeAsync(write);
                    interceptor.Arm(step);
                    var succeeded = false;
                    try
                    {
                        succeeded = await write.Write();
                    }
                    catch (Exception exception) when (exception.ToString().Contains("Injected fault", StringComparison.Ordinal))
                    {
                    }

                    interceptor.Arm(0);
                    if (succeeded)
                    {
                        // Fewer commands than the measured run (EF Core cached what it looked up): the fault was never reached.
                        Assert.That(await CountEventsAsync(), Is.GreaterThan(events), $"{write.Name}, step {step}: a kept write keeps its events");
                        continue;
                    }

                    Assert.That(await ObserveAsync(write), Is.EqualTo(before), $"{write.Name}, step {step}: the row\n{sent}");
                    Assert.That(await CountEventsAsync(), Is.EqualTo(events), $"{write.Name}, step {step}: its events");
                }
            }
        }

        private async Task<(int Events, long Observed)> ArrangeAsync(StoreWrite write)
        {
            interceptor.Arm(0);
            if (write.Arrange is { } arrange)
            {
                await arrange();
            }

            return (await CountEventsAsync(), await ObserveAsync(write));
        }

        public async ValueTask DisposeAsync() => await services.DisposeAsync();

        private async Task<long> ObserveAsync(StoreWrite write)
        {
            await using var db = await contexts.CreateDbContextAsync();
            return await write.Observe(db);
        }

        private async Task<int> CountEventsAsync()
        {
            await using var db = await contexts.CreateDbContextAsync();
            return await db.Set<Model.EventOutboxRow>().CountAsync();
        }
    }
}
