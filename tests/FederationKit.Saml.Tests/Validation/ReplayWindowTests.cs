namespace FederationKit.Saml.Tests.Validation;

/// <summary>
/// An assertion ID is remembered for as long as the assertion could still be accepted, and assertions valid for longer than
/// the maximum lifetime are refused, so a replay is refused for the whole acceptance window.
/// </summary>
public sealed class ReplayWindowTests
{
    /// <summary>An IdP-initiated response without Conditions/@NotOnOrAfter whose bearer confirmation is valid for 30 minutes.</summary>
    private static string LongConfirmationWithoutConditionsEnd() => SamlResponseBuilder.Base64(new SamlResponseBuilder
    {
        InResponseTo = null,
        ConditionsNotOnOrAfter = false,
        SubjectNotOnOrAfter = SamlResponseBuilder.Now.AddMinutes(30),
    }.Signed());

    [TestCase(8)]
    [TestCase(31)]
    public async Task Validate_ReplayedWhileTheConfirmationIsStillValid_IsRefused(int minutesLater)
    {
        var harness = new SamlValidatorHarness(allowUnsolicited: true);
        var response = LongConfirmationWithoutConditionsEnd();
        Assert.That(await harness.ErrorOf(response), Is.Null);

        harness.Clock.Advance(TimeSpan.FromMinutes(minutesLater));

        Assert.That(await harness.ErrorOf(response), Is.EqualTo(SamlErrorCodes.AssertionReplayed));
    }

    [Test]
    public async Task Validate_ReplayedAfterTheConfirmationAndSkewHaveEnded_IsRefusedAsExpired()
    {
        var harness = new SamlValidatorHarness(allowUnsolicited: true);
        var response = LongConfirmationWithoutConditionsEnd();
        Assert.That(await harness.ErrorOf(response), Is.Null);

        harness.Clock.Advance(TimeSpan.FromMinutes(32));

        Assert.That(await harness.ErrorOf(response), Is.EqualTo(SamlErrorCodes.SubjectConfirmationInvalid));
    }

    [TestCase(null, 30, null, 32)]
    [TestCase(30, 5, null, 7)]
    [TestCase(5, 30, null, 7)]
    [TestCase(30, 30, 10, 12)]
    public async Task Validate_Accepted_RemembersTheIdUntilTheEarliestBoundPlusSkew(int? conditionsMinutes, int subjectMinutes, int? sessionMinutes, int expectedMinutes)
    {
        var harness = new SamlValidatorHarness(allowUnsolicited: true);
        var store = new RecordingStore(harness.Store);
        var validator = new SamlResponseValidator(harness.Sp, harness.Idp, store, harness.Clock);
        var response = SamlResponseBuilder.Base64(new SamlResponseBuilder
        {
            InResponseTo = null,
            ConditionsNotOnOrAfter = conditionsMinutes is not null,
            NotOnOrAfter = SamlResponseBuilder.Now.AddMinutes(conditionsMinutes ?? 60),
            SubjectNotOnOrAfter = SamlResponseBuilder.Now.AddMinutes(subjectMinutes),
            SessionNotOnOrAfter = sessionMinutes is { } session ? SamlResponseBuilder.Now.AddMinutes(session) : null,
        }.Signed());

        var result = await validator.ValidateAsync(response);

        Assert.That(result.IsSuccess, Is.True, () => result.Error.ToString());
        Assert.That(store.AssertionExpiry, Is.EqualTo(SamlResponseBuilder.Now.AddMinutes(expectedMinutes)));
    }

    [Test]
    public async Task Validate_ConfirmationValidForLongerThanTheMaximumLifetime_IsRefused()
    {
        var harness = new SamlValidatorHarness(allowUnsolicited: true);
        harness.Sp.MaximumAssertionLifetime = TimeSpan.FromHours(1);
        var response = SamlResponseBuilder.Base64(new SamlResponseBuilder
        {
            InResponseTo = null,
            ConditionsNotOnOrAfter = false,
            SubjectNotOnOrAfter = SamlResponseBuilder.Now.AddHours(1).AddSeconds(1),
        }.Signed());

        Assert.That(await harness.ErrorOf(response), Is.EqualTo(SamlErrorCodes.LifetimeTooLong));
    }

    [Test]
    public async Task Validate_ConditionsValidForLongerThanTheMaximumLifetime_IsRefused()
    {
        var harness = new SamlValidatorHarness();
        var response = SamlResponseBuilder.Base64(new SamlResponseBuilder { NotOnOrAfter = SamlResponseBuilder.Now.AddHours(3) }.Signed());

        Assert.That(await harness.ErrorOf(response), Is.EqualTo(SamlErrorCodes.LifetimeTooLong), "the default maximum is 2 hours");
    }

    [Test]
    public async Task Validate_LifetimeExactlyTheMaximum_IsAccepted()
    {
        var harness = new SamlValidatorHarness();
        var response = SamlResponseBuilder.Base64(new SamlResponseBuilder { NotOnOrAfter = SamlResponseBuilder.Now.AddHours(2) }.Signed());

        Assert.That(await harness.ErrorOf(response), Is.Null);
    }

