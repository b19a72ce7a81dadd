using System.Net;
using System.Net.Sockets;
using FederationKit.Outbound;
using Microsoft.Extensions.Logging;

namespace FederationKit.Http;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself, refuses the host when ANY of its addresses
/// is refused by the policy (a name that mixes public and internal addresses is not trusted), and connects only to the
/// addresses it checked, so a DNS answer that changes between the check and the connection (rebinding) changes nothing.
/// </summary>
internal sealed partial class OutboundConnector
{
    private readonly OutboundUrlPolicy _policy;
    private readonly ILogger _logger;

    public OutboundConnector(OutboundUrlPolicy policy, ILogger logger)
    {
        _policy = policy;
        _logger = logger;
    }

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        foreach (var address in addresses)
        {
            var check = _policy.CheckAddress(host, address);
            if (check.IsFailure)
            {
                AddressRefused(_logger, host, address, OutboundAddressClassifier.Classify(address), null);
                throw new OutboundRequestRefusedException(check.Error, afterNameResolution: !IPAddress.TryParse(host, out _));
            }
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            Socket? socket = null;
            try
            {
                socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                // Try the next checked address (an IPv6 address on a host without IPv6, a refused port).
                socket?.Dispose();
                last = exception;
            }
            catch
            {
                socket?.Dispose();
                throw;
            }
        }

        ConnectFailed(_logger, host, last);
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(bare, out var literal))
        {
            return [literal];
        }

        var addresses = await Dns.GetHostAddressesAsync(bare, cancellationToken).ConfigureAwait(false);
        return addresses.Length > 0 ? addresses : throw new SocketException((int)SocketError.HostNotFound);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Outbound request to {Host} refused: it resolves to {Address}, a {Kind} address the outbound URL policy does not allow.")]
    private static partial void AddressRefused(ILogger logger, string host, IPAddress address, OutboundAddressKind kind, Exception? exception);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Outbound connection to {Host} failed.")]
    private static partial void ConnectFailed(ILogger logger, string host, Exception? exception);
}
