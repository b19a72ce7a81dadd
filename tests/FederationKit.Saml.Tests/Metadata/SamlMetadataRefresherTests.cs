using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederationKit.Background;
using FederationKit.Directories;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.SignIn;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Saml.Tests.Metadata;

/// <summary>
/// The metadata refresher against a metadata server on 127.0.0.1: a profile imported from a URL follows its IdP's key rollover
/// without an administrator, keeps serving while the IdP is down, never applies expired metadata, and refreshes on the schedule
/// the metadata sets within the configured bounds.
/// </summary>
[NonParallelizable]
public sealed class SamlMetadataRefresherTests
{
    private static readonly X509Certificate2 NextKey = MetadataRefreshHost.NewIdpKey();

    private static string Metadata(X509Certificate2[] keys, string? cacheDuration = null, string? validUntil = null) =>
        IdpMetadataXml.Entity(cacheDuration: cacheDuration, validUntil: validUntil, keys: string.Concat(keys.Select(k => IdpMetadataXml.Key(k))));

    private static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    [Test]
    public async Task ImportAsync_KeepsTheMetadataUrlInTheStoredProfile()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp]));

        var profile = await host.ProfileAsync();

        Assert.That(profile.Saml!.MetadataUrl, Is.EqualTo(host.Server.Url));
        Assert.That(profile.Saml.SigningCertificates, Is.EqualTo(new[] { Convert.ToBase64String(SamlTestKeys.Idp.RawData) }));
    }

    [Test]
    public async Task Run_IdpRollsItsSigningKey_ANewKeyResponseSignsInWithoutAnAdmin()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp]));
        var first = await host.Refresher.RunAsync(default);
        var before = await host.ProfileAsync();
        host.Server.Body = Metadata([NextKey]);
        host.Clock.Advance(SamlMetadataRefreshDefaults.DefaultInterval);
        Assert.That((await host.SignInAsync(NextKey)).Error.Code, Is.EqualTo(SamlErrorCodes.SignatureInvalid), "the new key is unknown before the refresh");

        var report = await host.Refresher.RunAsync(default);
        var signedIn = await host.SignInAsync(NextKey);
        var oldKey = await host.SignInAsync(SamlTestKeys.Idp);

        Assert.That((first.Checked, first.Changed, first.Failures.Count), Is.EqualTo((1, 0, 0)));
        Assert.That((report.Checked, report.Changed, report.Failures.Count), Is.EqualTo((1, 1, 0)));
        Assert.That(signedIn.IsSuccess, Is.True, () => signedIn.Error.ToString());
        Assert.That(oldKey.Error.Code, Is.EqualTo(SamlErrorCodes.SignatureInvalid), "a key the IdP no longer publishes is no longer trusted");
        Assert.That((await host.ProfileAsync()).Version, Is.GreaterThan(before.Version));
        var changed = host.Events.OfType<SamlSigningKeysChanged>().Single();
        Assert.That(changed.Type, Is.EqualTo(SamlMetadataEventTypes.SigningKeysChanged));
        Assert.That(changed.ProfileId, Is.EqualTo(host.ProfileId));
        Assert.That(changed.MetadataUrl, Is.EqualTo(host.Server.Url));
        Assert.That(changed.PreviousThumbprints, Is.EqualTo(new[] { Thumbprint(SamlTestKeys.Idp) }));
        Assert.That(changed.CurrentThumbprints, Is.EqualTo(new[] { Thumbprint(NextKey) }));
        Assert.That(host.Events.OfType<IdpProfileChanged>().Count(e => e.Type == DirectoryEventTypes.ProfileUpdated), Is.EqualTo(1));
    }

    [Test]
    public async Task Run_RolloverPublishesBothKeys_BothSignInAndTheEventListsBoth()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp]));
        host.Server.Body = Metadata([SamlTestKeys.Idp, NextKey]);

        await host.Refresher.RunAsync(default);

        Assert.That((await host.SignInAsync(SamlTestKeys.Idp)).IsSuccess, Is.True);
        Assert.That((await host.SignInAsync(NextKey)).IsSuccess, Is.True);
        Assert.That(host.Events.OfType<SamlSigningKeysChanged>().Single().CurrentThumbprints, Is.EqualTo(new[] { Thumbprint(SamlTestKeys.Idp), Thumbprint(NextKey) }));
    }

    [Test]
    public async Task Run_MetadataUnchanged_LeavesTheProfileAndRaisesNoEvent()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp]));
        var before = await host.ProfileAsync();
        var eventsBefore = host.Events.Events.Count;

        var report = await host.Refresher.RunAsync(default);

        Assert.That((report.Checked, report.Changed, report.Failures.Count), Is.EqualTo((1, 0, 0)));
        Assert.That((await host.ProfileAsync()).Version, Is.EqualTo(before.Version));
        Assert.That(host.Events.Events.Count, Is.EqualTo(eventsBefore));
    }

    [Test]
    public async Task Run_SameKeyStoredWithLineBreaks_IsNoChange()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp]));
        var wrapped = Convert.ToBase64String(SamlTestKeys.Idp.RawData, Base64FormattingOptions.InsertLineBreaks);
        var stored = (await host.ProfileAsync()).Saml! with { SigningCertificates = [wrapped] };
        Assert.That((await host.Services.GetRequiredService<IdpProfileService>().UpdateSamlSettingsAsync(host.ProfileId, TestAdministrator.Id, stored)).IsSuccess, Is.True);
        var before = await host.ProfileAsync();

        var report = await host.Refresher.RunAsync(default);

        Assert.That((report.Checked, report.Changed), Is.EqualTo((1, 0)));
        Assert.That((await host.ProfileAsync()).Version, Is.EqualTo(before.Version));
        Assert.That(host.Events.OfType<SamlSigningKeysChanged>(), Is.Empty);
    }

    [Test]
    public async Task Run_IdpDown_ProfileUnchangedAndTheOldKeyStillSignsIn()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp]));
        var before = await host.ProfileAsync();
        host.Server.Status = HttpStatusCode.ServiceUnavailable;

        var report = await host.Refresher.RunAsync(default);

        Assert.That(report.Failures.Single().Error.Code, Is.EqualTo(SamlMetadataErrorCodes.FetchFailed));
        Assert.That(report.Failures.Single().Subject, Is.EqualTo(host.ProfileId.ToString()));
        Assert.That((await host.ProfileAsync()).Version, Is.EqualTo(before.Version));
        Assert.That(host.Events.OfType<SamlSigningKeysChanged>(), Is.Empty);
        Assert.That((await host.SignInAsync(SamlTestKeys.Idp)).IsSuccess, Is.True);
    }

    [Test]
    public async Task Run_IdpServerGone_ProfileUnchangedAndTheOldKeyStillSignsIn()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp]));
        host.Server.Dispose();

        var report = await host.Refresher.RunAsync(default);

        Assert.That(report.Failures.Single().Error.Code, Is.EqualTo(SamlMetadataErrorCodes.FetchFailed));
        Assert.That((await host.SignInAsync(SamlTestKeys.Idp)).IsSuccess, Is.True);
    }

    [Test]
    public async Task Run_RolledMetadataWithValidUntilInThePast_IsNotApplied()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp]));
        var before = await host.ProfileAsync();
        host.Server.Body = Metadata([NextKey], validUntil: "2026-03-01T07:30:00Z");

        var report = await host.Refresher.RunAsync(default);

        Assert.That(report.Failures.Single().Error.Code, Is.EqualTo(SamlMetadataErrorCodes.Expired));
        Assert.That((await host.ProfileAsync()).Saml!.SigningCertificates, Is.EqualTo(before.Saml!.SigningCertificates));
        Assert.That(host.Events.OfType<SamlSigningKeysChanged>(), Is.Empty);
        Assert.That((await host.SignInAsync(NextKey)).Error.Code, Is.EqualTo(SamlErrorCodes.SignatureInvalid));
        Assert.That((await host.SignInAsync(SamlTestKeys.Idp)).IsSuccess, Is.True);
    }

    [TestCase("PT2H", 120)]
    [TestCase("PT1M", 5, Description = "below the minimum")]
    [TestCase("P7D", 24 * 60, Description = "above the maximum")]
    [TestCase(null, 60, Description = "no cacheDuration: the default")]
    public async Task Run_CacheDuration_SetsTheNextRefreshWithinTheBounds(string? cacheDuration, int expectedMinutes)
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp], cacheDuration));
        await host.Refresher.RunAsync(default);
        var requests = host.Server.Requests;

        Assert.That(host.Refresher.NextRefreshAt(host.ProfileId), Is.EqualTo(MetadataRefreshHost.Start.AddMinutes(expectedMinutes)));
        host.Clock.Advance(TimeSpan.FromMinutes(expectedMinutes) - TimeSpan.FromSeconds(1));
        var early = await host.Refresher.RunAsync(default);
        Assert.That((early.Checked, host.Server.Requests), Is.EqualTo((0, requests)), "not fetched before it is due");
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var due = await host.Refresher.RunAsync(default);
        Assert.That((due.Checked, host.Server.Requests), Is.EqualTo((1, requests + 1)));
    }

    [Test]
    public async Task Run_ValidUntilBeforeTheCacheDuration_RefreshesByValidUntil()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp], "PT6H", validUntil: "2026-03-01T08:30:00Z"));

        await host.Refresher.RunAsync(default);

        Assert.That(host.Refresher.NextRefreshAt(host.ProfileId), Is.EqualTo(MetadataRefreshHost.Start.AddMinutes(30)));
    }

    [Test]
    public async Task Run_RepeatedFailures_BackOffUpToTheMaximum()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp]));
        host.Server.Status = HttpStatusCode.InternalServerError;
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            await host.Refresher.RunAsync(default);
            var next = host.Refresher.NextRefreshAt(host.ProfileId)!.Value;
            waits.Add(next - host.Clock.GetUtcNow());
            host.Clock.SetUtcNow(next);
        }

        Assert.That(waits.Select(w => w.TotalMinutes), Is.EqualTo(new double[] { 5, 10, 20, 40, 60, 60 }));
    }

    [Test]
    public async Task Run_AfterAFailure_ASuccessResetsTheSchedule()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp], "PT2H"));
        host.Server.Status = HttpStatusCode.InternalServerError;
        await host.Refresher.RunAsync(default);
        host.Server.Status = HttpStatusCode.OK;
        host.Clock.Advance(TimeSpan.FromMinutes(5));

        var report = await host.Refresher.RunAsync(default);

        Assert.That((report.Checked, report.Failures.Count), Is.EqualTo((1, 0)));
        Assert.That(host.Refresher.NextRefreshAt(host.ProfileId), Is.EqualTo(host.Clock.GetUtcNow().AddHours(2)));
    }

    [Test]
    public async Task Run_ProfileImportedAfterAListing_IsPickedUpAtTheNextListing()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp]));
        await host.Refresher.RunAsync(default);
        var first = await host.ProfileAsync();
        var imported = await host.Services.GetRequiredService<SamlIdpMetadataClient>().ImportAsync(host.Server.Url, new SamlIdpMetadataReadOptions());
        var second = await host.Services.GetRequiredService<IdpProfileService>().AddSamlProfileAsync(first.DirectoryId, TestAdministrator.Id, "Acme next", imported.Value);

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var beforeListing = await host.Refresher.RunAsync(default);
        host.Clock.Advance(SamlMetadataRefreshDefaults.MinimumInterval);
        var afterListing = await host.Refresher.RunAsync(default);

        Assert.That(beforeListing.Checked, Is.Zero, "the list of profiles is read at most once per minimum interval");
        Assert.That(afterListing.Checked, Is.EqualTo(1));
        Assert.That(host.Refresher.NextRefreshAt(second.Value.Id), Is.Not.Null);
    }

    [Test]
    public async Task Run_ProfileEnteredByHand_IsNeverFetched()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp]));
        var profile = await host.ProfileAsync();
        var updated = await host.Services.GetRequiredService<IdpProfileService>().UpdateSamlSettingsAsync(host.ProfileId, TestAdministrator.Id, profile.Saml! with { MetadataUrl = null });
        Assert.That(updated.IsSuccess, Is.True);

        var report = await host.Refresher.RunAsync(default);

        Assert.That(report.Checked, Is.Zero);
        Assert.That(host.Server.Requests, Is.EqualTo(1), "only the import fetched");
    }

    [Test]
    public async Task Run_RefreshKeepsTheProfilesOwnSettings()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp]));
        var profiles = host.Services.GetRequiredService<IdpProfileService>();
        var own = (await host.ProfileAsync()).Saml! with { NameIdFormat = null, EmailAttribute = "mail", RequireSignedAssertion = true };
        Assert.That((await profiles.UpdateSamlSettingsAsync(host.ProfileId, TestAdministrator.Id, own)).IsSuccess, Is.True);
        host.Server.Body = Metadata([NextKey]);

        await host.Refresher.RunAsync(default);

        var refreshed = (await host.ProfileAsync()).Saml!;
        Assert.That(refreshed, Is.EqualTo(own with { SigningCertificates = [Convert.ToBase64String(NextKey.RawData)] }).Using<SamlIdpSettings>((a, b) =>
            a.EntityId == b.EntityId && a.NameIdFormat == b.NameIdFormat && a.EmailAttribute == b.EmailAttribute && a.RequireSignedAssertion == b.RequireSignedAssertion
            && a.MetadataUrl == b.MetadataUrl && a.SigningCertificates.SequenceEqual(b.SigningCertificates)));
    }

    [Test]
    public async Task UpdateSamlSettings_WithAnOlderVersion_IsAConcurrencyConflict()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp]));
        var profile = await host.ProfileAsync();

        var stale = await host.Services.GetRequiredService<IdpProfileService>().ApplyRefreshedSamlSettingsAsync(host.ProfileId, profile.Saml!, profile.Version - 1);

        Assert.That(stale.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
    }

    [Test]
    public async Task AddSamlProfile_MetadataUrlNotHttps_IsRefusedNamingTheField()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp]));
        var profile = await host.ProfileAsync();

        var updated = await host.Services.GetRequiredService<IdpProfileService>().UpdateSamlSettingsAsync(host.ProfileId, TestAdministrator.Id, profile.Saml! with { MetadataUrl = new Uri("http://idp.acme.example/metadata") });

        Assert.That(updated.Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileSettingsInvalid));
        Assert.That(updated.Error.Details["field"], Is.EqualTo("metadataUrl"));
    }

    [TestCase("MinimumInterval")]
    [TestCase("MaximumInterval")]
    [TestCase("DefaultInterval")]
    [TestCase("FailureRetryInterval")]
    [TestCase("MaximumFailureBackoff")]
    public async Task AddSamlMetadataRefresh_InvalidSetting_FailsAtStartNamingIt(string setting)
    {
        Action<SamlMetadataRefreshOptions> breakIt = setting switch
        {
            "MinimumInterval" => o => o.MinimumInterval = TimeSpan.Zero,
            "MaximumInterval" => o => o.MaximumInterval = TimeSpan.FromMinutes(1),
            "DefaultInterval" => o => o.DefaultInterval = TimeSpan.FromDays(2),
            "FailureRetryInterval" => o => o.FailureRetryInterval = TimeSpan.Zero,
            _ => o => o.MaximumFailureBackoff = TimeSpan.FromMinutes(1),
        };

        var refused = await FederationKit.Tests.Shared.OptionsHost.StartFailsAsync((services, _) => services.AddFederationKit()
            .AddSaml(o =>
            {
                o.EntityId = SamlResponseBuilder.SpEntityId;
                o.AssertionConsumerServiceBaseUrl = new Uri("https://app.example/saml/acs");
            })
            .AddSamlMetadataRefresh(breakIt));

        Assert.That(refused.Failures, Has.Some.StartsWith("FederationKit:Saml:MetadataRefresh:" + setting + " must "));
    }

    [Test]
    public void AddSamlMetadataRefresh_BeforeAddSaml_Throws()
    {
        var services = new ServiceCollection();

        Assert.Throws<InvalidOperationException>(() => services.AddFederationKit().AddSamlMetadataRefresh());
    }

    [Test]
    public async Task AddSamlMetadataRefresh_RegistersTheRefresherAsABackgroundJob()
    {
        await using var host = await MetadataRefreshHost.CreateAsync(Metadata([SamlTestKeys.Idp]));

        var job = host.Services.GetServices<IFederationBackgroundJob>().Single();

        Assert.That(job, Is.SameAs(host.Refresher));
        Assert.That(job.Name, Is.EqualTo(SamlMetadataRefresher.JobName));
    }

    [Test]
    public void AddSaml_Alone_OffersTheRefresherAsABackgroundJobWithDefaultBounds()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddSaml(o => o.EntityId = "https://app.example/federation/saml/metadata");
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IFederationBackgroundJob>().Single(), Is.InstanceOf<SamlMetadataRefresher>());
        Assert.That(provider.GetRequiredService<SamlMetadataRefreshOptions>().MinimumInterval, Is.EqualTo(SamlMetadataRefreshDefaults.MinimumInterval));
    }

    [Test]
    public void AddSamlMetadataRefresh_AfterAddSaml_ReplacesTheDefaultBounds()
    {
        var services = new ServiceCollection();
        services.AddFederationKit().AddSaml(o => o.EntityId = "https://app.example/federation/saml/metadata").AddSamlMetadataRefresh(o => o.MinimumInterval = TimeSpan.FromMinutes(7));
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<SamlMetadataRefreshOptions>().MinimumInterval, Is.EqualTo(TimeSpan.FromMinutes(7)));
        Assert.That(provider.GetServices<IFederationBackgroundJob>().Count(), Is.EqualTo(1));
    }
}
