using BenchmarkDotNet.Attributes;
using FederationKit.Directories;
using FederationKit.DirectorySync;
using FederationKit.EntityFrameworkCore;
using FederationKit.EntityFrameworkCore.PostgreSql;
using FederationKit.EntityFrameworkCore.Sqlite;
using FederationKit.Organizations;
using FederationKit.Scim;
using FederationKit.SignIn.Lifecycle;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FederationKit.Benchmarks;

/// <summary>
/// <c>GET /Users?filter=…</c> through the SCIM request processor and <c>DirectorySyncScimRepository</c> over the real
/// Entity Framework Core store on SQLite and on PostgreSQL (a throw-away cluster on 127.0.0.1), one directory of
/// <see cref="Users"/> users. Baseline: the path before issue 18's
/// scale work, which answered any filter without an indexed <c>eq</c> by reading the whole directory page by page and
/// evaluating the filter in memory (reproduced here over the same service: every page of
/// <see cref="DirectorySyncService.ListUsersAsync"/>, then the match).
/// </summary>
[MemoryDiagnoser]
public class ScimFilterBenchmarks
{
    private ServiceProvider _provider = null!;
    private ScimRequestProcessor _processor = null!;
    private DirectorySyncService _sync = null!;
    private ScimRequestContext _context = null!;
    private DirectorySyncCaller _caller = null!;
    private string _root = null!;
    private FederationKit.RoutingScale.TemporaryPostgres? _postgres;

    /// <summary>How many users the directory has.</summary>
    [Params(10_000)]
    public int Users { get; set; }

    /// <summary>The database.</summary>
    [Params("SQLite", "PostgreSQL")]
    public string Store { get; set; } = "SQLite";

    /// <summary>Creates the SQLite database and commits the directory's users in batches.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _root = Path.Combine(Path.GetTempPath(), "fk-scim-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        var services = new ServiceCollection();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        if (Store == "PostgreSQL")
        {
            _postgres = FederationKit.RoutingScale.TemporaryPostgres.Start();
        }

        services.AddFederationKit(o => o.DirectorySync.MaxFilterScan = Users)
            .AddEntityFrameworkStores(o =>
            {
                if (_postgres is null)
                {
                    o.UseFederationKitSqlite($"Data Source={Path.Combine(_root, "scim.db")}");
                }
                else
                {
                    o.UseFederationKitNpgsql(_postgres.ConnectionString("fk_scim"));
                }
            });
        services.AddSingleton<IScimResourceRepository, FederationKit.Scim.DirectorySync.DirectorySyncScimRepository>();
        _provider = services.BuildServiceProvider();
        await FederationKitSchema.EnsureFederationKitSchemaAsync(_provider);

        var directory = DirectoryId.New();
        var changes = _provider.GetRequiredService<IChangeSetStore>();
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        for (var batch = 0; batch < Users; batch += 500)
        {
            var change = ChangeSet.Empty;
            for (var i = batch; i < Math.Min(Users, batch + 500); i++)
            {
                var id = UserId.New();
                change = change.AddUser(new FederatedUser
                {
                    Id = id, DirectoryId = directory, Subject = FederatedUser.UnboundSubjectPrefix + id, Email = $"user{i}@acme.example",
                    CreatedAt = now, LastSignInAt = now, SecurityStamp = SecurityStamps.New(), ExternalId = "ext-" + i,
                    UserName = $"user{i}@acme.example", DisplayName = "User " + i, LastModifiedAt = now.AddSeconds(i),
                });
            }

            var committed = await changes.CommitAsync(change);
            if (committed.IsFailure)
            {
                throw new InvalidOperationException(committed.Error.ToString());
            }
        }

        _sync = _provider.GetRequiredService<DirectorySyncService>();
        _processor = new ScimRequestProcessor(_provider.GetRequiredService<IScimResourceRepository>(), Options.Create(new ScimProcessorOptions()));
        _context = new ScimRequestContext(directory, "bench-token", null) { BaseUrl = "https://app.example/scim/v2/" + directory };
        _caller = new DirectorySyncCaller(directory, "bench-token");
    }

    /// <summary>Deletes the database.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        _postgres?.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>The old path of any filter without an indexed <c>eq</c>: every page of the directory read, then the filter evaluated.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> OldPath_FullDirectoryRead()
    {
        var all = new List<FederationKit.DirectorySync.Users.DirectorySyncUser>();
        while (true)
        {
            var page = await _sync.ListUsersAsync(_caller, all.Count, 200);
            all.AddRange(page.Items);
            if (page.Items.IsEmpty || all.Count >= page.TotalCount)
            {
                return all.Count(u => string.Equals(u.DisplayName, "User 5000", StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    /// <summary><c>userName eq</c> (what Entra ID and Okta send): one indexed store query.</summary>
    [Benchmark]
    public Task<int> UserNameEq() => ListAsync("userName eq \"user5000@acme.example\"");

    /// <summary><c>displayName eq</c>: pushed into the store query (SQL <c>lower()</c>, no index), no user loaded but the match.</summary>
    [Benchmark]
    public Task<int> DisplayNameEq() => ListAsync("displayName eq \"User 5000\"");

    /// <summary><c>meta.lastModified gt</c> with a page of 100: one store query with the total.</summary>
    [Benchmark]
    public Task<int> LastModifiedGt() => ListAsync("meta.lastModified gt \"2026-12-01T02:00:00Z\"");

    /// <summary><c>displayName co</c>, which no store answers: evaluated over pages of <c>MaxPageSize</c>, only the requested page kept.</summary>
    [Benchmark]
    public Task<int> DisplayNameCo_ChunkedScan() => ListAsync("displayName co \"5000\"");

    private async Task<int> ListAsync(string filter)
    {
        var response = await _processor.ListAsync(_context, ScimResourceType.User, new ScimListParameters(Filter: filter), CancellationToken.None);
        if (response.StatusCode != 200)
        {
            throw new InvalidOperationException(response.Body?.ToJsonString());
        }

        return (int)response.Body!["totalResults"]!;
    }
}
