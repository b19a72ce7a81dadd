using FederationKit.DirectoryTrust;
using FederationKit.Domains;
using FederationKit.SignIn;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FederationKit.Tests.DependencyInjection;

public sealed class FederationKitConfigurationBindingTests
{
    private static readonly Dictionary<string, string?> EveryCoreSetting = new()
    {
        ["FederationKit:MergeProposalLifetime"] = "10.00:00:00",
        ["FederationKit:Domains:RecordPrefix"] = "acme-verification",
        ["FederationKit:Domains:RecordHostLabel"] = "_acme-challenge",
        ["FederationKit:Domains:MaxDomainsPerRequest"] = "7",
        ["FederationKit:Domains:VerificationWindow"] = "3.00:00:00",
        ["FederationKit:Domains:PendingCheckInterval"] = "00:20:00",
        ["FederationKit:Domains:RecheckInterval"] = "04:00:00",
        ["FederationKit:Domains:LapseGracePeriod"] = "2.00:00:00",
        ["FederationKit:Domains:FailedLookupRetryInterval"] = "00:10:00",
        ["FederationKit:Domains:LookupFailuresBeforeAtRisk"] = "6",
        ["FederationKit:Domains:CheckLeaseDuration"] = "00:07:00",
        ["FederationKit:Domains:AdditionalFreeMailDomains:0"] = "mail.example",
        ["FederationKit:Domains:AllowedFreeMailDomains:0"] = "gmx.net",
        ["FederationKit:SignIn:BreakGlassEmails:0"] = "owner@acme.example",
        ["FederationKit:SignIn:MaxUsernameAttempts"] = "50",
        ["FederationKit:SignIn:MaxConcurrencyRetries"] = "8",
        ["FederationKit:SignIn:RouteRefreshInterval"] = "00:01:00",
        ["FederationKit:SignIn:RouteCacheMaxEntries"] = "5000",
        ["FederationKit:SignIn:RouteCacheTtl"] = "00:00:20",
        ["FederationKit:SignIn:RouteCacheNegativeTtl"] = "00:00:02",
        ["FederationKit:SignIn:InvitationLifetime"] = "3.00:00:00",
        ["FederationKit:SignIn:TransactionLifetime"] = "00:05:00",
        ["FederationKit:DirectoryTrust:MinimumResendInterval"] = "00:30:00",
        ["FederationKit:DirectoryTrust:MaximumResends"] = "2",
    };

