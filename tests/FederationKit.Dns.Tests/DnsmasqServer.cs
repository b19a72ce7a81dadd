using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DnsClient;

namespace FederationKit.Dns.Tests;

/// <summary>
/// A real dnsmasq (Debian <c>dnsmasq-base</c>, installed by scripts/setup.d/10-dns.sh) on 127.0.0.1 on a free port, serving the
/// given records for the <c>example.test</c> zone (names there that are not configured answer NXDOMAIN). Tests fail when dnsmasq is missing.
/// </summary>
internal sealed class DnsmasqServer : IDisposable
{
    public const string Executable = "/usr/sbin/dnsmasq";
    public const string Zone = "example.test";
    private const string ReadyName = "ready." + Zone;

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private DnsmasqServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The server as <c>127.0.0.1:port</c>.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts dnsmasq with extra options such as <c>--txt-record=name,"text"</c> and waits until it answers.</summary>
    public static Task<DnsmasqServer> StartAsync(params string[] records) => StartAsync(0, records);

    /// <summary>Starts dnsmasq on <paramref name="port"/> (0: a free one) and waits until it answers.</summary>
    public static async Task<DnsmasqServer> StartAsync(int port, params string[] records)
    {
        if (!File.Exists(Executable))
        {
            Assert.Fail($"{Executable} is missing: run scripts/setup.sh (scripts/setup.d/10-dns.sh installs Debian dnsmasq-base).");
        }

        var fixedPort = port;
        for (var attempt = 0; ; attempt++)
        {
            port = fixedPort > 0 ? fixedPort : FreePort();
            var info = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--no-daemon", $"--port={port}", "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                "--conf-file=/dev/null", "--pid-file=", "--cache-size=0", "--log-facility=-", "--log-queries",
                $"--local=/{Zone}/", $"--txt-record={ReadyName},ready",
            }.Concat(records))
            {
                info.ArgumentList.Add(arg);
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dnsmasq");
            var server = new DnsmasqServer(process, port);
            process.OutputDataReceived += (_, e) => server.Append(e.Data);
            process.ErrorDataReceived += (_, e) => server.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (await server.WaitUntilReadyAsync())
            {
                return server;
            }

            var log = server.Log;
            server.Dispose();
            if (attempt >= 4)
            {
                Assert.Fail("dnsmasq did not start: " + log);
            }
        }
    }

    /// <summary>
    /// A free port on 127.0.0.1 for both UDP and TCP (closed again before dnsmasq binds it). It is taken below the kernel's
    /// ephemeral range (from 20000), so the outgoing connections of browsers, apps and IdPs started meanwhile cannot take
    /// it before dnsmasq starts, which can be many seconds later.
    /// </summary>
    public static int FreePort() => FederationKit.Tests.Shared.TestPorts.Free();

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private async Task<bool> WaitUntilReadyAsync()
    {
        var client = new LookupClient(new LookupClientOptions(new IPEndPoint(IPAddress.Loopback, Port))
        {
            Timeout = TimeSpan.FromMilliseconds(300),
            Retries = 0,
            UseCache = false,
            ThrowDnsErrors = false,
        });
        for (var i = 0; i < 50; i++)
        {
            if (_process.HasExited)
            {
                return false;
            }

            try
            {
                var response = await client.QueryAsync(ReadyName, QueryType.TXT);
                if (response.Answers.TxtRecords().Any())
                {
                    return true;
                }
            }
            catch (DnsResponseException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        return false;
    }
}
