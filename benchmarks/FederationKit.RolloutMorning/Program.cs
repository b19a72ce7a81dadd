using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FederationKit;
using FederationKit.Domains;
using FederationKit.EntityFrameworkCore;
using FederationKit.EntityFrameworkCore.PostgreSql;
using FederationKit.EntityFrameworkCore.Sqlite;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using FederationKit.RolloutMorning;
using FederationKit.RoutingScale;
using FederationKit.SignIn;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

// Issue 19's benchmarks on the data model as it is: (1) the first sign-in of a new user into one organization that already
// has 100, 1,000 and 10,000 members, on SQLite and PostgreSQL; (2) a roll-out morning on PostgreSQL: 1,000 first sign-ins
// into one organization by 1, 16 and 64 concurrent workers. Only Seed.cs knows how memberships are stored.
// With --outbox the host opts into the event outbox (AddEventOutbox(): a change set's events are written in its own
// transaction) and, during each morning, runs the outbox dispatcher once a second as a host's background worker would.
// Usage: dotnet run -c Release --project benchmarks/FederationKit.RolloutMorning [-- --joins 50 --total 1000 --workers 1,16,64 --sizes 100,1000,10000 --skip-sqlite --skip-growth --skip-morning --outbox]
var joins = Option("--joins", 50);
var total = Option("--total", 1_000);
var workerCounts = List("--workers", [1, 16, 64]);
var sizes = List("--sizes", [100, 1_000, 10_000]);
var outbox = args.Contains("--outbox");
var root = Directory.CreateTempSubdirectory("fedkit-rollout-").FullName;
Console.WriteLine($"FederationKit roll-out morning harness, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {LoadAverage()}, event outbox {(outbox ? "on" : "off")}");
try
{
    using var postgres = TemporaryPostgres.Start();
    Console.WriteLine($"PostgreSQL on 127.0.0.1:{postgres.Port}; SQLite in {root}");
    if (!args.Contains("--skip-growth"))
    {
        Console.WriteLine();
        Console.WriteLine($"(1) First sign-in into one organization with N existing members: {joins} joins per size, sequential");
        if (!args.Contains("--skip-sqlite"))
        {
            await GrowthAsync("SQLite", o => o.UseFederationKitSqlite($"Data Source={Path.Combine(root, "growth.db")}"));
        }

        await GrowthAsync("PostgreSQL", o => o.UseFederationKitNpgsql(postgres.ConnectionString("fk_growth")));
    }

    if (!args.Contains("--skip-morning"))
    {
        Console.WriteLine();
        Console.WriteLine($"(2) Roll-out morning on PostgreSQL: {total:N0} first sign-ins into one new organization per row");
        foreach (var workers in workerCounts)
        {
            await MorningAsync(workers, o => o.UseFederationKitNpgsql(postgres.ConnectionString($"fk_morning_{workers}")));
        }
    }
}
finally
{
    Directory.Delete(root, recursive: true);
}

