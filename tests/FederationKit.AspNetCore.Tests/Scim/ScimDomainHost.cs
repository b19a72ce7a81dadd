using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FederationKit.Directories;
using FederationKit.DirectorySync.Tokens;
using FederationKit.Domains;
using FederationKit.Organizations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.AspNetCore.Tests.Scim;

/// <summary>
/// The real SCIM endpoint over the real directory sync domain service and in-memory stores, as <c>AddFederationKit().AddScim()</c>
/// registers them: an organization with acme.com verified and linked to a federated directory, and a SCIM token issued
/// by its owner.
/// </summary>
internal sealed class ScimDomainHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScimDomainHost(WebApplication app, DirectoryId directory, string token, UserId owner)
    {
        _app = app;
        Directory = directory;
        Token = token;
        Owner = owner;
    }

    public DirectoryId Directory { get; }

    public string Token { get; }

    public UserId Owner { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ScimDomainHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var dns = new FakeDns();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)));
        builder.Services.AddSingleton<IDnsTxtResolver>(dns);
        builder.Services.AddRouting();
        builder.Services.AddFederationKit().AddScim();
        var app = builder.Build();
        app.MapFederationKitScim();
        await app.StartAsync();

        var owner = UserId.New();
        var (_, directory, _) = await new EdgeSeed(app.Services, dns).FederateAsync(owner);
        var issued = await app.Services.GetRequiredService<DirectorySyncTokenService>().IssueAsync(directory.Id, owner);
        Assert.That(issued.IsSuccess, Is.True, () => issued.Error.ToString());
        return new ScimDomainHost(app, directory.Id, issued.Value.Secret, owner);
    }

    public HttpClient Client()
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    public string Url(string path) => $"/scim/v2/{Directory}{path}";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/scim+json");

    public static async Task<JsonObject> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)!.AsObject();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
