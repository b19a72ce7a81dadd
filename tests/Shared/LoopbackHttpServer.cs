using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FederationKit.Tests.Shared;

/// <summary>
/// A small HTTP server on http://127.0.0.1 for tests whose code under test, or a real IdP, makes HTTP requests (discovery,
/// JWKS, IdP metadata, back-channel logout): each request goes to a handler that answers with a status, a content type and
/// a body, on its own task; requests are counted. Linked into the test projects that need it.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly Func<HttpListenerRequest, Task<Response?>> _handle;
    private int _requests;

    /// <summary>Starts the server on a free port of 127.0.0.1.</summary>
    /// <param name="respond">The answer to a request for a path; null answers 404.</param>
    public LoopbackHttpServer(Func<string, Response?> respond)
        : this(request => Task.FromResult(respond(request.Url!.AbsolutePath)))
    {
    }

    /// <summary>Starts the server on a free port of 127.0.0.1.</summary>
    /// <param name="handle">The answer to a request (method, path, body); null answers 404.</param>
    public LoopbackHttpServer(Func<HttpListenerRequest, Task<Response?>> handle)
    {
        _handle = handle;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{Port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The server's root, without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>The absolute URL of <paramref name="path"/> (without a leading slash) on this server.</summary>
    public string Url(string path) => $"{BaseUrl}/{path}";

    /// <summary>How many requests arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <inheritdoc />
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
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            var response = await _handle(context.Request) ?? new Response(HttpStatusCode.NotFound, "text/plain", string.Empty);
            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.StatusCode = (int)response.Status;
            context.Response.ContentType = response.ContentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The server was closed while answering.
        }
    }

    /// <summary>One answer.</summary>
    /// <param name="Status">The HTTP status.</param>
    /// <param name="ContentType">The media type.</param>
    /// <param name="Body">The body, sent as UTF-8.</param>
    internal sealed record Response(HttpStatusCode Status, string ContentType, string Body);
}
