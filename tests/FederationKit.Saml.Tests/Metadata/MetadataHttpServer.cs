using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FederationKit.Saml.Tests.Metadata;

/// <summary>An HTTP server on 127.0.0.1 that serves one metadata document, counts requests, and can be made to fail.</summary>
internal sealed class MetadataHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _requests;

    public MetadataHttpServer(string body)
    {
        Body = body;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/federationmetadata.xml");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public string Body { get; set; }

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    public int Requests => Volatile.Read(ref _requests);

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending GetContextAsync.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            var bytes = Encoding.UTF8.GetBytes(Body);
            context.Response.StatusCode = (int)Status;
            context.Response.ContentType = "application/samlmetadata+xml";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
