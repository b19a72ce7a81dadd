using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederationKit.Saml.Metadata;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederationKit.Saml.Tests.Metadata;

/// <summary>
/// Through <c>AddSaml</c> and <c>AddSamlMetadataRefresh</c> with the host's logging: a key rollover is logged with thumbprints
/// only, and a refused sign-in names its profile in the log and the span.
/// </summary>
[NonParallelizable]
public sealed class SamlMetadataRefresherTelemetryTests
{
    [Test]
    public async Task Run_IdpRollsItsSigningKey_LogsTheRefreshAndRolloverWithThumbprintsAndARefusalWithItsProfile()
    {
        using var capture = new TelemetryCapture();
        var nextKey = MetadataRefreshHost.NewIdpKey();
        await using var host = await MetadataRefreshHost.CreateAsync(
            Metadata(SamlTestKeys.Idp),
            extend: b => b.Services.AddSingleton<ILoggerFactory>(capture).AddSingleton(typeof(ILogger<>), typeof(Logger<>)));
        await host.Refresher.RunAsync(default);
        host.Server.Body = Metadata(nextKey);
        host.Clock.Advance(SamlMetadataRefreshDefaults.DefaultInterval);
        var refused = await host.SignInAsync(nextKey);

        await host.Refresher.RunAsync(default);

        Assert.That(refused.Error.Code, Is.EqualTo(SamlErrorCodes.SignatureInvalid));
        var profileId = host.ProfileId.ToString();
        var signature = capture.Logs.Single(l => l.EventId.Id == 5002);
        var refreshed = capture.Logs.Single(l => l.EventId.Id == 5020);
        var rolled = capture.Logs.Single(l => l.EventId.Id == 5021);
        Assert.Multiple(() =>
        {
            Assert.That(signature.State, Does.Contain(("ProfileId", (string?)profileId)));
            Assert.That(capture.SpansNamed("saml.validate").Single().GetTagItem("federationkit.profile_id"), Is.EqualTo(profileId));
            Assert.That(refreshed.State, Does.Contain(("Thumbprints", (string?)Thumbprint(nextKey))));
            Assert.That((rolled.EventId.Name, rolled.Level), Is.EqualTo(("SamlSigningKeyRolledOver", LogLevel.Warning)));
            Assert.That(rolled.State, Does.Contain(("Added", (string?)Thumbprint(nextKey))));
            Assert.That(rolled.State, Does.Contain(("Removed", (string?)Thumbprint(SamlTestKeys.Idp))));
            var refreshes = capture.SpansNamed("saml.metadata.refresh");
            Assert.That(refreshes.Select(s => s.GetTagItem("federationkit.saml.metadata_changed")), Is.EqualTo(new object[] { false, true }));
            Assert.That(refreshes.All(s => s.Status == ActivityStatusCode.Unset), Is.True);
            Assert.That(capture.SpansNamed("saml.metadata").Count(s => refreshes.Any(r => r.SpanId == s.ParentSpanId)), Is.EqualTo(2), "each refresh holds its fetch");
            Assert.That(capture.AllText(), Does.Not.Contain(Convert.ToBase64String(nextKey.RawData)[..64]));
        });
    }

    private static string Metadata(X509Certificate2 key) => IdpMetadataXml.Entity(keys: IdpMetadataXml.Key(key));

    private static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);
}
