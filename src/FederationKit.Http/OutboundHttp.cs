using FederationKit.Outbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederationKit.Http;

/// <summary>
/// Creates HTTP clients and handlers that enforce an <see cref="OutboundUrlPolicy"/>: the URL's scheme is checked before
/// each request, the host is resolved by the handler and every address is checked before the connection is opened, and
/// only a checked address is connected to. Redirects are not followed (a redirect could lead to another scheme), no proxy
/// is used (a proxy would connect on the handler's behalf, out of reach of the check), cookies are not kept, and
/// connecting is bounded by <see cref="OutboundUrlPolicy.ConnectTimeout"/>.
/// </summary>
public static class OutboundHttp
{
    /// <summary>The default timeout of a whole request made through <see cref="CreateClient"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A handler that enforces <paramref name="policy"/>; the caller owns and disposes it.</summary>
    /// <param name="policy">The policy, read on every request and connection.</param>
    /// <param name="logger">Where refusals and connection failures are logged with their network detail; none by default.</param>
    public static HttpMessageHandler CreateHandler(OutboundUrlPolicy policy, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        logger ??= NullLogger.Instance;
        var connector = new OutboundConnector(policy, logger);
        var sockets = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = policy.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = connector.ConnectAsync,
        };
        return new OutboundPolicyHandler(policy, logger, sockets);
    }

    /// <summary>An <see cref="HttpClient"/> that enforces <paramref name="policy"/>; the caller owns and disposes it.</summary>
    /// <param name="policy">The policy, read on every request and connection.</param>
    /// <param name="timeout">The timeout of a whole request; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="logger">Where refusals and connection failures are logged with their network detail; none by default.</param>
    public static HttpClient CreateClient(OutboundUrlPolicy policy, TimeSpan? timeout = null, ILogger? logger = null) =>
        new(CreateHandler(policy, logger), disposeHandler: true) { Timeout = timeout ?? DefaultTimeout };
}
