using FederationKit.AspNetCore;
using FederationKit.Dns;
using FederationKit.EntityFrameworkCore;
using FederationKit.EntityFrameworkCore.Sqlite;
using FederationKit.Oidc;
using FederationKit.Saml.SignIn;
using Microsoft.AspNetCore.Authentication.Cookies;
using FederationKit.Samples.AspNetCore.Pages;
using Microsoft.AspNetCore.DataProtection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FederationKit.Samples.AspNetCore.Hosting;

/// <summary>
/// Everything the sample registers: FederationKit on SQLite, DNS, the outbound URL policy, OIDC, SAML (with the metadata
/// client an admin's metadata URL is fetched through), SCIM directory sync, cookies and the re-verification service.
/// </summary>
internal static class SampleServices
{
    public static void Add(WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Sample").Get<SampleOptions>() ?? new SampleOptions();
        var data = Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(data);
        builder.Services.AddSingleton(options);

        // Secrets (client secrets) are encrypted with Data Protection; the key ring lives beside the database.
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(data, "keys")));

        // Every FederationKit setting can also come from the "FederationKit" section of appsettings.json (docs/configuration.md).
        var federation = builder.Services.AddFederationKit(builder.Configuration)
            .AddDnsClientResolver(dns =>
            {
                if (!string.IsNullOrEmpty(options.DnsServer))
                {
                    dns.NameServers.Add(options.DnsServer);
                }
            })
            .AddEntityFrameworkStores(db => SampleScaleOut.UseDatabase(db, options, data))
            .AddOutboundPolicy(policy =>
            {
                // OIDC discovery, keys and SAML metadata: https to public addresses only, unless IdPs on this machine are allowed.
                policy.AllowLoopback = options.AllowLoopbackIdps;
                policy.AllowHttp = options.AllowLoopbackIdps;
            })
            .AddOidc()
            .AddSaml(saml =>
            {
                // One SP for every tenant: its entity ID (the handler serves the SP metadata there) and one certificate.
                saml.EntityId = PublicRoot(builder.Configuration, options) + FederationKitDefaults.PathPrefix + "/saml/metadata";
                saml.SigningCertificate = SpCertificate.Load(options.SpCertificatePath, builder.Environment.ContentRootPath, data, builder.Environment.IsDevelopment());
            })
            .AddScim() // SCIM 2.0 directory sync per directory (Admin/ScimEndpoints.cs; mapped in Program.cs); limits from FederationKit:Scim
            .AddBackgroundWorkers(workers => workers.DomainCheckInterval = options.RecheckInterval) // domain re-checks, SAML metadata refresh
            .AddEntityFrameworkStoresHealthCheck()
            .AddSamlMetadataHealthCheck()
            .AddDnsResolverHealthCheck(dns => dns.QueryName = options.HealthDnsQueryName);

        // Several instances: PostgreSQL, Redis, route invalidation and the routing warm-up (Hosting/SampleScaleOut.cs).
        SampleScaleOut.Add(federation, options);

        // The FederationKit scheme owns sign-in for every tenant (ACS, SLO, OIDC callback, metadata under /federation) and
        // signs members in with the cookie scheme.
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/signin";
                cookie.Cookie.Name = "fedkit-sample";
                cookie.Cookie.SameSite = SameSiteMode.Lax;
            })
            .AddFederationKit(federation =>
            {
                federation.PublicOrigin = options.PublicBaseUrl;
                federation.LocalSignInPath = "/signin/local";
                federation.Events.OnFailure = async failure =>
                {
                    await Html.Error(failure.Error, failure.StatusCode).ExecuteAsync(failure.HttpContext);
                    failure.HandleResponse();
                };
            });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery();

        // Telemetry, off unless Sample:Telemetry=console: FederationKit's spans and instruments, both named "FederationKit",
        // need no adapter; any OpenTelemetry exporter takes them. AlwaysOn: the request span ASP.NET Core starts is not
        // recorded without its instrumentation package, and the default parent-based sampler would drop its children.
        if (string.Equals(options.Telemetry, "console", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddOpenTelemetry()
                .WithTracing(tracing => tracing.SetSampler(new AlwaysOnSampler()).AddSource(FederationKit.Diagnostics.FederationKitDiagnostics.Name).AddConsoleExporter())
                .WithMetrics(metrics => metrics.AddMeter(FederationKit.Diagnostics.FederationKitDiagnostics.Name).AddConsoleExporter());
        }
    }

    /// <summary>The address users reach the app at: Sample:PublicBaseUrl, else the first --urls address, else the default.</summary>
    public static string PublicRoot(IConfiguration configuration, SampleOptions options) =>
        (options.PublicBaseUrl?.ToString() ?? configuration["urls"]?.Split(';')[0] ?? "http://127.0.0.1:5080").TrimEnd('/');
}
