using System.Diagnostics;
using System.Net;
using FederationKit.Outbound;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FederationKit.Http.Tests;

/// <summary>The named clients of IHttpClientFactory that AddOutboundHttp registers, against real servers on 127.0.0.1.</summary>
[NonParallelizable]
public sealed class FederationKitHttpClientsTests
{
    private static readonly string[] Names = [.. FederationKitHttpClients.All];
    private static readonly string[] RetriedNames = [.. FederationKitHttpClients.Retried];

    [TestCaseSource(nameof(Names))]
    public async Task CreateClient_EveryName_RefusesInternalAddressLiteralsBeforeConnecting(string name)
    {
        var logs = new CapturingLoggerProvider();
        await using var provider = Provider(new OutboundUrlPolicy { AllowHttp = true }, logs: logs);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);

        var privateAddress = await FailureAsync(http, "http://10.0.0.1/");
        var metadataService = await FailureAsync(http, "http://169.254.169.254/latest/meta-data/");

        Assert.Multiple(() =>
        {
            Assert.That(privateAddress.Code, Is.EqualTo(OutboundErrorCodes.AddressRefused));
            Assert.That(metadataService.Code, Is.EqualTo(OutboundErrorCodes.AddressRefused));
            Assert.That(logs.Lines.Count(l => l.Category == OutboundHttpRegistration.LoggerCategory && l.Event.Id == 4003), Is.EqualTo(2), "each refusal is made once, never retried");
        });
    }

    [TestCaseSource(nameof(Names))]
    public async Task CreateClient_EveryName_RefusesAnInternalHostNameLikeAnUnreachableHost(string name)
    {
        using var server = new LoopbackServer();
        await using var provider = Provider(new OutboundUrlPolicy { AllowHttp = true });
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);

        var error = await FailureAsync(http, $"http://localhost:{server.Port}/");

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("test.fetch_failed"));
            Assert.That(error.Message, Is.EqualTo(OutboundUrlPolicy.UnreachableMessage));
            Assert.That(server.Connections, Is.Zero);
        });
    }

    [TestCaseSource(nameof(Names))]
    public async Task CreateClient_EveryName_DefaultPolicyRefusesHttpAndLoopback(string name)
    {
        using var server = new LoopbackServer();
        await using var provider = Provider(policy: null);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);

        var plain = await FailureAsync(http, $"http://127.0.0.1:{server.Port}/");
        var loopback = await FailureAsync(http, $"https://127.0.0.1:{server.Port}/");

        Assert.Multiple(() =>
        {
            Assert.That(plain.Code, Is.EqualTo(OutboundErrorCodes.SchemeRefused));
            Assert.That(loopback.Code, Is.EqualTo(OutboundErrorCodes.AddressRefused));
            Assert.That(server.Connections, Is.Zero);
        });
    }

    [TestCaseSource(nameof(Names))]
    public async Task CreateClient_EveryName_ReachesAnAllowedHostWithTheDefaultOptions(string name)
    {
        using var server = new LoopbackServer();
        await using var provider = Provider(Loopback);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);
        var options = provider.GetRequiredService<IOptionsMonitor<FederationKitHttpClientOptions>>().Get(name);

        var body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{server.Port}/"));

        Assert.Multiple(() =>
        {
            Assert.That(body, Is.EqualTo("ok"));
            Assert.That((options.Timeout, options.AttemptTimeout, options.MaxRetryAttempts), Is.EqualTo((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 2)));
            if (name == FederationKitHttpClients.OidcToken)
            {
                Assert.That(http.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)), "the token client is bounded by HttpClient.Timeout");
            }
        });
    }

    [TestCaseSource(nameof(Names))]
    public async Task Get_TokenInTheQuery_NeverReachesTheFactorysLogs(string name)
    {
        using var server = new LoopbackServer();
        var logs = new CapturingLoggerProvider();
        await using var provider = Provider(Loopback, logs: logs);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);

        await http.GetStringAsync(new Uri($"http://127.0.0.1:{server.Port}/userinfo?access_token=tok-SECRET-0123"));

        Assert.That(logs.Lines.Where(l => l.Category.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal)), Is.Not.Empty, "the factory's logging handlers ran");
        Assert.That(logs.Lines.Select(l => l.Message), Has.None.Contains("tok-SECRET-0123"));
    }

    [TestCaseSource(nameof(Names))]
    public async Task Send_HangingServer_TimesOutAtTheClientsTimeout(string name)
    {
        using var hanging = new LoopbackServer(response: null);
        await using var provider = Provider(Loopback, configure: (n, o) => (o.Timeout, o.AttemptTimeout, o.MaxRetryAttempts) = (TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500), 0));
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);
        var clock = Stopwatch.StartNew();

        var error = await FailureAsync(http, $"http://127.0.0.1:{hanging.Port}/");

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo("test.fetch_failed"));
            Assert.That(error.Message, Is.EqualTo(OutboundUrlPolicy.UnreachableMessage));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
            Assert.That(hanging.Connections, Is.EqualTo(1));
        });
    }

    [TestCaseSource(nameof(RetriedNames))]
    public async Task Get_FailsOnceWith503ThenSucceeds_IsRetried(string name)
    {
        var calls = 0;
        using var server = new LoopbackHttpServer(_ => Interlocked.Increment(ref calls) == 1
            ? new LoopbackHttpServer.Response(HttpStatusCode.ServiceUnavailable, "text/plain", "busy")
            : new LoopbackHttpServer.Response(HttpStatusCode.OK, "application/json", "{}"));
        await using var provider = Provider(Loopback, configure: FastRetries);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);

        using var response = await http.GetAsync(new Uri(server.Url("doc")));

        Assert.That(((int)response.StatusCode, server.Requests), Is.EqualTo((200, 2)));
    }

    [TestCaseSource(nameof(RetriedNames))]
    public async Task Get_AlwaysFailsWith503_StopsAfterTheRetryLimit(string name)
    {
        using var server = new LoopbackHttpServer(_ => new LoopbackHttpServer.Response(HttpStatusCode.ServiceUnavailable, "text/plain", "busy"));
        await using var provider = Provider(Loopback, configure: FastRetries);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);

        using var response = await http.GetAsync(new Uri(server.Url("doc")));

        Assert.That(((int)response.StatusCode, server.Requests), Is.EqualTo((503, 3)), "the first attempt and two retries");
    }

    [Test]
    public async Task Get_HostOnAFakeClock_StillRetriesAndTimesOutOnTheRealClock()
    {
        var calls = 0;
        using var server = new LoopbackHttpServer(_ => Interlocked.Increment(ref calls) == 1
            ? new LoopbackHttpServer.Response(HttpStatusCode.ServiceUnavailable, "text/plain", "busy")
            : new LoopbackHttpServer.Response(HttpStatusCode.OK, "application/json", "{}"));
        using var hanging = new LoopbackServer(response: null);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        services.AddFederationKit().AddOutboundPolicy(p => (p.AllowHttp, p.AllowLoopback) = (true, true));
        services.Configure<FederationKitHttpClientOptions>(FederationKitHttpClients.SamlMetadata, o => (o.Timeout, o.AttemptTimeout, o.RetryDelay) = (TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(10)));
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(FederationKitHttpClients.SamlMetadata);
        var clock = Stopwatch.StartNew();

        var retried = http.GetAsync(new Uri(server.Url("metadata")));
        var timedOut = FailureAsync(http, $"http://127.0.0.1:{hanging.Port}/");
        var both = Task.WhenAll(retried, timedOut);
        var finished = await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(20)));

        Assert.That(finished, Is.SameAs(both), "neither the retry delay nor the timeout waited on the fake clock");
        using var response = await retried;
        Assert.That(((int)response.StatusCode, server.Requests, (await timedOut).Code, clock.Elapsed < TimeSpan.FromSeconds(15)), Is.EqualTo((200, 2, "test.fetch_failed", true)));
    }

    [Test]
    public async Task TokenPost_FailsWith503_IsSentExactlyOnce()
    {
        using var server = new LoopbackHttpServer(_ => new LoopbackHttpServer.Response(HttpStatusCode.ServiceUnavailable, "application/json", "{\"error\":\"temporarily_unavailable\"}"));
        await using var provider = Provider(Loopback, configure: FastRetries);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(FederationKitHttpClients.OidcToken);
        using var form = new FormUrlEncodedContent([new("grant_type", "authorization_code"), new("code", "single-use")]);

        using var response = await http.PostAsync(new Uri(server.Url("token")), form);

        Assert.That(((int)response.StatusCode, server.Requests), Is.EqualTo((503, 1)));
    }

    [Test]
    public async Task TokenPost_HostAddsAResilienceHandlerToEveryClient_IsStillSentExactlyOnce()
    {
        using var server = new LoopbackHttpServer(_ => new LoopbackHttpServer.Response(HttpStatusCode.ServiceUnavailable, "application/json", "{}"));
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler(o => o.Retry.Delay = TimeSpan.FromMilliseconds(10)));
        services.AddFederationKit().AddOutboundPolicy(p => (p.AllowHttp, p.AllowLoopback) = (true, true));
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(FederationKitHttpClients.OidcToken);
        using var form = new FormUrlEncodedContent([new("grant_type", "authorization_code"), new("code", "single-use")]);

        using var response = await http.PostAsync(new Uri(server.Url("token")), form);

        Assert.That(((int)response.StatusCode, server.Requests), Is.EqualTo((503, 1)));
    }

    [Test]
    public async Task TokenGet_FailsOnceWith503_IsNotRetriedEither()
    {
        // The token client has no resilience handler at all, whatever the method.
        var calls = 0;
        using var server = new LoopbackHttpServer(_ => Interlocked.Increment(ref calls) == 1
            ? new LoopbackHttpServer.Response(HttpStatusCode.ServiceUnavailable, "text/plain", "busy")
            : new LoopbackHttpServer.Response(HttpStatusCode.OK, "application/json", "{}"));
        await using var provider = Provider(Loopback, configure: FastRetries);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(FederationKitHttpClients.OidcToken);

        using var response = await http.GetAsync(new Uri(server.Url("token")));

        Assert.That(((int)response.StatusCode, server.Requests), Is.EqualTo((503, 1)));
    }

    [TestCaseSource(nameof(RetriedNames))]
    public async Task PostThroughAGetClient_FailsWith503_IsNotRetried(string name)
    {
        using var server = new LoopbackHttpServer(_ => new LoopbackHttpServer.Response(HttpStatusCode.ServiceUnavailable, "text/plain", "busy"));
        await using var provider = Provider(Loopback, configure: FastRetries);
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);
        using var body = new StringContent("x");

        using var response = await http.PostAsync(new Uri(server.Url("doc")), body);

        Assert.That(((int)response.StatusCode, server.Requests), Is.EqualTo((503, 1)));
    }

    [Test]
    public async Task Get_AttemptTimesOutThenSucceeds_IsRetriedWithinTheTotalTimeout()
    {
        var calls = 0;
        using var server = new LoopbackHttpServer(async _ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
            }

            return new LoopbackHttpServer.Response(HttpStatusCode.OK, "application/json", "{}");
        });
        await using var provider = Provider(Loopback, configure: (n, o) =>
        {
            FastRetries(n, o);
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
        });
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(FederationKitHttpClients.OidcJwks);

        using var response = await http.GetAsync(new Uri(server.Url("jwks")));

        Assert.That(((int)response.StatusCode, server.Requests), Is.EqualTo((200, 2)));
    }

    [Test]
    public async Task Get_RetriesOutlastTheTotalTimeout_FailLikeAnUnreachableHost()
    {
        using var hanging = new LoopbackServer(response: null);
        await using var provider = Provider(Loopback, configure: (n, o) => (o.Timeout, o.AttemptTimeout, o.MaxRetryAttempts, o.RetryDelay) = (TimeSpan.FromMilliseconds(700), TimeSpan.FromMilliseconds(300), 10, TimeSpan.Zero));
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(FederationKitHttpClients.SamlMetadata);
        var clock = Stopwatch.StartNew();

        var error = await FailureAsync(http, $"http://127.0.0.1:{hanging.Port}/");

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Is.EqualTo(OutboundUrlPolicy.UnreachableMessage));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
            Assert.That(hanging.Connections, Is.InRange(2, 4), "attempts were retried until the total timeout");
        });
    }

    [TestCase(0, 10, 2, "Timeout")]
    [TestCase(1000, 2000, 2, "AttemptTimeout")]
    [TestCase(1000, 500, 11, "MaxRetryAttempts")]
    [TestCase(1000, 500, -1, "MaxRetryAttempts")]
    public async Task CreateClient_BadOptions_ThrowsNamingTheSetting(int timeoutMs, int attemptMs, int retries, string setting)
    {
        await using var provider = Provider(Loopback, configure: (n, o) => (o.Timeout, o.AttemptTimeout, o.MaxRetryAttempts) = (TimeSpan.FromMilliseconds(timeoutMs), TimeSpan.FromMilliseconds(attemptMs), retries));

        var thrown = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient(FederationKitHttpClients.OidcDiscovery));

        Assert.That(thrown!.Message, Does.Contain($"FederationKit:Http:OidcDiscovery:{setting} "));
    }

    [Test]
    public async Task AddHttpClient_HostHandlerOnANamedClient_RunsAndThePolicyStillRefuses()
    {
        using var server = new LoopbackServer();
        var seen = 0;
        var services = new ServiceCollection();
        services.AddFederationKit().AddOutboundPolicy(p => p.AllowHttp = true);
        services.AddHttpClient(FederationKitHttpClients.OidcDiscovery).AddHttpMessageHandler(() => new CountingHandler(() => Interlocked.Increment(ref seen)));
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(FederationKitHttpClients.OidcDiscovery);

        var error = await FailureAsync(http, $"http://127.0.0.1:{server.Port}/");

        Assert.That((error.Code, seen, server.Connections), Is.EqualTo((OutboundErrorCodes.AddressRefused, 1, 0)));
    }

    [Test]
    public async Task AddOutboundHttp_CalledTwice_AddsNoSecondResilienceHandler()
    {
        using var server = new LoopbackHttpServer(_ => new LoopbackHttpServer.Response(HttpStatusCode.ServiceUnavailable, "text/plain", "busy"));
        var services = new ServiceCollection();
        services.AddFederationKit().AddOutboundPolicy(p => (p.AllowHttp, p.AllowLoopback) = (true, true));
        services.AddOutboundHttp();
        services.AddOutboundHttp();
        foreach (var name in FederationKitHttpClients.All)
        {
            services.Configure<FederationKitHttpClientOptions>(name, o => FastRetries(name, o));
        }

        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient(FederationKitHttpClients.OidcDiscovery);

        using var response = await http.GetAsync(new Uri(server.Url("doc")));

        Assert.That(server.Requests, Is.EqualTo(3), "two nested retry handlers would make nine");
    }

    private static readonly OutboundUrlPolicy Loopback = new() { AllowHttp = true, AllowLoopback = true };

    private static void FastRetries(string name, FederationKitHttpClientOptions options) =>
        (options.Timeout, options.AttemptTimeout, options.MaxRetryAttempts, options.RetryDelay) = (TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), 2, TimeSpan.FromMilliseconds(10));

    private static ServiceProvider Provider(OutboundUrlPolicy? policy, Action<string, FederationKitHttpClientOptions>? configure = null, CapturingLoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        if (logs is not null)
        {
            services.AddLogging(b => b.AddProvider(logs));
        }

        var builder = services.AddFederationKit();
        if (policy is not null)
        {
            builder.AddOutboundPolicy(p => (p.AllowHttp, p.AllowLoopback) = (policy.AllowHttp, policy.AllowLoopback));
        }
        else
        {
            services.AddOutboundHttp();
        }

        foreach (var name in FederationKitHttpClients.All)
        {
            services.Configure<FederationKitHttpClientOptions>(name, o => configure?.Invoke(name, o));
        }

        return services.BuildServiceProvider();
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

    private sealed class CountingHandler(Action count) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            count();
            return base.SendAsync(request, cancellationToken);
        }
    }
}
