using System.Net;
using FederationKit.Outbound;
using Microsoft.Extensions.Logging;

namespace FederationKit.Http;

/// <summary>
/// Checks each request's URL against the policy before it is sent: the scheme (https, http only when allowed) and the
/// address when the host is an IP literal. Host names are checked address by address by <see cref="OutboundConnector"/>,
/// which only TCP connections pass through, so a request never goes out over HTTP/3.
/// </summary>
internal sealed partial class OutboundPolicyHandler : DelegatingHandler
{
    private readonly OutboundUrlPolicy _policy;
    private readonly ILogger _logger;

    public OutboundPolicyHandler(OutboundUrlPolicy policy, ILogger logger, HttpMessageHandler inner)
        : base(inner)
    {
        _policy = policy;
        _logger = logger;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = _policy.CheckUrl(request.RequestUri);
        if (check.IsFailure)
        {
            UrlRefused(_logger, request.RequestUri?.GetLeftPart(UriPartial.Authority) ?? "(none)", check.Error.Code, null);
            throw new OutboundRequestRefusedException(check.Error);
        }

        // HTTP/3 runs over QUIC, which never passes through the connect callback that checks the addresses: stay on TCP.
        if (request.Version.Major >= 3)
        {
            request.Version = HttpVersion.Version20;
        }

        if (request.VersionPolicy == HttpVersionPolicy.RequestVersionOrHigher)
        {
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }

        return base.SendAsync(request, cancellationToken);
    }

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Outbound request to {Authority} refused by the outbound URL policy ({Code}).")]
    private static partial void UrlRefused(ILogger logger, string authority, string code, Exception? exception);
}
