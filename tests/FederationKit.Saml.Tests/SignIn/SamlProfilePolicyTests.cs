using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Saml.SignIn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Saml.Tests.SignIn;

/// <summary>The validation policy stored on a directory's SAML profile applies to sign-ins through that profile.</summary>
public sealed class SamlProfilePolicyTests
{
    private const string EntraAudience = "spn:7f2c1b4e-0000-4000-8000-000000000001";

    private static SamlIdpSettings Settings() => new()
    {
        EntityId = SamlResponseBuilder.IdpEntityId,
        SsoUrlRedirect = new Uri("https://idp.acme.example/sso"),
        SigningCertificates = [Convert.ToBase64String(SamlTestKeys.Idp.RawData)],
        SignRequests = false,
    };

    [Test]
    public async Task Complete_ProfileWithAnAdditionalAudience_AcceptsTheEntraSpnAudience()
    {
        await using var host = await SamlProfileHost.CreateAsync(Settings() with { AdditionalAudiences = [EntraAudience] });

        var completed = await host.CompleteAsync(b => b.Audience = EntraAudience);

        Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());
    }

    [Test]
    public async Task Complete_ProfileWithoutAdditionalAudiences_RefusesTheEntraSpnAudience()
    {
        await using var host = await SamlProfileHost.CreateAsync(Settings());

        var completed = await host.CompleteAsync(b => b.Audience = EntraAudience);

        Assert.That(completed.Error.Code, Is.EqualTo(SamlErrorCodes.AudienceMismatch));
    }

    [Test]
    public async Task Complete_ProfileNotRequiringAnAuthnStatement_AcceptsAnAssertionWithoutOne()
    {
        await using var host = await SamlProfileHost.CreateAsync(Settings() with { RequireAuthnStatement = false });

        var completed = await host.CompleteAsync(b => b.OmitAuthnStatement = true);

        Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());
        Assert.That(completed.Value.Identity.SessionIndex, Is.Null);
    }

    [Test]
    public async Task Complete_ProfileWithDefaults_RefusesAnAssertionWithoutAnAuthnStatement()
    {
        await using var host = await SamlProfileHost.CreateAsync(Settings());

        var completed = await host.CompleteAsync(b => b.OmitAuthnStatement = true);

        Assert.That(completed.Error.Code, Is.EqualTo(SamlErrorCodes.AuthnStatementMissing));
    }

    [Test]
    public async Task Complete_ProfileRequiringSignedAssertions_RefusesAResponseSignedOnlyOnTheResponse()
    {
        await using var host = await SamlProfileHost.CreateAsync(Settings() with { RequireSignedAssertion = true });

        var completed = await host.CompleteAsync(_ => { }, assertion: false, response: true);

        Assert.That(completed.Error.Code, Is.EqualTo(SamlErrorCodes.AssertionUnsigned));
    }

    [Test]
    public async Task Complete_ProfileWithAShortMaximumLifetime_RefusesALongerAssertion()
    {
        await using var host = await SamlProfileHost.CreateAsync(Settings() with { MaximumAssertionLifetime = TimeSpan.FromMinutes(10) });

        var completed = await host.CompleteAsync(b => b.NotOnOrAfter = SamlResponseBuilder.Now.AddMinutes(30));

        Assert.That(completed.Error.Code, Is.EqualTo(SamlErrorCodes.LifetimeTooLong));
    }

    [TestCase(false, SamlErrorCodes.EncryptionAlgorithmNotAllowed)]
    [TestCase(true, null)]
    public async Task Complete_Rsa15KeyTransport_FollowsTheProfile(bool allow, string? expected)
    {
        await using var host = await SamlProfileHost.CreateAsync(Settings() with { AllowRsaPkcs1KeyTransport = allow });

        var completed = await host.CompleteAsync(_ => { }, encrypt: SamlAssertionEncryptor.Rsa15);

        Assert.That(completed.IsSuccess ? null : completed.Error.Code, Is.EqualTo(expected));
    }

    [Test]
    public async Task AddProfile_1024BitIdpKey_IsRefusedAsKeyTooSmall()
    {
        await using var host = await SamlProfileHost.CreateAsync(null);

        var added = await host.AddAsync(Settings() with { SigningCertificates = [Convert.ToBase64String(SamlTestKeys.Weak.RawData)] });

        Assert.That(added.Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileKeyTooSmall));
        Assert.That((added.Error.Details["field"], added.Error.Details["bits"], added.Error.Details["minimum"]), Is.EqualTo(("signingCertificates", "1024", "2048")));
    }

    [Test]
    public async Task Complete_ProfileWithTheLegacy1024BitOptIn_AcceptsA1024BitSignature()
    {
        await using var host = await SamlProfileHost.CreateAsync(Settings() with { MinimumRsaKeySize = 1024, SigningCertificates = [Convert.ToBase64String(SamlTestKeys.Weak.RawData)] });

        var completed = await host.CompleteAsync(_ => { }, key: SamlTestKeys.Weak);

        Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());
    }

    [Test]
    public async Task Complete_StoredProfileWhoseKeyIsBelowItsMinimum_IsKeyTooSmall()
    {
        // A profile stored before the key-size rule (written to the store directly, as an old row would be).
        await using var host = await SamlProfileHost.CreateAsync(null);
        var profile = (await host.AddAsync(Settings())).Value.Id;
        await host.ReplaceStoredSettingsAsync(profile, Settings() with { SigningCertificates = [Convert.ToBase64String(SamlTestKeys.Weak.RawData)] });

        var completed = await host.SignIns.CompleteAsync(profile, SamlResponseBuilder.Base64(new SamlResponseBuilder { InResponseTo = null }.Signed(key: SamlTestKeys.Weak)));

        Assert.That(completed.Error.Code, Is.EqualTo(SamlErrorCodes.SettingsKeyTooSmall));
    }

    [TestCase(512)]
    [TestCase(0)]
    public async Task AddProfile_MinimumKeySizeOutOfRange_IsRefusedNamingTheField(int minimum)
    {
        await using var host = await SamlProfileHost.CreateAsync(null);

        var added = await host.AddAsync(Settings() with { MinimumRsaKeySize = minimum });

        Assert.That((added.Error.Code, added.Error.Details["field"]), Is.EqualTo((DirectoryErrorCodes.ProfileSettingsInvalid, "minimumRsaKeySize")));
    }

    [TestCase(0)]
    [TestCase(25 * 60)]
    public async Task AddProfile_MaximumLifetimeOutOfRange_IsRefusedNamingTheField(int minutes)
    {
        await using var host = await SamlProfileHost.CreateAsync(null);

        var added = await host.AddAsync(Settings() with { MaximumAssertionLifetime = TimeSpan.FromMinutes(minutes) });

        Assert.That((added.Error.Code, added.Error.Details["field"]), Is.EqualTo((DirectoryErrorCodes.ProfileSettingsInvalid, "maximumAssertionLifetime")));
    }

    [TestCase("")]
    [TestCase(" ")]
    public async Task AddProfile_EmptyAdditionalAudience_IsRefusedNamingTheField(string audience)
    {
        await using var host = await SamlProfileHost.CreateAsync(null);

        var added = await host.AddAsync(Settings() with { AdditionalAudiences = [audience] });

        Assert.That((added.Error.Code, added.Error.Details["field"]), Is.EqualTo((DirectoryErrorCodes.ProfileSettingsInvalid, "additionalAudiences")));
    }
}
