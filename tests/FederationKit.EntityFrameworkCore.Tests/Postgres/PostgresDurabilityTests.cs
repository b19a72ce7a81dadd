using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Organizations;
using Microsoft.Extensions.DependencyInjection;
using FederationKit.Stores;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

public sealed class PostgresDurabilityTests
{
    private static Organization NewOrganization() => new()
    {
        Id = OrganizationId.New(),
        Name = "Acme",
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    [Test]
    public async Task Update_TwoContextsRacingOnOneOrganization_ExactlyOneWins()
    {
        var database = await PostgresDatabase.CreateAsync();
        var first = new EntityFrameworkOrganizationStore<FederationKitDbContext>(database);
        var second = new EntityFrameworkOrganizationStore<FederationKitDbContext>(database);
        var added = (await first.AddAsync(NewOrganization())).Value;

        var results = await Task.WhenAll(
            Task.Run(() => first.UpdateAsync(added with { Name = "One" })),
            Task.Run(() => second.UpdateAsync(added with { Name = "Two" })));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
        Assert.That(results.Single(r => !r.IsSuccess).Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
    }

    [Test]
    public async Task Add_SameIdTwice_IsRefusedAsDuplicate()
    {
        var store = new EntityFrameworkOrganizationStore<FederationKitDbContext>(await PostgresDatabase.CreateAsync());
        var organization = NewOrganization();
        await store.AddAsync(organization);

        var result = await store.AddAsync(organization);

        Assert.That(result.Error.Code, Is.EqualTo(StoreErrorCodes.Duplicate));
    }

    [Test]
    public async Task Restart_NewProviderOnSameFile_DataIsStillThere()
    {
        var path = (await PostgresDatabase.CreateAsync()).ConnectionString;
        var organization = NewOrganization();
        await using (var before = BuildProvider(path))
        {
            await FederationKitSchema.EnsureFederationKitSchemaAsync(before);
            await before.GetRequiredService<IOrganizationStore>().AddAsync(organization);
        }

        await using var after = BuildProvider(path);
        var loaded = await after.GetRequiredService<IOrganizationStore>().FindAsync(organization.Id);

        Assert.That(loaded?.Name, Is.EqualTo("Acme"));
        Assert.That(after.GetRequiredService<IOrganizationStore>(), Is.TypeOf<EntityFrameworkOrganizationStore<FederationKitDbContext>>());
    }

    private static ServiceProvider BuildProvider(string path)
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseNpgsql(path));
        return services.BuildServiceProvider();
    }
}
