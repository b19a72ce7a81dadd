using System.Net;
using System.Net.Sockets;

namespace FederationKit.Dns.Tests;

/// <summary>A UDP and TCP socket on 127.0.0.1 that accepts queries and never answers: a name server that times out.</summary>
internal sealed class SilentDnsServer : IDisposable
{
    private readonly UdpClient _udp;
    private readonly TcpListener _tcp;

    public SilentDnsServer()
    {
        var port = DnsmasqServer.FreePort();
        _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
        _tcp = new TcpListener(IPAddress.Loopback, port);
        _tcp.Start();
        Port = port;
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public void Dispose()
    {
        _udp.Dispose();
        _tcp.Stop();
        _tcp.Dispose();
    }
}
