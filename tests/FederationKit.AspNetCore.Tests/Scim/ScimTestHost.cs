using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FederationKit.AspNetCore.Scim;
using FederationKit.Directories;
using FederationKit.Scim;
using FederationKit.Scim.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederationKit.AspNetCore.Tests.Scim;

/// <summary>An app on TestServer with <c>AddScim</c> and <c>MapFederationKitScim</c> over the in-memory JSON repository; one directory with one token.</summary>
internal sealed class ScimTestHost : IAsyncDisposable
{
    public const string Token = "scim-token-0123456789abcdef0123456789abcdef";

    private readonly WebApplication _app;

    private ScimTestHost(WebApplication app, ListLogger logs)
    {
        _app = app;
        Logs = logs;
    }

    public DirectoryId Directory { get; } = new(Guid.Parse("0b5f0c44-5c1e-4a51-9d3e-6a0ad1a40001"));

    public ListLogger Logs { get; }

    public static async Task<ScimTestHost> StartAsync(Action<ScimEndpointOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var logs = new ListLogger();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddRouting();
        builder.Services.AddFederationKit().AddScim(configure);
        builder.Services.AddSingleton<IScimResourceRepository, InMemoryScimRepository>();
        builder.Services.AddSingleton<IScimAuthenticator>(new FixedAuthenticator());
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapFederationKitScim();
        await app.StartAsync();
        return new ScimTestHost(app, logs);
    }

    public HttpClient Client(string? token = Token)
    {
        var client = _app.GetTestClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public string Url(string path) => $"/scim/v2/{Directory}{path}";

    public static StringContent Json(JsonNode json, string mediaType = "application/scim+json") => new(json.ToJsonString(), Encoding.UTF8, mediaType);

    public static async Task<JsonObject> BodyAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>The mapped endpoints, for their metadata.</summary>
    public IEnumerable<Microsoft.AspNetCore.Http.Endpoint> Endpoints =>
        ((Microsoft.AspNetCore.Routing.IEndpointRouteBuilder)_app).DataSources.SelectMany(d => d.Endpoints);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed class FixedAuthenticator : IScimAuthenticator
    {
        public Task<Result<string>> AuthenticateAsync(DirectoryId directoryId, string presentedToken, CancellationToken cancellationToken) =>
            Task.FromResult(directoryId.Value == Guid.Parse("0b5f0c44-5c1e-4a51-9d3e-6a0ad1a40001") && presentedToken == Token
                ? Result<string>.Success("token-id-1")
                : Result<string>.Failure(new FederationError("test.unauthorized", "no")));
    }

    internal sealed class ListLogger : ILoggerProvider, ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add($"{eventId.Id} {formatter(state, exception)}");
            }
        }

        public void Dispose()
        {
        }
    }
}
