using FederationKit.Outbound;

namespace FederationKit.Http.Tests;

/// <summary>The policy-enforcing client against a real server on 127.0.0.1 (no traffic leaves the machine).</summary>
[NonParallelizable]
public sealed class OutboundHttpTests
{
    private static readonly OutboundUrlPolicy LoopbackOptIn = new() { AllowLoopback = true };
    private static readonly OutboundUrlPolicy LoopbackAndHttpOptIn = new() { AllowLoopback = true, AllowHttp = true };

    [Test]
    public async Task Get_HttpsTo127001WithoutOptIn_IsAddressRefusedBeforeConnecting()
    {
        using var server = new LoopbackServer();
        using var http = OutboundHttp.CreateClient(new OutboundUrlPolicy());

        var error = await FailureAsync(http, $"https://127.0.0.1:{server.Port}/metadata");

        Assert.That(error.Code, Is.EqualTo(OutboundErrorCodes.AddressRefused));
        Assert.That(server.Connections, Is.Zero);
    }

    [Test]
    public async Task Get_HttpsTo127001WithOptIn_Connects()
    {
        using var server = new LoopbackServer();
        using var http = OutboundHttp.CreateClient(LoopbackOptIn, TimeSpan.FromSeconds(5));

        var error = await FailureAsync(http, $"https://127.0.0.1:{server.Port}/metadata");

        // The server speaks no TLS, so the request fails after the connection was made.
        Assert.That(error.Code, Is.EqualTo("test.fetch_failed"));
        Assert.That(server.Connections, Is.EqualTo(1));
    }

    [Test]
    public async Task Get_LocalhostWithoutOptIn_IsRefusedBeforeConnecting_AndReadsLikeAnUnreachableHost()
    {
        using var server = new LoopbackServer();
        using var http = OutboundHttp.CreateClient(new OutboundUrlPolicy());

        var error = await FailureAsync(http, $"https://localhost:{server.Port}/metadata");

        Assert.That(error.Code, Is.EqualTo("test.fetch_failed"), "a name that resolves to a refused address answers like one that does not resolve");
        Assert.That(error.Message, Is.EqualTo(OutboundUrlPolicy.UnreachableMessage));
        Assert.That(server.Connections, Is.Zero);
    }

