using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FederationKit.RoutingScale;

/// <summary>A throw-away PostgreSQL cluster on 127.0.0.1 (initdb, pg_ctl), as the EF tests start one; removed on dispose.</summary>
internal sealed class TemporaryPostgres : IDisposable
{
    private readonly string _bin;

    private TemporaryPostgres(string bin, string root, int port)
    {
        _bin = bin;
        Root = root;
        Port = port;
    }

    public string Root { get; }

    public int Port { get; }

    private string Data => Path.Combine(Root, "data");

    public static TemporaryPostgres Start()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).Order().Last();
        var root = Path.Combine(Path.GetTempPath(), "fedkit-scale-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var server = new TemporaryPostgres(bin, root, port);
        Run("chown", $"postgres {root}", asPostgres: false);
        Run(Path.Combine(bin, "initdb"), $"-D {server.Data} -U fedkit --auth=trust --encoding=UTF8 --no-sync", asPostgres: true);
        Run(Path.Combine(bin, "pg_ctl"),
            $"-D {server.Data} -l {Path.Combine(root, "server.log")} -w -o \"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=128MB -c max_wal_size=4GB\" start",
            asPostgres: true);
        return server;
    }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=fedkit;Database={database};Pooling=true";

    public void Dispose()
    {
        Run(Path.Combine(_bin, "pg_ctl"), $"-D {Data} -m immediate -w stop", asPostgres: true);
        Directory.Delete(Root, recursive: true);
    }

    private static void Run(string program, string arguments, bool asPostgres)
    {
        var start = asPostgres && Environment.UserName == "root"
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
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {error} {output.Result}");
        }
    }
}