    [Test]
    public async Task Validate_IssuedAnHourAgoWithAConfirmationStillValid_IsRefusedWhenThatExceedsTheMaximum()
    {
        // The IdP says it issued the assertion 50 minutes ago with a confirmation valid for another 15: 65 minutes in all.
        var harness = new SamlValidatorHarness();
        harness.Sp.MaximumAssertionLifetime = TimeSpan.FromHours(1);
        var response = SamlResponseBuilder.Base64(new SamlResponseBuilder
        {
            IssueInstant = SamlResponseBuilder.Now.AddMinutes(-50),
            NotBefore = SamlResponseBuilder.Now.AddMinutes(-51),
            NotOnOrAfter = SamlResponseBuilder.Now.AddMinutes(15),
        }.Signed());

        Assert.That(await harness.ErrorOf(response), Is.EqualTo(SamlErrorCodes.LifetimeTooLong));
    }

    [Test]
    public async Task Validate_IssuedInTheFutureBeyondTheSkew_IsRefused()
    {
        var response = SamlResponseBuilder.Base64(new SamlResponseBuilder { IssueInstant = SamlResponseBuilder.Now.AddMinutes(3) }.Signed());

        Assert.That(await new SamlValidatorHarness().ErrorOf(response), Is.EqualTo(SamlErrorCodes.NotYetValid));
    }

    [Test]
    public async Task Validate_AssertionWithoutIssueInstant_IsRefused()
    {
        var document = new SamlResponseBuilder().Document();
        SamlResponseBuilder.Element(document, "Assertion").RemoveAttribute("IssueInstant");
        SamlResponseBuilder.Sign(document, SamlResponseBuilder.Element(document, "Assertion"), SamlTestKeys.Idp);

        Assert.That(await new SamlValidatorHarness().ErrorOf(SamlResponseBuilder.Base64(document)), Is.EqualTo(SamlErrorCodes.IssueInstantInvalid));
    }

    [TestCase(0)]
    [TestCase(25 * 60)]
    public void Validate_MaximumLifetimeOutOfRange_IsASettingsError(int minutes)
    {
        var harness = new SamlValidatorHarness();
        harness.Sp.MaximumAssertionLifetime = TimeSpan.FromMinutes(minutes);

        var valid = harness.Sp.Validate();

        Assert.That((valid.Error.Code, valid.Error.Details["setting"]), Is.EqualTo((SamlErrorCodes.SettingsInvalid, "MaximumAssertionLifetime")));
    }

    /// <summary>Passes every call to the real store and records the expiry given for the assertion ID.</summary>
    private sealed class RecordingStore(FederationKit.OneTime.IOneTimeStore inner) : FederationKit.OneTime.IOneTimeStore
    {
        public DateTimeOffset? AssertionExpiry { get; private set; }

        public Task<bool> TryAddAsync(string purpose, string key, ReadOnlyMemory<byte> value, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
        {
            if (purpose == SamlOneTimePurposes.AssertionId)
            {
                AssertionExpiry = expiresAt;
            }

            return inner.TryAddAsync(purpose, key, value, expiresAt, cancellationToken);
        }

        public Task<byte[]?> TryTakeAsync(string purpose, string key, CancellationToken cancellationToken = default) => inner.TryTakeAsync(purpose, key, cancellationToken);
    }

    [Test]
    public async Task Validate_ReplayedWhenALaterBearerConfirmationOpens_IsRefused()
    {
        // Two bearer confirmations: one valid now for 5 minutes, one that opens in 20 minutes and ends in 60. The ID must be
        // remembered until the later one ends, or the response is accepted a second time once it opens.
        var harness = new SamlValidatorHarness(allowUnsolicited: true);
        var xml = new SamlResponseBuilder
        {
            InResponseTo = null,
            NotOnOrAfter = SamlResponseBuilder.Now.AddMinutes(60),
            SubjectNotOnOrAfter = SamlResponseBuilder.Now.AddMinutes(5),
        }.Xml();
        var later = $"""<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData Recipient="{SamlResponseBuilder.AcsUrl}" NotBefore="2026-03-01T09:20:00Z" NotOnOrAfter="2026-03-01T10:00:00Z"/></saml:SubjectConfirmation>""";
        var at = xml.IndexOf("</saml:SubjectConfirmation>", StringComparison.Ordinal) + "</saml:SubjectConfirmation>".Length;
        var document = new System.Xml.XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml.Insert(at, later));
        SamlResponseBuilder.Sign(document, SamlResponseBuilder.Element(document, "Assertion"), SamlTestKeys.Idp);
        var response = SamlResponseBuilder.Base64(document);
        Assert.That(await harness.ErrorOf(response), Is.Null);

        harness.Clock.Advance(TimeSpan.FromMinutes(25));

        Assert.That(await harness.ErrorOf(response), Is.EqualTo(SamlErrorCodes.AssertionReplayed));
    }
}