async Task GrowthAsync(string database, Action<Microsoft.EntityFrameworkCore.DbContextOptionsBuilder> use)
{
    var (provider, dns, counter) = await StartAsync(use, "growth-" + database);
    await using var _ = provider;
    var scenario = await Scenario.CreateAsync(provider, dns, "growth.example");
    // One warm-up sign-in: the EF model, query compilation, first connections (a host pays them at start).
    await ExpectMemberAsync(provider, scenario, scenario.Identity("warmup", 0));
    var joined = 0;
    foreach (var size in sizes)
    {
        var seeding = Stopwatch.StartNew();
        await Seed.AddExistingMembersAsync(provider, scenario.Organization, size);
        seeding.Stop();
        var times = new List<double>(joins);
        var commandsBefore = counter.Commands;
        var conflictsBefore = counter.Conflicts;
        for (var i = 0; i < joins; i++)
        {
            var identity = scenario.Identity($"join{size}", joined++);
            var watch = Stopwatch.StartNew();
            var outcome = await scenario.SignInAsync(identity);
            watch.Stop();
            if (outcome.IsFailure || !outcome.Value.UserCreated)
            {
                throw new InvalidOperationException($"A first sign-in failed: {(outcome.IsFailure ? outcome.Error.ToString() : "no user created")}");
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {database,-10} {size,6:N0} members (seeded in {seeding.Elapsed.TotalSeconds:F1} s): median {Stats.Percentile(times, 0.5),7:F2} ms, p95 {Stats.Percentile(times, 0.95),7:F2} ms, mean {times.Average(),7:F2} ms, {(double)(counter.Commands - commandsBefore) / joins:F1} commands and {counter.Conflicts - conflictsBefore} conflicts per {joins} joins"));
    }
}

async Task MorningAsync(int workers, Action<Microsoft.EntityFrameworkCore.DbContextOptionsBuilder> use)
{
    var (provider, dns, counter) = await StartAsync(use, "morning-" + workers);
    await using var _ = provider;
    var scenario = await Scenario.CreateAsync(provider, dns, $"rollout{workers}.example");
    await ExpectMemberAsync(provider, scenario, scenario.Identity("warmup", 0));
    var next = -1;
    var latencies = new ConcurrentBag<double>();
    var failures = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
    var (commandsBefore, conflictsBefore, byTableBefore) = (counter.Commands, counter.Conflicts, counter.ConflictsByTable);
    var load = LoadAverage();
    using var stopDispatch = new CancellationTokenSource();
    var dispatching = outbox ? DispatchEverySecondAsync(provider, stopDispatch.Token) : Task.FromResult((Checked: 0, Delivered: 0, Failures: 0));
    var elapsed = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
    {
        int n;
        while ((n = Interlocked.Increment(ref next)) < total)
        {
            var watch = Stopwatch.StartNew();
            string? code;
            try
            {
                var outcome = await scenario.SignInAsync(scenario.Identity("employee", n));
                code = outcome.IsSuccess ? null : outcome.Error.Code;
            }
            catch (Exception exception)
            {
                code = "exception:" + exception.GetType().Name;
            }

            watch.Stop();
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            if (code is not null)
            {
                failures.AddOrUpdate(code, 1, (_, count) => count + 1);
            }
        }
    })));
    elapsed.Stop();
    await stopDispatch.CancelAsync();
    var dispatched = await dispatching;

    // The state left behind: every employee that has a user must be a member exactly once.
    var users = new Dictionary<int, UserId>();
    for (var n = 0; n < total; n++)
    {
        if (await scenario.UserOfAsync(scenario.Identity("employee", n).Subject) is { } user)
        {
            users[n] = user;
        }
    }

    var memberships = await Seed.MembershipsAsync(provider, scenario.Organization, users.Values);
    var notMember = memberships.Count(m => m.Value == 0);
    var duplicated = memberships.Count(m => m.Value > 1);
    var failed = failures.Values.Sum();
    var succeeded = total - failed;
    var sorted = latencies.ToList();
    var byTable = string.Join(", ", counter.ConflictsByTable.Select(t => (t.Key, Count: t.Value - byTableBefore.GetValueOrDefault(t.Key))).Where(t => t.Count > 0).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key} {t.Count}"));
    var dispatchedText = outbox ? string.Create(CultureInfo.InvariantCulture, $"outbox dispatcher during the run: {dispatched.Checked:N0} claimed, {dispatched.Delivered:N0} delivered, {dispatched.Failures} failures; ") : string.Empty;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {workers,2} workers: {succeeded:N0} succeeded, {failed} failed{(failed > 0 ? " (" + string.Join(", ", failures.OrderBy(f => f.Key).Select(f => $"{f.Key} x{f.Value}")) + ")" : string.Empty)}; "
        + $"{users.Count:N0} users created, {notMember} created but not a member, {duplicated} members twice; "
        + $"{succeeded / elapsed.Elapsed.TotalSeconds:F1} sign-ins/s over {elapsed.Elapsed.TotalSeconds:F1} s; latency median {Stats.Percentile(sorted, 0.5):F1} ms, p95 {Stats.Percentile(sorted, 0.95):F1} ms, max {sorted.Max():F1} ms; "
        + $"{dispatchedText}{counter.Conflicts - conflictsBefore} conflicts{(byTable.Length > 0 ? " [" + byTable + "]" : string.Empty)} ({(double)(counter.Conflicts - conflictsBefore) / total:F2} retries per sign-in), {(double)(counter.Commands - commandsBefore) / total:F1} commands per sign-in; load {load} -> {LoadAverage()}"));
}

async Task<(ServiceProvider Provider, PublishedTxtRecords Dns, DatabaseCounter Counter)> StartAsync(Action<Microsoft.EntityFrameworkCore.DbContextOptionsBuilder> use, string name)
{
    var dns = new PublishedTxtRecords();
    var counter = new DatabaseCounter();
    var services = new ServiceCollection();
    services.AddSingleton<IDnsTxtResolver>(dns);
    services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(root, "keys-" + name)));
    var federationKit = services.AddFederationKit();
    if (outbox)
    {
        federationKit.AddEventOutbox();
    }

    federationKit.AddEntityFrameworkStores(o =>
    {
        use(o);
        o.AddInterceptors(counter);
    });
    var provider = services.BuildServiceProvider();
    await FederationKitSchema.EnsureFederationKitSchemaAsync(provider);
    return (provider, dns, counter);
}

// The outbox dispatcher as a host's background worker runs it, once a second until the morning is over.
static async Task<(int Checked, int Delivered, int Failures)> DispatchEverySecondAsync(IServiceProvider provider, CancellationToken stop)
{
    var dispatcher = provider.GetRequiredService<FederationEventDispatcher>();
    var (claimed, delivered, failures) = (0, 0, 0);
    while (!stop.IsCancellationRequested)
    {
        var report = await dispatcher.DispatchAsync(CancellationToken.None);
        (claimed, delivered, failures) = (claimed + report.Checked, delivered + report.Changed, failures + report.Failures.Count);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), stop);
        }
        catch (OperationCanceledException)
        {
            break;
        }
    }

    return (claimed, delivered, failures);
}

static async Task ExpectMemberAsync(IServiceProvider provider, Scenario scenario, FederatedIdentity identity)
{
    var outcome = await scenario.SignInAsync(identity);
    if (outcome.IsFailure)
    {
        throw new InvalidOperationException($"The first sign-in failed: {outcome.Error}");
    }

    var memberships = await Seed.MembershipsAsync(provider, scenario.Organization, [outcome.Value.UserId]);
    if (memberships[outcome.Value.UserId] != 1)
    {
        throw new InvalidOperationException("The first sign-in did not make the user a member of the organization.");
    }
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

int[] List(string name, int[] fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1].Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray() : fallback;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
