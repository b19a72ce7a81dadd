using FederationKit.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Tests.DependencyInjection;

public sealed class FederationKitOptionsValidationTests
{
    // One bad value per options type (and a few more for the sign-in settings); each must stop the host naming its path.
    private static readonly object[] BadSettings =
    [
        new object[] { "FederationKit:MergeProposalLifetime", "-1.00:00:00", "FederationKit:MergeProposalLifetime must be positive." },
        new object[] { "FederationKit:Domains:MaxDomainsPerRequest", "0", "FederationKit:Domains:MaxDomainsPerRequest must be at least 1." },
        new object[] { "FederationKit:Domains:RecordPrefix", "has space", "FederationKit:Domains:RecordPrefix must be printable ASCII" },
        new object[] { "FederationKit:Domains:CheckLeaseDuration", "00:00:00", "FederationKit:Domains:CheckLeaseDuration must be positive." },
        new object[] { "FederationKit:SignIn:RouteCacheTtl", "00:00:00", "FederationKit:SignIn:RouteCacheTtl must be positive and at most one hour." },
        new object[] { "FederationKit:SignIn:RouteCacheNegativeTtl", "00:10:00", "FederationKit:SignIn:RouteCacheNegativeTtl must be positive and at most FederationKit:SignIn:RouteCacheTtl." },
        new object[] { "FederationKit:SignIn:BreakGlassEmails:0", "not-an-email", "FederationKit:SignIn:BreakGlassEmails contains an invalid email" },
        new object[] { "FederationKit:SignIn:TransactionLifetime", "02:00:00", "FederationKit:SignIn:TransactionLifetime must be positive and at most one hour." },
        new object[] { "FederationKit:DirectoryTrust:MaximumResends", "-1", "FederationKit:DirectoryTrust:MaximumResends must not be negative." },
    ];

    [Test]
    public async Task StartAsync_ValidConfiguration_Starts() =>
        await OptionsHost.StartsAsync((services, configuration) => services.AddFederationKit(configuration), new Dictionary<string, string?>
        {
            ["FederationKit:SignIn:RouteCacheTtl"] = "00:00:10",
        });

    [TestCaseSource(nameof(BadSettings))]
    public async Task StartAsync_BadSetting_FailsNamingItsConfigurationPath(string key, string value, string expected)
    {
        var refused = await OptionsHost.StartFailsAsync(
            (services, configuration) => services.AddFederationKit(configuration),
            new Dictionary<string, string?> { [key] = value });

        Assert.That(refused.Failures, Has.Some.StartsWith(expected));
    }

    [Test]
    public async Task StartAsync_BadSettingFromCode_FailsNamingItsConfigurationPath()
    {
        var refused = await OptionsHost.StartFailsAsync((services, _) => services.AddFederationKit(o => o.SignIn.RouteCacheMaxEntries = -1));

        Assert.That(refused.Failures, Is.EqualTo(new[] { "FederationKit:SignIn:RouteCacheMaxEntries must be between 0 and 10,000,000." }));
    }

    [Test]
    public async Task StartAsync_BadSettingThroughConfigureOfThePart_FailsToo()
    {
        var refused = await OptionsHost.StartFailsAsync((services, _) =>
        {
            services.AddFederationKit();
            services.Configure<FederationKit.Domains.DomainClaimOptions>(o => o.RecheckInterval = TimeSpan.Zero);
        });

        Assert.That(refused.Failures, Has.Some.EqualTo("FederationKit:Domains:RecheckInterval must be positive."));
    }

    [Test]
    public void AddFederationKit_BadSetting_DoesNotThrowAtRegistration() =>
        Assert.DoesNotThrow(() => new ServiceCollection().AddFederationKit(o => o.SignIn.RouteCacheTtl = TimeSpan.Zero));
}