    [Test]
    public async Task Get_LocalhostWithOptIn_Connects()
    {
        using var server = new LoopbackServer();
        using var http = OutboundHttp.CreateClient(LoopbackAndHttpOptIn, TimeSpan.FromSeconds(5));

        using var response = await http.GetAsync(new Uri($"http://localhost:{server.Port}/metadata"));

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("ok"));
    }

    [Test]
    public async Task Get_HttpWithoutHttpOptIn_IsSchemeRefusedBeforeConnecting()
    {
        using var server = new LoopbackServer();
        using var http = OutboundHttp.CreateClient(LoopbackOptIn);

        var error = await FailureAsync(http, $"http://127.0.0.1:{server.Port}/metadata");

        Assert.That(error.Code, Is.EqualTo(OutboundErrorCodes.SchemeRefused));
        Assert.That(server.Connections, Is.Zero);
    }

    [Test]
    public async Task Get_HttpWithBothOptIns_ReadsTheResponse()
    {
        using var server = new LoopbackServer();
        using var http = OutboundHttp.CreateClient(LoopbackAndHttpOptIn);

        var body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{server.Port}/metadata"));

        Assert.That(body, Is.EqualTo("ok"));
    }

    [Test]
    public async Task Get_UnspecifiedAddressEvenWithLoopbackOptIn_IsRefusedBeforeConnecting()
    {
        // On Linux a connection to 0.0.0.0 reaches the host itself.
        using var server = new LoopbackServer();
        using var http = OutboundHttp.CreateClient(LoopbackAndHttpOptIn);

        var error = await FailureAsync(http, $"http://0.0.0.0:{server.Port}/metadata");

        Assert.That(error.Code, Is.EqualTo(OutboundErrorCodes.AddressRefused));
        Assert.That(server.Connections, Is.Zero);
    }

    [Test]
    public async Task Get_Ipv4MappedLoopbackWithoutOptIn_IsRefusedBeforeConnecting()
    {
        using var server = new LoopbackServer();
        using var http = OutboundHttp.CreateClient(new OutboundUrlPolicy { AllowHttp = true });

        var error = await FailureAsync(http, $"http://[::ffff:127.0.0.1]:{server.Port}/metadata");

        Assert.That(error.Code, Is.EqualTo(OutboundErrorCodes.AddressRefused));
        Assert.That(server.Connections, Is.Zero);
    }

    [Test]
    public async Task Send_Http3Exact_StaysOnTcpWhereTheAddressesAreChecked()
    {
        using var server = new LoopbackServer();
        using var http = OutboundHttp.CreateClient(new OutboundUrlPolicy());
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"https://localhost:{server.Port}/")) { Version = System.Net.HttpVersion.Version30, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        OutboundRequestRefusedException? refused = null;
        try
        {
            using var response = await http.SendAsync(request);
            Assert.Fail("answered " + (int)response.StatusCode);
            return;
        }
        catch (HttpRequestException exception)
        {
            for (Exception? e = exception; e is not null && refused is null; e = e.InnerException)
            {
                refused = e as OutboundRequestRefusedException;
            }
        }

        Assert.That(refused?.Error.Code, Is.EqualTo(OutboundErrorCodes.AddressRefused), "the connect callback refused the address");
    }

    [Test]
    public async Task Get_Redirect_IsNotFollowed()
    {
        using var target = new LoopbackServer();
        using var server = new LoopbackServer($"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{target.Port}/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        using var http = OutboundHttp.CreateClient(LoopbackAndHttpOptIn);

        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{server.Port}/metadata"));

        Assert.That((int)response.StatusCode, Is.EqualTo(302));
        Assert.That(target.Connections, Is.Zero);
    }

    [Test]
    public async Task RefusedAddress_ShowsTheSameMessageAsAClosedPortOrATimeoutOnAnAllowedHost()
    {
        using var listening = new LoopbackServer();
        using var hanging = new LoopbackServer(response: null);
        using var refusing = OutboundHttp.CreateClient(new OutboundUrlPolicy { AllowHttp = true });
        using var allowing = OutboundHttp.CreateClient(LoopbackAndHttpOptIn, TimeSpan.FromSeconds(1));

        var refusedOpenPort = await FailureAsync(refusing, $"http://127.0.0.1:{listening.Port}/");
        var refusedClosedPort = await FailureAsync(refusing, $"http://127.0.0.1:{LoopbackServer.ClosedPort()}/");
        var closedPort = await FailureAsync(allowing, $"http://127.0.0.1:{LoopbackServer.ClosedPort()}/");
        var timedOut = await FailureAsync(allowing, $"http://127.0.0.1:{hanging.Port}/");

        Assert.Multiple(() =>
        {
            Assert.That(refusedOpenPort.Message, Is.EqualTo(OutboundUrlPolicy.UnreachableMessage));
            Assert.That(refusedClosedPort, Is.EqualTo(refusedOpenPort), "an open and a closed port look the same when refused");
            Assert.That(closedPort.Message, Is.EqualTo(refusedOpenPort.Message));
            Assert.That(timedOut.Message, Is.EqualTo(refusedOpenPort.Message));
            Assert.That(closedPort.Details, Is.Empty);
            Assert.That(timedOut.Details, Is.Empty);
            Assert.That(hanging.Connections, Is.EqualTo(1));
        });
    }

    private static async Task<FederationError> FailureAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(url));
            Assert.Fail($"{url} answered {(int)response.StatusCode}");
            throw new InvalidOperationException();
        }
        catch (Exception exception) when (OutboundFailures.IsRequestFailure(exception, CancellationToken.None))
        {
            return OutboundFailures.ToError(exception, "test.fetch_failed");
        }
    }
}
