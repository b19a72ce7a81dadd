using System.Diagnostics;
using System.Net;
using System.Text;
using FederationKit.Oidc;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.StackExchangeRedis.Tests;

/// <summary>
/// Two instances of the OIDC authorization flow sharing one real Redis: a sign-in started on A completes on B once, and
/// while Redis is down both starting and completing are refused with <c>store.onetime_unavailable</c>, never accepted.
/// </summary>
public sealed class OidcFlowOnRedisTests
{
    private const string Issuer = "https://idp.test";

    private sealed class Discovery : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.RequestUri!.AbsolutePath.EndsWith("jwks", StringComparison.Ordinal)
                ? """{"keys":[]}"""
                : $$"""{"issuer":"{{Issuer}}","jwks_uri":"{{Issuer}}/jwks","authorization_endpoint":"{{Issuer}}/auth","token_endpoint":"{{Issuer}}/token","authorization_response_iss_parameter_supported":true}""";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }

    private static OidcAuthorizationFlow Instance(RedisOneTimeStore store, TimeProvider time)
    {
        var options = new OidcProviderOptions { Issuer = Issuer, ClientId = "client-1", ClientSecret = "s", RedirectUri = "https://app.test/cb" };
        return new OidcAuthorizationFlow(options, new OidcProviderConfigurationSource(options, new HttpClient(new Discovery()), time), store, time);
    }

    private static Dictionary<string, string> Callback(OidcAuthorizationRequest request) =>
        new() { ["state"] = request.Transaction.State, ["code"] = "code-1", ["iss"] = Issuer };

    [Test]
    public async Task Callback_TwoInstancesRedisStoppedMidRun_RefusedWithOneTimeUnavailable_NeverAcceptedTwice_ThenWorksAfterRestart()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var server = await RedisServer.StartAsync();
        var options = new RedisOneTimeStoreOptions { ConnectionString = server.ConnectionString, OperationTimeout = TimeSpan.FromSeconds(1), ConnectTimeout = TimeSpan.FromSeconds(1) };
        using var storeA = RedisOneTimeStore.Connect(options, time);
        using var storeB = RedisOneTimeStore.Connect(options, time);
        var a = Instance(storeA, time);
        var b = Instance(storeB, time);

        var first = (await a.CreateAsync(null, "/home")).Value;
        Assert.That((await b.HandleCallbackAsync(Callback(first))).IsSuccess, Is.True, "started on A, completed on B");
        Assert.That((await a.HandleCallbackAsync(Callback(first))).Error.Code, Is.EqualTo(OidcErrorCodes.StateReplayed));

        var pending = (await a.CreateAsync(null, "/home")).Value;
        server.Stop();

        var watch = Stopwatch.StartNew();
        var duringCallback = await b.HandleCallbackAsync(Callback(pending));
        var duringStart = await a.CreateAsync(null, "/home");
        Assert.Multiple(() =>
        {
            Assert.That(duringCallback.IsSuccess, Is.False);
            Assert.That(duringCallback.Error.Code, Is.EqualTo(StoreErrorCodes.OneTimeUnavailable));
            Assert.That(duringStart.IsSuccess, Is.False);
            Assert.That(duringStart.Error.Code, Is.EqualTo(StoreErrorCodes.OneTimeUnavailable));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)), "bounded by the timeout");
        });

        await server.RestartAsync();
        OidcAuthorizationRequest? again = null;
        var recovering = Stopwatch.StartNew();
        while (again is null && recovering.Elapsed < TimeSpan.FromSeconds(30))
        {
            var started = await a.CreateAsync(null, "/home");
            if (started.IsSuccess)
            {
                again = started.Value;
            }
            else
            {
                Assert.That(started.Error.Code, Is.EqualTo(StoreErrorCodes.OneTimeUnavailable));
                await Task.Delay(200);
            }
        }

        Assert.That(again, Is.Not.Null, "sign-ins start again once Redis is back");
        Assert.That((await b.HandleCallbackAsync(Callback(again!))).IsSuccess, Is.True);
        Assert.That((await a.HandleCallbackAsync(Callback(again!))).Error.Code, Is.EqualTo(OidcErrorCodes.StateReplayed));
    }
}
