using FederationKit.Saml.Settings;

namespace FederationKit.Saml.Tests.Validation;

/// <summary>A configured IdP key below the minimum is a configuration error with its own code, not a signature that does not verify.</summary>
public sealed class IdpKeySizeTests
{
    private static SamlIdentityProviderOptions Idp(int minimum = 2048)
    {
        var idp = new SamlIdentityProviderOptions { EntityId = SamlResponseBuilder.IdpEntityId, MinimumRsaKeySize = minimum };
        idp.SigningCertificates.Add(SamlTestKeys.Weak);
        return idp;
    }

    [Test]
    public void Validate_1024BitIdpKey_IsKeyTooSmall()
    {
        var valid = Idp().Validate();

        Assert.That(valid.Error.Code, Is.EqualTo(SamlErrorCodes.SettingsKeyTooSmall));
        Assert.That((valid.Error.Details["bits"], valid.Error.Details["minimum"], valid.Error.Details["index"]), Is.EqualTo(("1024", "2048", "0")));
    }

    [Test]
    public void Validate_1024BitIdpKeyWithTheLegacyOptIn_IsValid()
    {
        Assert.That(Idp(minimum: 1024).Validate().IsSuccess, Is.True);
    }

    [TestCase(512)]
    [TestCase(32768)]
    public void Validate_MinimumOutOfRange_IsASettingsError(int minimum)
    {
        var valid = Idp(minimum).Validate();

        Assert.That((valid.Error.Code, valid.Error.Details["setting"]), Is.EqualTo((SamlErrorCodes.SettingsInvalid, "MinimumRsaKeySize")));
    }

    [Test]
    public async Task ValidateResponse_SignedWithTheConfigured1024BitKey_IsKeyTooSmallNotSignatureInvalid()
    {
        var harness = new SamlValidatorHarness();
        var validator = new SamlResponseValidator(harness.Sp, Idp(), harness.Store, harness.Clock);

        var result = await validator.ValidateAsync(SamlResponseBuilder.Base64(new SamlResponseBuilder().Signed(key: SamlTestKeys.Weak)));

        Assert.That(result.Error.Code, Is.EqualTo(SamlErrorCodes.SettingsKeyTooSmall));
    }

    [Test]
    public async Task ValidateResponse_SignedWithThe1024BitKeyWithTheLegacyOptIn_IsAccepted()
    {
        var harness = new SamlValidatorHarness();
        var validator = new SamlResponseValidator(harness.Sp, Idp(minimum: 1024), harness.Store, harness.Clock);

        var result = await validator.ValidateAsync(SamlResponseBuilder.Base64(new SamlResponseBuilder().Signed(key: SamlTestKeys.Weak)));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
    }
}
