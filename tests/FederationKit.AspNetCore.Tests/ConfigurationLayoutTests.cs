using System.Text;
using System.Text.RegularExpressions;
using FederationKit.AspNetCore;
using FederationKit.DirectoryTrust;
using FederationKit.Dns;
using FederationKit.Dns.Health;
using FederationKit.Domains;
using FederationKit.EntityFrameworkCore.Health;
using FederationKit.Hosting;
using FederationKit.Http;
using FederationKit.Outbound;
using FederationKit.Saml.Health;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.SignIn;
using FederationKit.SignIn;
using FederationKit.StackExchangeRedis;
using FederationKit.StackExchangeRedis.Health;
using FederationKit.Tests.Shared;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FederationKit.AspNetCore.Tests;

/// <summary>docs/configuration.md's appsettings.json, bound through <c>AddFederationKit(configuration)</c> into every package's options.</summary>
public sealed class ConfigurationLayoutTests
{
    [Test]
    public void DocsAppSettings_EveryValue_ArrivesInItsOptions()
    {
        using var host = BuildHost(DocsAppSettings());
        var services = host.Services;
        T Get<T>()
            where T : class => services.GetRequiredService<IOptions<T>>().Value;

        var root = Get<FederationKitOptions>();
        var domains = Get<DomainClaimOptions>();
        var signIn = Get<SignInOptions>();
        var trust = Get<DirectoryTrustOptions>();
        var directorySync = Get<FederationKit.DirectorySync.DirectorySyncOptions>();
        var directorySyncService = services.GetRequiredService<FederationKit.DirectorySync.DirectorySyncOptions>();
        var scimEndpoint = Get<FederationKit.AspNetCore.Scim.ScimEndpointOptions>();
        var scimProcessor = Get<FederationKit.Scim.ScimProcessorOptions>();
        var saml = Get<SamlSignInOptions>();
        var refresh = Get<SamlMetadataRefreshOptions>();
        var samlHealth = Get<SamlMetadataHealthCheckOptions>();
        var http = services.GetRequiredService<IOptionsMonitor<FederationKitHttpClientOptions>>();
        var outbound = Get<OutboundUrlPolicy>();
        var dns = Get<DnsClientResolverOptions>();
        var dnsHealth = Get<DnsResolverHealthCheckOptions>();
        var redis = Get<RedisOneTimeStoreOptions>();
        var redisHealth = Get<RedisOneTimeStoreHealthCheckOptions>();
        var efHealth = Get<EntityFrameworkStoresHealthCheckOptions>();
        var workers = Get<BackgroundWorkerOptions>();
        var scheme = services.GetRequiredService<IOptionsMonitor<FederationKitAuthenticationOptions>>().Get(FederationKitDefaults.AuthenticationScheme);

        Assert.Multiple(() =>
        {
            Assert.That(root.MergeProposalLifetime, Is.EqualTo(TimeSpan.FromDays(10)));
            Assert.That((domains.RecordPrefix, domains.RecordHostLabel, domains.MaxDomainsPerRequest), Is.EqualTo(("acme-verification", "_acme-challenge", 10)));
            Assert.That((domains.VerificationWindow, domains.PendingCheckInterval, domains.RecheckInterval, domains.LapseGracePeriod),
                Is.EqualTo((TimeSpan.FromDays(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(4), TimeSpan.FromDays(2))));
            Assert.That((domains.FailedLookupRetryInterval, domains.LookupFailuresBeforeAtRisk, domains.CheckLeaseDuration), Is.EqualTo((TimeSpan.FromMinutes(20), 6, TimeSpan.FromMinutes(10))));
            Assert.That(domains.AdditionalFreeMailDomains, Is.EqualTo(new[] { "mail.example" }));
            Assert.That(domains.AllowedFreeMailDomains, Is.EqualTo(new[] { "gmx.net" }));
            Assert.That(signIn.BreakGlassEmails, Is.EquivalentTo(new[] { "owner@acme.example" }));
            Assert.That((signIn.MaxUsernameAttempts, signIn.MaxConcurrencyRetries, signIn.RouteRefreshInterval, signIn.RouteCacheMaxEntries),
                Is.EqualTo((500, 8, TimeSpan.FromMinutes(1), 200_000)));
            Assert.That((signIn.RouteCacheTtl, signIn.RouteCacheNegativeTtl, signIn.InvitationLifetime, signIn.TransactionLifetime),
                Is.EqualTo((TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(3), TimeSpan.FromDays(14), TimeSpan.FromMinutes(5))));
            Assert.That((trust.MinimumResendInterval, trust.MaximumResends), Is.EqualTo((TimeSpan.FromHours(2), 3)));
            Assert.That((directorySync.RotationOverlap, directorySync.MaxPageSize, directorySync.MaxFilterScan, directorySync.MaxGroupMembersReturned, directorySync.MaxAffectedUsers, directorySync.MaxConcurrencyRetries),
                Is.EqualTo((TimeSpan.FromDays(3), 100, 5000, 500, 2000, 6)));
            Assert.That(directorySyncService, Is.SameAs(root.DirectorySync), "the services read the bound settings");
            Assert.That((scimEndpoint.MaxRequestBodyBytes, scimEndpoint.RequestsPerWindow, scimEndpoint.RateLimitWindow), Is.EqualTo((2 * 1024 * 1024, 600, TimeSpan.FromSeconds(30))));
            Assert.That((scimProcessor.MaxResults, scimProcessor.MaxPatchOperations, scimProcessor.PatchAttempts), Is.EqualTo((50, 200, 4)));
            Assert.That((saml.EntityId, saml.ClockSkew), Is.EqualTo(("https://app.example/federation/saml/metadata", TimeSpan.FromMinutes(1))));
            Assert.That((refresh.MinimumInterval, refresh.MaximumInterval, refresh.DefaultInterval, refresh.FailureRetryInterval, refresh.MaximumFailureBackoff),
                Is.EqualTo((TimeSpan.FromMinutes(10), TimeSpan.FromHours(12), TimeSpan.FromHours(2), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(30))));
            Assert.That((samlHealth.Name, samlHealth.Grace), Is.EqualTo(("saml-metadata", TimeSpan.FromHours(1))));
            var discovery = http.Get(FederationKitHttpClients.OidcDiscovery);
            Assert.That((discovery.Timeout, discovery.AttemptTimeout, discovery.MaxRetryAttempts, discovery.RetryDelay),
                Is.EqualTo((TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(5), 3, TimeSpan.FromSeconds(2))));
            Assert.That(http.Get(FederationKitHttpClients.OidcToken).Timeout, Is.EqualTo(TimeSpan.FromSeconds(15)));
            Assert.That(http.Get(FederationKitHttpClients.OidcJwks).Timeout, Is.EqualTo(FederationKitHttpClientOptions.DefaultTimeout), "a client without a block keeps its defaults");
            Assert.That((outbound.AllowPrivateNetworks, outbound.AllowedHosts.Single(), outbound.ConnectTimeout), Is.EqualTo((true, "adfs.corp.example", TimeSpan.FromSeconds(5))));
            Assert.That((dns.NameServers.Single(), dns.Timeout, dns.Retries, dns.FollowCnames), Is.EqualTo(("10.0.0.2:53", TimeSpan.FromSeconds(3), 1, true)));
            Assert.That((dnsHealth.Name, dnsHealth.QueryName, dnsHealth.Timeout), Is.EqualTo(("dns", "corp.example", TimeSpan.FromSeconds(2))));
            Assert.That((redis.KeyPrefix, redis.Database, redis.OperationTimeout, redis.ConnectTimeout), Is.EqualTo(("acme:onetime:", 2, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4))));
            Assert.That((redisHealth.Name, redisHealth.Timeout), Is.EqualTo(("redis", TimeSpan.FromSeconds(1))));
            Assert.That((efHealth.Name, efHealth.Timeout), Is.EqualTo(("database", TimeSpan.FromSeconds(3))));
            Assert.That((workers.DomainCheckInterval, workers.DomainCheckBatchSize, workers.DomainCheckParallelism, workers.DomainCheckTimeout, workers.JobInterval),
                Is.EqualTo((TimeSpan.FromMinutes(2), 200, 8, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5))));
            Assert.That((scheme.PathPrefix.Value, scheme.PublicOrigin, scheme.LocalSignInPath, scheme.CorrelationCookiePrefix),
                Is.EqualTo(("/sso", new Uri("https://app.example"), "/login", ".AcmeSso.")));
        });
    }

    [Test]
    public async Task DocsAppSettings_Start_PassesValidation()
    {
        using var host = BuildHost(DocsAppSettings());

        await host.StartAsync();
        await host.StopAsync();
    }

    // One bad value per options type of the adapter packages, through configuration.
    [TestCase("FederationKit:Saml:ClockSkew", "00:30:00", "FederationKit:Saml:ClockSkew must be between 0 and 10 minutes.")]
    [TestCase("FederationKit:Saml:MetadataRefresh:MinimumInterval", "00:00:00", "FederationKit:Saml:MetadataRefresh:MinimumInterval must be positive.")]
    [TestCase("FederationKit:Saml:MetadataHealthCheck:Grace", "30.00:00:00", "FederationKit:Saml:MetadataHealthCheck:Grace must be between zero and seven days.")]
    [TestCase("FederationKit:Http:OidcToken:Timeout", "00:00:00", "FederationKit:Http:OidcToken:Timeout must be between 10 milliseconds and one day.")]
    [TestCase("FederationKit:Outbound:ConnectTimeout", "00:00:00", "FederationKit:Outbound:ConnectTimeout must be positive and at most five minutes.")]
    [TestCase("FederationKit:Dns:Retries", "11", "FederationKit:Dns:Retries must be between 0 and 10.")]
    [TestCase("FederationKit:Dns:HealthCheck:QueryName", " ", "FederationKit:Dns:HealthCheck:QueryName must not be empty.")]
    [TestCase("FederationKit:Redis:Database", "-1", "FederationKit:Redis:Database must be 0 or more.")]
    [TestCase("FederationKit:Redis:HealthCheck:Timeout", "00:05:00", "FederationKit:Redis:HealthCheck:Timeout must be above zero and at most one minute.")]
    [TestCase("FederationKit:EntityFrameworkCore:HealthCheck:Name", " ", "FederationKit:EntityFrameworkCore:HealthCheck:Name must not be empty.")]
    [TestCase("FederationKit:BackgroundWorkers:DomainCheckParallelism", "0", "FederationKit:BackgroundWorkers:DomainCheckParallelism must be between 1 and 64.")]
    [TestCase("FederationKit:DirectorySync:MaxPageSize", "0", "FederationKit:DirectorySync:MaxPageSize must be between 1 and 1000.")]
    [TestCase("FederationKit:Scim:MaxResults", "0", "FederationKit:Scim:MaxResults must be between 1 and 1000")]
    public async Task StartAsync_BadAdapterSetting_FailsNamingItsConfigurationPath(string key, string value, string expected)
    {
        var settings = DocsAppSettings();
        settings[key] = value;
        using var host = BuildHost(settings);

        var refused = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(refused!.Failures, Has.Some.EqualTo(expected));
    }

    [Test]
    public void StartAsync_BadAuthenticationSetting_FailsNamingItsConfigurationPath()
    {
        var settings = DocsAppSettings();
        settings["FederationKit:Authentication:PublicOrigin"] = "https://app.example/path";
        using var host = BuildHost(settings);

        var refused = Assert.ThrowsAsync<ArgumentException>(() => host.StartAsync());

        Assert.That(refused!.Message, Does.StartWith("FederationKit:Authentication:PublicOrigin must be"));
    }

    [Test]
    public void AddSaml_CertificateFromADependencyInjectionService_IsUsed()
    {
        var certificate = FederationKit.Saml.Tests.SamlTestKeys.Sp;
        var services = new ServiceCollection();
        services.AddSingleton(new CertificateSource(certificate));
        services.AddFederationKit().AddSaml(saml => saml.EntityId = "https://app.example/sp");
        services.AddOptions<SamlSignInOptions>().Configure<CertificateSource>((saml, source) => saml.SigningCertificate = source.Certificate);
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<SamlSignInOptions>().SigningCertificate, Is.SameAs(certificate));
        Assert.That(provider.GetRequiredService<SamlSignInOptions>().EntityId, Is.EqualTo("https://app.example/sp"));
    }

    private static IHost BuildHost(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddFederationKit(builder.Configuration)
            .AddSaml()
            .AddSamlMetadataHealthCheck()
            .AddOidc()
            .AddDnsClientResolver()
            .AddDnsResolverHealthCheck()
            .AddStackExchangeRedisOneTimeStore()
            .AddStackExchangeRedisOneTimeStoreHealthCheck()
            .AddEntityFrameworkStoresHealthCheck()
            .AddBackgroundWorkers(o => (o.DomainChecksEnabled, o.JobsEnabled) = (false, false))
            .AddScim();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie().AddFederationKit();
        return builder.Build();
    }

    // The appsettings.json block of docs/configuration.md, flattened to configuration keys.
    private static Dictionary<string, string?> DocsAppSettings()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "configuration.md"));
        var json = Regex.Match(docs, "<!-- config:appsettings -->\\s*```json\\s*(?<json>.*?)```", RegexOptions.Singleline).Groups["json"].Value;
        Assert.That(json, Is.Not.Empty, "docs/configuration.md keeps its appsettings.json block");
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return configuration.AsEnumerable().Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FederationKit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (FederationKit.sln) was not found.");
    }

    private sealed record CertificateSource(System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate);
}
