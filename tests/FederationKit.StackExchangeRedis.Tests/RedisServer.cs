using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FederationKit.StackExchangeRedis.Tests;

/// <summary>
/// A real redis-server (Debian package <c>redis-server</c>, installed by scripts/setup.d/65-redis.sh) started on 127.0.0.1
/// on a free port below the ephemeral range, without persistence, stopped by <see cref="Dispose"/>. Can be stopped and
/// started again on the same port to simulate an outage.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private const string Program = "/usr/bin/redis-server";
    private readonly string _directory;
    private Process? _process;

    private RedisServer(int port, string directory)
    {
        Port = port;
        _directory = directory;
    }

    /// <summary>The TCP port.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts a server on a free port and waits until it answers PING.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists(Program))
        {
            Assert.Fail("redis-server is missing: run scripts/setup.sh (Debian package redis-server).");
        }

        for (var attempt = 1; ; attempt++)
        {
            var directory = Path.Combine(Path.GetTempPath(), "fedkit-redis-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var server = new RedisServer(FreePort(), directory);
            if (await server.StartAgainAsync(throwOnFailure: attempt >= 4))
            {
                return server;
            }

            server.Dispose();
        }
    }

    /// <summary>Starts the server process again on the same port (after <see cref="Stop"/>).</summary>
    public Task RestartAsync() => StartAgainAsync(throwOnFailure: true);

    /// <summary>Kills the server process (an abrupt outage) and waits until it has exited.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private async Task<bool> StartAgainAsync(bool throwOnFailure)
    {
        var start = new ProcessStartInfo(Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[]
                 {
                     "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "",
                     "--appendonly", "no", "--daemonize", "no", "--dir", _directory, "--protected-mode", "yes",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StringBuilder();
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (await AnswersPingAsync())
            {
                return true;
            }

            await Task.Delay(50);
        }

        Stop();
        if (throwOnFailure)
        {
            lock (log)
            {
                Assert.Fail("redis-server did not start: " + log);
            }
        }

        return false;
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// A free TCP port on 127.0.0.1 below the kernel's ephemeral range (from 20000), so outgoing connections made meanwhile
    /// cannot take it, and it stays free for a restart on the same port.
    /// </summary>
    private static int FreePort() => FederationKit.Tests.Shared.TestPorts.Free();
}
