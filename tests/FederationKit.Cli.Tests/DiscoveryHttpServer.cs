using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FederationKit.Cli.Tests;

/// <summary>An OpenID provider's discovery document and JWKS on http://127.0.0.1, counting requests.</summary>
internal sealed class DiscoveryHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly string _jwks;
    private int _requests;

    public DiscoveryHttpServer(string jwks)
    {
        _jwks = jwks;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Issuer = $"http://127.0.0.1:{Port}";
        _listener.Prefixes.Add(Issuer + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Issuer { get; }

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
            // Closed under a pending GetContextAsync.
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
            var body = context.Request.Url!.AbsolutePath switch
            {
                "/.well-known/openid-configuration" => $$"""{"issuer":"{{Issuer}}","authorization_endpoint":"{{Issuer}}/auth","token_endpoint":"{{Issuer}}/token","jwks_uri":"{{Issuer}}/jwks","response_types_supported":["code"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}""",
                "/jwks" => _jwks,
                _ => null,
            };
            var bytes = Encoding.UTF8.GetBytes(body ?? "{}");
            context.Response.StatusCode = body is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
