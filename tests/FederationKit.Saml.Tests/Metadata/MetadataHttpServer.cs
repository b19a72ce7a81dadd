using System.Net;
using FederationKit.Tests.Shared;

namespace FederationKit.Saml.Tests.Metadata;

/// <summary>An HTTP server on 127.0.0.1 that serves one metadata document, counts requests, and can be made to fail.</summary>
internal sealed class MetadataHttpServer : IDisposable
{
    private readonly LoopbackHttpServer _server;

    public MetadataHttpServer(string body)
    {
        Body = body;
        _server = new LoopbackHttpServer(_ => new LoopbackHttpServer.Response(Status, "application/samlmetadata+xml", Body));
        Url = new Uri(_server.BaseUrl + "/federationmetadata.xml");
    }

    public Uri Url { get; }

    public string Body { get; set; }

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public int Requests => _server.Requests;

    public void Dispose() => _server.Dispose();
}