    [Test]
    public void AddFederationKit_Configuration_BindsEveryCoreSetting()
    {
        using var host = OptionsHost.Build((services, configuration) => services.AddFederationKit(configuration), EveryCoreSetting);
        var root = host.Services.GetRequiredService<IOptions<FederationKitOptions>>().Value;
        var domains = host.Services.GetRequiredService<IOptions<DomainClaimOptions>>().Value;
        var signIn = host.Services.GetRequiredService<IOptions<SignInOptions>>().Value;
        var trust = host.Services.GetRequiredService<IOptions<DirectoryTrustOptions>>().Value;

        Assert.Multiple(() =>
        {
            Assert.That(root.MergeProposalLifetime, Is.EqualTo(TimeSpan.FromDays(10)));
            Assert.That(domains.RecordPrefix, Is.EqualTo("acme-verification"));
            Assert.That(domains.RecordHostLabel, Is.EqualTo("_acme-challenge"));
            Assert.That(domains.MaxDomainsPerRequest, Is.EqualTo(7));
            Assert.That(domains.VerificationWindow, Is.EqualTo(TimeSpan.FromDays(3)));
            Assert.That(domains.PendingCheckInterval, Is.EqualTo(TimeSpan.FromMinutes(20)));
            Assert.That(domains.RecheckInterval, Is.EqualTo(TimeSpan.FromHours(4)));
            Assert.That(domains.LapseGracePeriod, Is.EqualTo(TimeSpan.FromDays(2)));
            Assert.That(domains.FailedLookupRetryInterval, Is.EqualTo(TimeSpan.FromMinutes(10)));
            Assert.That(domains.LookupFailuresBeforeAtRisk, Is.EqualTo(6));
            Assert.That(domains.CheckLeaseDuration, Is.EqualTo(TimeSpan.FromMinutes(7)));
            Assert.That(domains.AdditionalFreeMailDomains, Is.EqualTo(new[] { "mail.example" }));
            Assert.That(domains.AllowedFreeMailDomains, Is.EqualTo(new[] { "gmx.net" }));
            Assert.That(signIn.BreakGlassEmails, Is.EquivalentTo(new[] { "owner@acme.example" }));
            Assert.That(signIn.MaxUsernameAttempts, Is.EqualTo(50));
            Assert.That(signIn.MaxConcurrencyRetries, Is.EqualTo(8));
            Assert.That(signIn.RouteRefreshInterval, Is.EqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(signIn.RouteCacheMaxEntries, Is.EqualTo(5000));
            Assert.That(signIn.RouteCacheTtl, Is.EqualTo(TimeSpan.FromSeconds(20)));
            Assert.That(signIn.RouteCacheNegativeTtl, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(signIn.InvitationLifetime, Is.EqualTo(TimeSpan.FromDays(3)));
            Assert.That(signIn.TransactionLifetime, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(trust.MinimumResendInterval, Is.EqualTo(TimeSpan.FromMinutes(30)));
            Assert.That(trust.MaximumResends, Is.EqualTo(2));
        });
    }

    [Test]
    public void AddFederationKit_PartOptions_AreTheRootsPartsAndWhatServicesGet()
    {
        using var host = OptionsHost.Build((services, configuration) => services.AddFederationKit(configuration), EveryCoreSetting);
        var root = host.Services.GetRequiredService<IOptions<FederationKitOptions>>().Value;

        Assert.That(host.Services.GetRequiredService<IOptions<SignInOptions>>().Value, Is.SameAs(root.SignIn));
        Assert.That(host.Services.GetRequiredService<SignInOptions>(), Is.SameAs(root.SignIn));
        Assert.That(host.Services.GetRequiredService<DomainClaimOptions>(), Is.SameAs(root.Domains));
        Assert.That(host.Services.GetRequiredService<DirectoryTrustOptions>(), Is.SameAs(root.DirectoryTrust));
        Assert.That(host.Services.GetRequiredService<FederationKitOptions>(), Is.SameAs(root));
    }

    [Test]
    public void AddFederationKit_CodeAfterConfiguration_Wins()
    {
        using var host = OptionsHost.Build(
            (services, configuration) => services.AddFederationKit(configuration, o => o.SignIn.MaxUsernameAttempts = 99),
            EveryCoreSetting);

        Assert.That(host.Services.GetRequiredService<SignInOptions>().MaxUsernameAttempts, Is.EqualTo(99));
        Assert.That(host.Services.GetRequiredService<SignInOptions>().MaxConcurrencyRetries, Is.EqualTo(8), "the rest still comes from configuration");
    }

    [Test]
    public void AddFederationKit_ConfigureOfAPartByTheHost_ChangesTheSameOptions()
    {
        var services = new ServiceCollection();
        services.AddFederationKit();
        services.Configure<SignInOptions>(o => o.RouteCacheMaxEntries = 42);
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IOptions<FederationKitOptions>>().Value.SignIn.RouteCacheMaxEntries, Is.EqualTo(42));
        Assert.That(provider.GetRequiredService<SignInOptions>().RouteCacheMaxEntries, Is.EqualTo(42));
    }

    [Test]
    public void AddFederationKit_OptionsFromADependencyInjectionService_ArriveAtStart()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new BreakGlassDirectory("root@acme.example"));
        services.AddFederationKit();
        services.AddOptions<SignInOptions>().Configure<BreakGlassDirectory>((o, directory) => o.BreakGlassEmails.Add(directory.Email));
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<SignInOptions>().BreakGlassEmails, Does.Contain("root@acme.example"));
    }

    [Test]
    public void AddFederationKit_WithoutConfiguration_KeepsTheDefaults()
    {
        using var host = OptionsHost.Build((services, _) => services.AddFederationKit(), EveryCoreSetting);

        Assert.That(host.Services.GetRequiredService<SignInOptions>().MaxUsernameAttempts, Is.EqualTo(1000));
        Assert.That(host.Services.GetRequiredService<DomainClaimOptions>().RecordPrefix, Is.EqualTo("federationkit-verification"));
    }

    private sealed record BreakGlassDirectory(string Email);
}
