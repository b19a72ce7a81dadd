using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FederationKit.Scim;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.AspNetCore.Tests.Scim;

public sealed class ScimEndpointTests
{
    private static JsonObject NewUser(string userName) => new()
    {
        ["schemas"] = new JsonArray(ScimDefaults.UserSchema),
        ["userName"] = userName,
        ["externalId"] = "ext-" + userName,
        ["active"] = true,
        ["emails"] = new JsonArray(new JsonObject { ["value"] = userName, ["type"] = "work", ["primary"] = true }),
    };

    private static async Task AssertScimErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? scimType)
    {
        var body = await ScimTestHost.BodyAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/scim+json"));
            Assert.That(body["schemas"]![0]!.GetValue<string>(), Is.EqualTo(ScimDefaults.ErrorUrn));
            Assert.That((string?)body["status"], Is.EqualTo(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That((string?)body["scimType"], Is.EqualTo(scimType));
            Assert.That((string?)body["detail"], Does.EndWith($"({code})"));
        });
    }

    [TestCase(null, "0b5f0c44-5c1e-4a51-9d3e-6a0ad1a40001", TestName = "Request_NoBearerToken_Is401")]
    [TestCase("wrong-token", "0b5f0c44-5c1e-4a51-9d3e-6a0ad1a40001", TestName = "Request_WrongToken_Is401")]
    [TestCase(ScimTestHost.Token, "7d1e0000-0000-4000-8000-000000000009", TestName = "Request_TokenOfAnotherDirectory_Is401")]
    [TestCase(ScimTestHost.Token, "not-a-directory", TestName = "Request_DirectoryNotAnId_Is401")]
    public async Task Request_WithoutAValidTokenOfTheDirectory_Is401WithBearerChallenge(string? token, string directory)
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.Client(token).GetAsync($"/scim/v2/{directory}/Users");

        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
        await AssertScimErrorAsync(response, HttpStatusCode.Unauthorized, ScimErrorCodes.Unauthorized, null);
    }

    [Test]
    public async Task Request_BasicScheme_Is401()
    {
        await using var host = await ScimTestHost.StartAsync();
        var client = host.Client(null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", ScimTestHost.Token);

        await AssertScimErrorAsync(await client.GetAsync(host.Url("/Users")), HttpStatusCode.Unauthorized, ScimErrorCodes.Unauthorized, null);
    }

    [Test]
    public async Task CreateThenGetListPatchDelete_OverHttp_FollowRfc7644()
    {
        await using var host = await ScimTestHost.StartAsync();
        var client = host.Client();

        var created = await client.PostAsync(host.Url("/Users"), ScimTestHost.Json(NewUser("bjensen@example.com"), "application/json"));
        var id = (string)(await ScimTestHost.BodyAsync(created))["id"]!;
        var read = await client.GetAsync(host.Url($"/Users/{id}"));
        var list = await client.GetAsync(host.Url("/Users?filter=" + Uri.EscapeDataString("userName eq \"BJENSEN@example.com\"") + "&startIndex=1&count=10"));
        var patch = new HttpRequestMessage(HttpMethod.Patch, host.Url($"/Users/{id}"))
        {
            Content = ScimTestHost.Json(JsonNode.Parse("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}""")!),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());
        var patched = await client.SendAsync(patch);
        var deleted = await client.DeleteAsync(host.Url($"/Users/{id}"));
        var gone = await client.GetAsync(host.Url($"/Users/{id}"));

        Assert.Multiple(async () =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(created.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/scim+json"));
            Assert.That(created.Headers.Location!.ToString(), Is.EqualTo($"http://localhost/scim/v2/{host.Directory}/Users/{id}"));
            Assert.That(created.Headers.ETag!.ToString(), Is.EqualTo("W/\"1\""));
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((int)(await ScimTestHost.BodyAsync(list))["totalResults"]!, Is.EqualTo(1));
            Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await ScimTestHost.BodyAsync(patched))["active"]!.GetValue<bool>(), Is.False);
            Assert.That(patched.Headers.ETag!.ToString(), Is.EqualTo("W/\"2\""));
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Patch_StaleIfMatch_Is412()
    {
        await using var host = await ScimTestHost.StartAsync();
        var client = host.Client();
        var created = await client.PostAsync(host.Url("/Users"), ScimTestHost.Json(NewUser("a@example.com")));
        var id = (string)(await ScimTestHost.BodyAsync(created))["id"]!;
        var patch = new HttpRequestMessage(HttpMethod.Patch, host.Url($"/Users/{id}"))
        {
            Content = ScimTestHost.Json(JsonNode.Parse("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}""")!),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", "W/\"41\"");

        await AssertScimErrorAsync(await client.SendAsync(patch), HttpStatusCode.PreconditionFailed, ScimErrorCodes.PreconditionFailed, null);
    }

    [Test]
    public async Task Post_BodyOverTheLimit_Is413()
    {
        await using var host = await ScimTestHost.StartAsync(o => o.MaxRequestBodyBytes = 2048);
        var user = NewUser("a@example.com");
        user["displayName"] = new string('x', 4096);

        await AssertScimErrorAsync(await host.Client().PostAsync(host.Url("/Users"), ScimTestHost.Json(user)), HttpStatusCode.RequestEntityTooLarge, ScimErrorCodes.PayloadTooLarge, null);
    }

    [Test]
    public async Task Post_ChunkedBodyOverTheLimit_Is413()
    {
        await using var host = await ScimTestHost.StartAsync(o => o.MaxRequestBodyBytes = 2048);
        var bytes = Encoding.UTF8.GetBytes("{\"schemas\":[\"" + ScimDefaults.UserSchema + "\"],\"userName\":\"" + new string('x', 8192) + "\"}");
        var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/scim+json");

        await AssertScimErrorAsync(await host.Client().PostAsync(host.Url("/Users"), content), HttpStatusCode.RequestEntityTooLarge, ScimErrorCodes.PayloadTooLarge, null);
    }

    [Test]
    public async Task Post_TextPlain_IsInvalidSyntax()
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.Client().PostAsync(host.Url("/Users"), new StringContent(NewUser("a@example.com").ToJsonString(), Encoding.UTF8, "text/plain"));

        await AssertScimErrorAsync(response, HttpStatusCode.BadRequest, ScimErrorCodes.InvalidSyntax, "invalidSyntax");
    }

    [Test]
    public async Task Requests_OverTheTokensRateLimit_Are429WithRetryAfter()
    {
        await using var host = await ScimTestHost.StartAsync(o =>
        {
            o.RequestsPerWindow = 2;
            o.RateLimitWindow = TimeSpan.FromMinutes(1);
        });
        var client = host.Client();

        var first = await client.GetAsync(host.Url("/Users"));
        var second = await client.GetAsync(host.Url("/Users"));
        var third = await client.GetAsync(host.Url("/Users"));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertScimErrorAsync(third, HttpStatusCode.TooManyRequests, ScimErrorCodes.RateLimited, null);
        Assert.That(int.Parse(third.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), Is.InRange(1, 60));
    }

    [Test]
    public async Task Requests_WithASharedBudget_AskItAndAre429WhenItIsSpent()
    {
        var budget = new ScriptedBudget(null, TimeSpan.FromSeconds(7));
        await using var host = await ScimTestHost.StartAsync(o => o.RequestsPerWindow = 100, s => s.AddSingleton<FederationKit.DirectorySync.IDirectorySyncRequestBudget>(budget));
        var client = host.Client();

        var first = await client.GetAsync(host.Url("/Users"));
        var second = await client.GetAsync(host.Url("/Users"));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertScimErrorAsync(second, HttpStatusCode.TooManyRequests, ScimErrorCodes.RateLimited, null);
        Assert.That(second.Headers.GetValues("Retry-After").Single(), Is.EqualTo("7"), "the shared budget's wait");
        Assert.That(budget.Asked, Is.EqualTo(new[] { (100, TimeSpan.FromMinutes(1)), (100, TimeSpan.FromMinutes(1)) }), "asked with the endpoint's limit and window");
    }

    [Test]
    public async Task Requests_SharedBudgetDown_FallBackToThisInstancesLimit()
    {
        var budget = new ScriptedBudget(new InvalidOperationException("Redis is down"));
        await using var host = await ScimTestHost.StartAsync(o => o.RequestsPerWindow = 1, s => s.AddSingleton<FederationKit.DirectorySync.IDirectorySyncRequestBudget>(budget));
        var client = host.Client();

        var first = await client.GetAsync(host.Url("/Users"));
        var second = await client.GetAsync(host.Url("/Users"));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), "still served");
        await AssertScimErrorAsync(second, HttpStatusCode.TooManyRequests, ScimErrorCodes.RateLimited, null);
    }

    // Answers the first request from its script, every later one with the second answer (or throws).
    private sealed class ScriptedBudget(Exception? failure, params TimeSpan?[] answers) : FederationKit.DirectorySync.IDirectorySyncRequestBudget
    {
        public List<(int Limit, TimeSpan Window)> Asked { get; } = [];

        public ValueTask<TimeSpan?> TryTakeAsync(string tokenId, int limit, TimeSpan window, CancellationToken cancellationToken = default)
        {
            if (failure is not null)
            {
                throw failure;
            }

            Asked.Add((limit, window));
            return ValueTask.FromResult(answers.Length == 0 ? null : Asked.Count == 1 ? (TimeSpan?)null : answers[^1]);
        }
    }

    [Test]
    public async Task BadFilter_OverHttp_Is400InvalidFilter()
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.Client().GetAsync(host.Url("/Users?filter=" + Uri.EscapeDataString("userName zz \"a\"")));

        await AssertScimErrorAsync(response, HttpStatusCode.BadRequest, ScimErrorCodes.InvalidFilter, "invalidFilter");
    }

    [Test]
    public async Task Endpoints_AreExemptFromAntiforgery_SoAHostsCsrfCheckLetsBearerRequestsThrough()
    {
        await using var host = await ScimTestHost.StartAsync();

        var endpoints = host.Endpoints.ToList();

        Assert.That(endpoints, Is.Not.Empty);
        Assert.That(
            endpoints.Select(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Antiforgery.IAntiforgeryMetadata>()?.RequiresValidation),
            Is.All.EqualTo(false));
    }

    [TestCase("/ServiceProviderConfig")]
    [TestCase("/ResourceTypes")]
    [TestCase("/ResourceTypes/User")]
    [TestCase("/Schemas")]
    [TestCase("/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group")]
    public async Task Discovery_WithToken_Is200ScimJson(string path)
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.Client().GetAsync(host.Url(path));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/scim+json"));
        Assert.That((await ScimTestHost.BodyAsync(response))["schemas"], Is.Not.Null);
    }

    [Test]
    public async Task Bulk_IsNotImplemented()
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.Client().PostAsync(host.Url("/Bulk"), ScimTestHost.Json(new JsonObject()));

        await AssertScimErrorAsync(response, HttpStatusCode.NotImplemented, ScimErrorCodes.NotImplemented, null);
    }

    [Test]
    public async Task Logs_NeverContainTheToken_AndNameTheTokenId()
    {
        await using var host = await ScimTestHost.StartAsync();
        await host.Client().GetAsync(host.Url("/Users/nope"));
        await host.Client("wrong-" + ScimTestHost.Token).GetAsync(host.Url("/Users"));

        Assert.That(host.Logs.Lines, Has.None.Contains(ScimTestHost.Token));
        Assert.That(host.Logs.Lines, Has.Some.StartsWith("3102 ").And.Contains("token-id-1"));
        Assert.That(host.Logs.Lines, Has.Some.StartsWith("3100 "));
    }

    [Test]
    public async Task Requests_AreCountedByStatusAndCode()
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<(int Status, string Code)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "federationkit.scim.requests")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            int status = 0;
            string code = string.Empty;
            foreach (var tag in tags)
            {
                if (tag.Key == "http.response.status_code")
                {
                    status = (int)tag.Value!;
                }
                else if (tag.Key == "federationkit.code")
                {
                    code = (string)tag.Value!;
                }
            }

            seen.Add((status, code));
        });
        listener.Start();
        await using var host = await ScimTestHost.StartAsync();

        await host.Client(null).GetAsync(host.Url("/Users"));
        await host.Client().GetAsync(host.Url("/Users"));

        Assert.That(seen, Does.Contain((401, ScimErrorCodes.Unauthorized)).And.Contain((200, "success")));
    }
}
