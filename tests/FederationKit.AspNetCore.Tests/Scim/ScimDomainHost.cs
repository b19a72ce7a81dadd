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

    private readonly FakeDns _dns;

    private ScimDomainHost(WebApplication app, FakeDns dns, DirectoryId directory, string token, UserId owner, IdpProfileView profile)
    {
        _app = app;
        _dns = dns;
        Profile = profile;
        Directory = directory;
        Token = token;
        Owner = owner;
    }

    public DirectoryId Directory { get; }

    public string Token { get; }

    public UserId Owner { get; }

    /// <summary>The directory's active SAML profile, for sign-ins after provisioning.</summary>
    public IdpProfileView Profile { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Every event the services raised.</summary>
    public IReadOnlyList<FederationKit.Events.FederationEvent> Events =>
        ((FederationKit.Events.InMemoryFederationEventSink)Services.GetRequiredService<FederationKit.Events.IFederationEventSink>()).Events;

    public static async Task<ScimDomainHost> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var dns = new FakeDns();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)));
        builder.Services.AddSingleton<IDnsTxtResolver>(dns);
        builder.Services.AddSingleton<FederationKit.Events.IFederationEventSink, FederationKit.Events.InMemoryFederationEventSink>();
        builder.Services.AddRouting();
        builder.Services.AddFederationKit().AddScim();
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapFederationKitScim();
        await app.StartAsync();

        var owner = UserId.New();
        var (_, directory, profile) = await new EdgeSeed(app.Services, dns).FederateAsync(owner);
        var issued = await app.Services.GetRequiredService<DirectorySyncTokenService>().IssueAsync(directory.Id, owner);
        Assert.That(issued.IsSuccess, Is.True, () => issued.Error.ToString());
        return new ScimDomainHost(app, dns, directory.Id, issued.Value.Secret, owner, profile);
    }

    public HttpClient Client(string? token = null)
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        return client;
    }

    /// <summary>Another organization's federated directory (its own domain) and a SCIM token of it.</summary>
    public async Task<(DirectoryId Directory, string Token)> AddOtherDirectoryAsync(string name, string domain)
    {
        var owner = UserId.New();
        var (_, directory, _) = await new EdgeSeed(Services, _dns).FederateAsync(owner, name, domain);
        var issued = await Services.GetRequiredService<DirectorySyncTokenService>().IssueAsync(directory.Id, owner);
        Assert.That(issued.IsSuccess, Is.True, () => issued.Error.ToString());
        return (directory.Id, issued.Value.Secret);
    }

    public string Url(string path) => $"/scim/v2/{Directory}{path}";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/scim+json");

    public static async Task<JsonObject> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A sign-in of <paramref name="email"/> through the directory's profile, as the SAML ACS would run it after validation.</summary>
    public Task<Result<SignIn.Provisioning.SignInOutcome>> SignInAsync(string email)
    {
        var identity = new SignIn.FederatedIdentity(SignIn.IdentityProtocol.Saml, Profile.Saml!.EntityId, email, EdgeHost.EmailFormat, Services.GetRequiredService<TimeProvider>().GetUtcNow())
        {
            Email = email,
            EmailVerified = true,
        };
        return Services.GetRequiredService<SignIn.Provisioning.JitProvisioner>().SignInAsync(new SignIn.Provisioning.SignInProfileContext(Directory, Profile.Id), identity);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
