using FederationKit.Saml.SignIn;

namespace FederationKit.Saml.Tests.SignIn.Protocol;

/// <summary>
/// The per-profile cache of <see cref="SamlSignInProtocol"/>: certificates are parsed once per profile version, and a
/// changed profile (a new IdP signing certificate) is used by the very next response.
/// </summary>
public sealed class SamlProfileCacheTests
{
    [Test]
    public async Task Complete_ManyResponsesOfOneProfileVersion_BuildTheProfileOnce()
    {
        await using var host = await SamlProtocolHost.CreateAsync();

        for (var i = 0; i < 3; i++)
        {
            var (challenge, requestId) = await host.BeginAsync();
            var completed = await host.CompleteAsync(challenge.TransactionId, challenge.BrowserSecret, host.Response(requestId));
            Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());
        }

        Assert.That(host.Protocol.Cache.Builds, Is.EqualTo(1));
    }

    [Test]
    public async Task Complete_ProfileWithANewSigningCertificate_UsesItAtOnceAndDropsTheOldEntry()
    {
        await using var host = await SamlProtocolHost.CreateAsync();
        var (before, beforeRequestId) = await host.BeginAsync();
        Assert.That((await host.CompleteAsync(before.TransactionId, before.BrowserSecret, host.Response(beforeRequestId))).IsSuccess, Is.True);
        var rolled = await host.Profiles.UpdateSamlSettingsAsync(host.ProfileId, host.Owner, SamlProtocolHost.Settings() with { SigningCertificates = [Convert.ToBase64String(SamlTestKeys.Attacker.RawData)] });
        Assert.That(rolled.IsSuccess, Is.True, () => rolled.Error.ToString());

        var (oldKey, oldKeyRequestId) = await host.BeginAsync();
        var signedWithOldKey = await host.CompleteAsync(oldKey.TransactionId, oldKey.BrowserSecret, host.Response(oldKeyRequestId));
        var (newKey, newKeyRequestId) = await host.BeginAsync();
        var newKeyResponse = new SamlResponseBuilder { InResponseTo = newKeyRequestId, Destination = host.ProfileAcs, Recipient = host.ProfileAcs };
        var signedWithNewKey = await host.CompleteAsync(newKey.TransactionId, newKey.BrowserSecret, SamlResponseBuilder.Base64(newKeyResponse.Signed(key: SamlTestKeys.Attacker)));

        Assert.That(signedWithOldKey.Error.Code, Is.EqualTo(SamlErrorCodes.SignatureInvalid));
        Assert.That(signedWithNewKey.IsSuccess, Is.True, () => signedWithNewKey.Error.ToString());
        Assert.That(host.Protocol.Cache.Builds, Is.EqualTo(2));
        Assert.That(host.Protocol.Cache.Count, Is.EqualTo(1), "the old version's entry is dropped");
    }

    [Test]
    public async Task LegacySignIns_ShareNoParsingPerRequest()
    {
        await using var host = await SamlProfileHost.CreateAsync(new Directories.SamlIdpSettings
        {
            EntityId = SamlResponseBuilder.IdpEntityId,
            SsoUrlRedirect = new Uri("https://idp.acme.example/sso"),
            SigningCertificates = [Convert.ToBase64String(SamlTestKeys.Idp.RawData)],
            SignRequests = false,
        });

        var first = await host.CompleteAsync(_ => { });
        var second = await host.CompleteAsync(_ => { });

        Assert.That(first.IsSuccess && second.IsSuccess, Is.True);
        Assert.That(host.SignInsCache.Builds, Is.EqualTo(1));
    }

    [Test]
    public async Task ReceiveLogout_AfterSignIn_ReusesTheEntry()
    {
        await using var host = await SamlProtocolHost.CreateAsync();
        var (challenge, requestId) = await host.BeginAsync();
        Assert.That((await host.CompleteAsync(challenge.TransactionId, challenge.BrowserSecret, host.Response(requestId))).IsSuccess, Is.True);

        var query = IdpLogoutMessagesFor(host);
        var received = await host.Protocol.ReceiveLogoutAsync(host.ProfileId, new SamlLogoutMessage(false, query, new Dictionary<string, string>()), SamlProtocolHost.Urls);

        Assert.That(received.IsSuccess, Is.True, () => received.Error.ToString());
        Assert.That(host.Protocol.Cache.Builds, Is.EqualTo(1));
    }

    private static string IdpLogoutMessagesFor(SamlProtocolHost host) =>
        Logout.IdpLogoutMessages.Query("SAMLRequest", Logout.IdpLogoutMessages.Request(destination: host.ProfileSlo), key: SamlTestKeys.Idp);
}
