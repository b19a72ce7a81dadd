using FederationKit.Domains;
using FederationKit.Domains.InMemory;
using FederationKit.Organizations;
using FederationKit.Stores.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Hosting.Tests;

/// <summary>The stores several instances of a host share (a database), a clock, a resolver and one owner.</summary>
internal sealed class SharedDatabase
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public SharedDatabase()
    {
        var parent = new ParentOrganization
        {
            Id = ParentOrganizationId.New(),
            Name = "Acme",
            CreatedAt = Start,
            Administrators = [new OrganizationMember(Admin, "admin@acme.com", OrganizationRole.Owner)],
        };
        _ = Parents.AddAsync(parent).GetAwaiter().GetResult();
        Owner = parent.AsOwner;
    }

    public FlakyClaimStore Claims { get; } = new();

    public InMemoryOwnershipTokenStore Tokens { get; } = new();

    public InMemoryParentOrganizationStore Parents { get; } = new();

    public InMemoryOrganizationStore Organizations { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Start);

    public TestDnsResolver Dns { get; } = new();

    public OwnerRef Owner { get; }

    /// <summary>The parent organization's administrator, who adds its domains.</summary>
    public UserId Admin { get; } = UserId.New();

    /// <summary>Claims <paramref name="count"/> domains (acme0.com, acme1.com, …) through an instance; all are due at once.</summary>
    public async Task<IReadOnlyList<string>> ClaimDomainsAsync(DomainWorkerInstance instance, int count)
    {
        var names = Enumerable.Range(0, count).Select(i => $"acme{i}.com").ToList();
        foreach (var chunk in names.Chunk(15))
        {
            var added = await instance.Domains.AddDomainsAsync(Owner, Admin, chunk);
            Assert.That(added.Value.All(o => o.Result.IsSuccess), Is.True);
        }

        return names;
    }
}

/// <summary>One instance of a host: AddFederationKit over the shared stores, plus AddBackgroundWorkers.</summary>
internal sealed class DomainWorkerInstance : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DomainWorkerInstance(ServiceProvider services) => _services = services;

    public LogSink Logs => _services.GetRequiredService<LogSink>();

    public DomainClaimService Domains => _services.GetRequiredService<DomainClaimService>();

    internal DomainRecheckWorker Worker => _services.GetServices<IHostedService>().OfType<DomainRecheckWorker>().Single();

    public static DomainWorkerInstance Create(SharedDatabase database, Action<BackgroundWorkerOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(database.Clock);
        services.AddSingleton<IDomainClaimStore>(database.Claims);
        services.AddSingleton<IOwnershipTokenStore>(database.Tokens);
        services.AddSingleton<Stores.IParentOrganizationStore>(database.Parents);
        services.AddSingleton<Stores.IOrganizationStore>(database.Organizations);
        services.AddSingleton<IDnsTxtResolver>(database.Dns);
        services.AddSingleton<LogSink>();
        services.AddSingleton(typeof(ILogger<>), typeof(ListLogger<>));
        services.AddFederationKit().AddBackgroundWorkers(configure);
        return new DomainWorkerInstance(services.BuildServiceProvider());
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
