using System.Net;
using System.Net.Sockets;

namespace FederationKit.Tests.Shared;

/// <summary>
/// Free ports on 127.0.0.1 for the servers the tests start (dnsmasq, redis-server, the sample app, SimpleSAMLphp). Drawn
/// below the kernel's ephemeral range, so an outgoing connection opened meanwhile cannot take the port between the choice
/// and the server's bind. Linked into the test projects that need it.
/// </summary>
internal static class TestPorts
{
    /// <summary>A port free for both TCP and UDP on 127.0.0.1, below the ephemeral range.</summary>
    public static int Free()
    {
        var low = 20000;
        var high = Math.Max(low + 1000, Math.Min(EphemeralRangeStart(), 32768));
        while (true)
        {
            var port = Random.Shared.Next(low, high);
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                var tcp = new TcpListener(IPAddress.Loopback, port);
                tcp.Start();
                tcp.Stop();
                return port;
            }
            catch (SocketException)
            {
                // taken: try another
            }
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            return 32768;
        }
    }
}
