using System.Net;
using System.Net.Sockets;

namespace FederationKit.Oidc.Tests.RealProvider;

/// <summary>
/// A tiny HTTP server on 127.0.0.1 that the real provider calls: it serves a client JWKS (the per-profile URL an
/// administrator gives to the IdP) and receives back-channel logout POSTs. Each request goes to <c>handle</c>.
/// </summary>
internal sealed class LocalHttpEndpoint : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerRequest, Task<(int Status, string Body)>> _handle;

    public LocalHttpEndpoint(Func<HttpListenerRequest, Task<(int Status, string Body)>> handle)
    {
        _handle = handle;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    public void Dispose() => _listener.Close();

    private async Task LoopAsync()
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

            _ = Task.Run(async () =>
            {
                var (status, body) = await _handle(context.Request);
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            });
        }
    }
}
