namespace FederationKit.Saml.Tests.Validation;

/// <summary>
/// The Web Browser SSO profile rules (SAML profiles §4.1.4.2), the session end, SPNameQualifier and the signed-assertion
/// policy: each case starts from a valid response and breaks one thing.
/// </summary>
public sealed class WebSsoProfileRulesTests
{
    private static string Signed(SamlResponseBuilder builder, bool assertion = true, bool response = false) =>
        SamlResponseBuilder.Base64(builder.Signed(assertion, response));

    [Test]
    public async Task Validate_CompliantAssertion_IsAccepted()
    {
        Assert.That(await new SamlValidatorHarness().ErrorOf(Signed(new SamlResponseBuilder())), Is.Null);
    }

    [Test]
    public async Task Validate_NoConditions_IsRefused()
    {
        var error = await new SamlValidatorHarness().ErrorOf(Signed(new SamlResponseBuilder { OmitConditions = true }));

        Assert.That(error, Is.EqualTo(SamlErrorCodes.AudienceRestrictionMissing));
    }

    [Test]
    public async Task Validate_ConditionsWithoutAudienceRestriction_IsRefused()
    {
        var error = await new SamlValidatorHarness().ErrorOf(Signed(new SamlResponseBuilder { OmitAudienceRestriction = true }));

        Assert.That(error, Is.EqualTo(SamlErrorCodes.AudienceRestrictionMissing));
    }

    [Test]
    public async Task Validate_AudienceIsAnAdditionalAudience_IsAccepted()
    {
        var harness = new SamlValidatorHarness();
        harness.Sp.AdditionalAudiences.Add("spn:7f2c1b4e-0000-4000-8000-000000000001");

        Assert.That(await harness.ErrorOf(Signed(new SamlResponseBuilder { Audience = "spn:7f2c1b4e-0000-4000-8000-000000000001" })), Is.Null);
    }

    [Test]
    public async Task Validate_NoAuthnStatement_IsRefused()
    {
        var error = await new SamlValidatorHarness().ErrorOf(Signed(new SamlResponseBuilder { OmitAuthnStatement = true }));

        Assert.That(error, Is.EqualTo(SamlErrorCodes.AuthnStatementMissing));
    }

    [Test]
    public async Task Validate_NoAuthnStatementWhenNotRequired_IsAccepted()
    {
        var harness = new SamlValidatorHarness();
        harness.Sp.RequireAuthnStatement = false;

        var result = await harness.Validator.ValidateAsync(Signed(new SamlResponseBuilder { OmitAuthnStatement = true }));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That((result.Value.SessionIndex, result.Value.AuthnInstant), Is.EqualTo(((string?)null, (DateTimeOffset?)null)));
    }

    [Test]
    public async Task Validate_SessionNotOnOrAfterPassed_IsRefused()
    {
        var harness = new SamlValidatorHarness();
        harness.Sp.ClockSkew = TimeSpan.FromMinutes(1);

        var error = await harness.ErrorOf(Signed(new SamlResponseBuilder { SessionNotOnOrAfter = SamlResponseBuilder.Now.AddMinutes(-1) }));

        Assert.That(error, Is.EqualTo(SamlErrorCodes.SessionExpired));
    }

    [Test]
    public async Task Validate_SessionNotOnOrAfterWithinTheSkew_IsAccepted()
    {
        var harness = new SamlValidatorHarness();

        Assert.That(await harness.ErrorOf(Signed(new SamlResponseBuilder { SessionNotOnOrAfter = SamlResponseBuilder.Now.AddMinutes(-1) })), Is.Null);
    }

    [Test]
    public async Task Validate_SessionNotOnOrAfterInTheFuture_IsReturnedAndCarriedToTheIdentity()
    {
        var sessionEnd = SamlResponseBuilder.Now.AddHours(8);

        var result = await new SamlValidatorHarness().Validator.ValidateAsync(Signed(new SamlResponseBuilder { SessionNotOnOrAfter = sessionEnd }));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That(result.Value.SessionNotOnOrAfter, Is.EqualTo(sessionEnd));
        Assert.That(result.Value.ToFederatedIdentity(SamlResponseBuilder.Now).SessionNotOnOrAfter, Is.EqualTo(sessionEnd));
    }

    [Test]
    public async Task Validate_NoSessionNotOnOrAfter_LeavesItNull()
    {
        var result = await new SamlValidatorHarness().Validator.ValidateAsync(Signed(new SamlResponseBuilder()));

        Assert.That(result.Value.ToFederatedIdentity(SamlResponseBuilder.Now).SessionNotOnOrAfter, Is.Null);
    }

    [Test]
    public async Task Validate_SpNameQualifierNamingAnotherSp_IsRefused()
    {
        var error = await new SamlValidatorHarness().ErrorOf(Signed(new SamlResponseBuilder { SpNameQualifier = "https://other-app.example/saml" }));

        Assert.That(error, Is.EqualTo(SamlErrorCodes.SpNameQualifierMismatch));
    }

    [TestCase(SamlResponseBuilder.SpEntityId)]
    [TestCase("spn:7f2c1b4e-0000-4000-8000-000000000001")]
    public async Task Validate_SpNameQualifierNamingThisSp_IsAccepted(string qualifier)
    {
        var harness = new SamlValidatorHarness();
        harness.Sp.AdditionalAudiences.Add("spn:7f2c1b4e-0000-4000-8000-000000000001");

        var result = await harness.Validator.ValidateAsync(Signed(new SamlResponseBuilder { SpNameQualifier = qualifier }));

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That(result.Value.NameId.SpNameQualifier, Is.EqualTo(qualifier));
    }

    [Test]
    public async Task Validate_OnlyTheResponseSignedWhenSignedAssertionsAreRequired_IsRefused()
    {
        var harness = new SamlValidatorHarness();
        harness.Sp.RequireSignedAssertion = true;

        Assert.That(await harness.ErrorOf(Signed(new SamlResponseBuilder(), assertion: false, response: true)), Is.EqualTo(SamlErrorCodes.AssertionUnsigned));
    }

    [TestCase(true, false)]
    [TestCase(true, true)]
    public async Task Validate_SignedAssertionWhenSignedAssertionsAreRequired_IsAccepted(bool assertion, bool response)
    {
        var harness = new SamlValidatorHarness();
        harness.Sp.RequireSignedAssertion = true;

        Assert.That(await harness.ErrorOf(Signed(new SamlResponseBuilder(), assertion, response)), Is.Null);
    }

    [Test]
    public async Task Validate_OnlyTheResponseSignedByDefault_IsAccepted()
    {
        Assert.That(await new SamlValidatorHarness().ErrorOf(Signed(new SamlResponseBuilder(), assertion: false, response: true)), Is.Null);
    }
}
