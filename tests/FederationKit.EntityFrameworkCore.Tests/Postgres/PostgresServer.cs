using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

/// <summary>One throwaway PostgreSQL cluster per test run (initdb + pg_ctl in a temp dir, 127.0.0.1, free port).</summary>
[SetUpFixture]
public sealed class PostgresServer
{
    private static string? _dataDirectory;
    private static string? _binDirectory;
    private static int _port;
    private static string? _root;

    /// <summary>The connection string of database <paramref name="database"/> on the running server.</summary>
    public static string ConnectionString(string database) =>
        _port == 0
            ? throw new InvalidOperationException("PostgreSQL is not running.")
            : $"Host=127.0.0.1;Port={_port};Username=fedkit;Database={database};Pooling=true;Maximum Pool Size=40;Connection Idle Lifetime=1;Connection Pruning Interval=1";

    [OneTimeSetUp]
    public void Start()
    {
        _binDirectory = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).Order().LastOrDefault()
            : null;
        if (_binDirectory is null)
        {
            Assert.Fail("PostgreSQL server binaries are missing: run scripts/setup.sh (Debian package postgresql).");
            return;
        }

        var root = Path.Combine(Path.GetTempPath(), "fedkit-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        _root = root;
        _dataDirectory = Path.Combine(root, "data");
        _port = FreePort();
        Run("chown", $"postgres {root}", asPostgres: false);
        Run(Path.Combine(_binDirectory, "initdb"), $"-D {_dataDirectory} -U fedkit --auth=trust --encoding=UTF8 --no-sync", asPostgres: true);
        Run(
            Path.Combine(_binDirectory, "pg_ctl"),
            $"-D {_dataDirectory} -l {Path.Combine(root, "server.log")} -w -o \"-p {_port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=1000 -c shared_buffers=64MB\" start",
            asPostgres: true);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        if (_binDirectory is not null && _dataDirectory is not null && _port != 0)
        {
            Run(Path.Combine(_binDirectory, "pg_ctl"), $"-D {_dataDirectory} -m immediate -w stop", asPostgres: true);
        }

        if (_root is not null && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static void Run(string program, string arguments, bool asPostgres)
    {
        var start = asPostgres && RunningAsRoot
            ? new ProcessStartInfo("runuser", $"-u postgres -- {program} {arguments}")
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Assert.Fail($"{program} {arguments} failed ({process.ExitCode}): {error} {output.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
