using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Saml.SignIn;
using FederationKit.Saml.Tests.Logout;
using FederationKit.SignIn;
using FederationKit.SignIn.Flow;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Saml.Tests.SignIn.Protocol;

/// <summary>
/// <see cref="SamlSignInProtocol"/> directly and through <see cref="FederatedSignInService"/>: the AuthnRequest carries the
/// transaction as RelayState, the response must answer the transaction's request, IdP-initiated sign-in is per profile.
/// </summary>
public sealed class SamlSignInProtocolTests
{
    [Test]
    public async Task Begin_OneTimeStoreDown_RefusedWithOneTimeUnavailable()
    {
        var store = new FederationKit.Tests.Shared.SwitchableOneTimeStore(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(SamlResponseBuilder.Now));
        await using var host = await SamlProtocolHost.CreateAsync(oneTime: store);
        store.Down = true;

        var started = await host.Protocol.BeginAsync(new SignInProtocolRequest(await host.ProfileAsync(), "tx-down", null, SamlProtocolHost.Urls));

        Assert.That(started.IsSuccess, Is.False, "the AuthnRequest ID cannot be recorded: no sign-in starts without its InResponseTo check");
        Assert.That(started.Error.Code, Is.EqualTo(StoreErrorCodes.OneTimeUnavailable));
    }

    [Test]
    public async Task Begin_RedirectProfile_RelayStateIsTheTransactionAndTheRequestIdIsKept()
    {
        await using var host = await SamlProtocolHost.CreateAsync();

        var started = await host.Protocol.BeginAsync(new SignInProtocolRequest(await host.ProfileAsync(), "tx-1", null, SamlProtocolHost.Urls));

        Assert.That(started.IsSuccess, Is.True, () => started.Error.ToString());
        var step = started.Value.Step;
        Assert.That(step.IsFormPost, Is.False);
        Assert.That(step.Url.GetLeftPart(UriPartial.Path), Is.EqualTo("https://idp.acme.example/sso"));
        var parameters = IdpLogoutMessages.Parameters(step.Url);
        Assert.That(parameters["RelayState"], Is.EqualTo("tx-1"));
        Assert.That(parameters, Does.ContainKey("Signature"), "the profile asks for signed requests");
        var request = SamlProtocolHost.AuthnRequest(step);
        Assert.That(started.Value.ProtocolData[SamlSignInProtocol.RequestIdKey], Is.EqualTo(request.GetAttribute("ID")));
        Assert.That(request.GetAttribute("AssertionConsumerServiceURL"), Is.EqualTo(host.ProfileAcs));
        Assert.That(request.InnerText, Does.Contain(SamlResponseBuilder.SpEntityId), "the Issuer is the configured entity ID");
    }

    [Test]
    public async Task Begin_ThroughTheService_RelayStateIsTheTransactionId()
    {
        await using var host = await SamlProtocolHost.CreateAsync();

        var (challenge, _) = await host.BeginAsync();

        Assert.That(IdpLogoutMessages.Parameters(challenge.Step.Url)["RelayState"], Is.EqualTo(challenge.TransactionId));
        Assert.That(challenge.Protocol, Is.EqualTo(IdentityProtocol.Saml));
    }

    [Test]
    public async Task Begin_IdpWithOnlyAPostSsoUrl_IsAFormPostWithTheTransactionAsRelayState()
    {
        await using var host = await SamlProtocolHost.CreateAsync(SamlProtocolHost.Settings() with { SsoUrlRedirect = null, SsoUrlPost = new Uri("https://idp.acme.example/sso-post") });

        var started = await host.Protocol.BeginAsync(new SignInProtocolRequest(await host.ProfileAsync(), "tx-2", null, SamlProtocolHost.Urls));

        Assert.That(started.IsSuccess, Is.True, () => started.Error.ToString());
        Assert.That(started.Value.Step.IsFormPost, Is.True);
        Assert.That(started.Value.Step.Url.AbsoluteUri, Is.EqualTo("https://idp.acme.example/sso-post"));
        Assert.That(started.Value.Step.FormFields!["RelayState"], Is.EqualTo("tx-2"));
        var request = SamlProtocolHost.AuthnRequest(started.Value.Step);
        Assert.That(request.GetAttribute("ID"), Is.EqualTo(started.Value.ProtocolData[SamlSignInProtocol.RequestIdKey]));
        Assert.That(request.GetElementsByTagName("Signature", "http://www.w3.org/2000/09/xmldsig#").Count, Is.EqualTo(1));
    }

    [Test]
    public async Task Complete_ValidSignedResponse_GivesTheMappedIdentityAndTheLogoutData()
    {
        await using var host = await SamlProtocolHost.CreateAsync();
        var (challenge, requestId) = await host.BeginAsync();

        var completed = await host.CompleteAsync(challenge.TransactionId, challenge.BrowserSecret, host.Response(requestId));

        Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());
        var identity = completed.Value.Validated.Identity;
        Assert.That((identity.Issuer, identity.Subject, identity.SubjectFormat), Is.EqualTo((SamlResponseBuilder.IdpEntityId, "carol@acme-corp.com", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress")));
        Assert.That((identity.Email, identity.GivenName), Is.EqualTo(("carol@acme-corp.com", "Carol")));
        Assert.That(identity.Groups, Is.EqualTo(new[] { "engineers", "admins" }));
        Assert.That(completed.Value.ReturnUrl, Is.EqualTo("/app"));
        Assert.That(completed.Value.IsIdpInitiated, Is.False);
        var data = completed.Value.Validated.SessionData;
        Assert.That(data[SamlSessionDataKeys.NameId], Is.EqualTo("carol@acme-corp.com"));
        Assert.That(data[SamlSessionDataKeys.NameIdFormat], Is.EqualTo("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"));
        Assert.That(data[SamlSessionDataKeys.SessionIndex], Is.EqualTo("_s1"));
        Assert.That(data.ContainsKey(SamlSessionDataKeys.NameQualifier), Is.False);
    }

    [Test]
    public async Task Complete_ResponseToTheRequestOfAnotherSignIn_IsRefused()
    {
        await using var host = await SamlProtocolHost.CreateAsync();
        var (first, _) = await host.BeginAsync();
        var (_, otherRequestId) = await host.BeginAsync();

        // The other request ID is issued and still recorded: only the transaction's own request ID tells them apart.
        var completed = await host.CompleteAsync(first.TransactionId, first.BrowserSecret, host.Response(otherRequestId));

        Assert.That(completed.Error.Code, Is.EqualTo(SamlErrorCodes.InResponseToMismatch));
    }

    [Test]
    public async Task Complete_SolicitedResponseWithoutInResponseTo_IsRefused()
    {
        await using var host = await SamlProtocolHost.CreateAsync(SamlProtocolHost.Settings() with { AllowIdpInitiatedSignIn = true });
        var (challenge, _) = await host.BeginAsync();

        var completed = await host.CompleteAsync(challenge.TransactionId, challenge.BrowserSecret, host.Response(null));

        Assert.That(completed.Error.Code, Is.EqualTo(SamlErrorCodes.InResponseToMismatch));
    }

    [Test]
    public async Task Complete_MissingOrOversizedSamlResponse_IsRefusedWithTheSamlCodes()
    {
        await using var host = await SamlProtocolHost.CreateAsync();
        var profile = await host.ProfileAsync();
        var (challenge, requestId) = await host.BeginAsync();
        var transaction = new SignInTransaction
        {
            Id = challenge.TransactionId, ProfileId = host.ProfileId, DirectoryId = profile.DirectoryId, Protocol = IdentityProtocol.Saml, Intent = SignInIntent.SignIn,
            ReturnUrl = "/", CreatedAt = SamlResponseBuilder.Now, BrowserBindingHash = "x", ProtocolData = ImmutableDictionary<string, string>.Empty.Add(SamlSignInProtocol.RequestIdKey, requestId),
        };

        var missing = await host.Protocol.CompleteAsync(new SignInProtocolResponse(profile, transaction, new Dictionary<string, string>(), SamlProtocolHost.Urls));
        var oversized = await host.Protocol.CompleteAsync(new SignInProtocolResponse(profile, transaction, new Dictionary<string, string> { ["SAMLResponse"] = new string('A', 256 * 1024 + 4) }, SamlProtocolHost.Urls));
        var valid = await host.Protocol.CompleteAsync(new SignInProtocolResponse(profile, transaction, new Dictionary<string, string> { ["SAMLResponse"] = host.Response(requestId) }, SamlProtocolHost.Urls));

        Assert.That(missing.Error.Code, Is.EqualTo(SamlErrorCodes.ResponseMalformed));
        Assert.That(oversized.Error.Code, Is.EqualTo(SamlErrorCodes.ResponseTooLarge));
        Assert.That(valid.IsSuccess, Is.True, () => valid.Error.ToString());
    }

    [Test]
    public async Task Complete_IdpInitiatedWithTheSettingOff_IsRefused()
    {
        await using var host = await SamlProtocolHost.CreateAsync();

        var completed = await host.CompleteAsync(null, null, host.Response(null));

        Assert.That(completed.Error.Code, Is.EqualTo(SignInErrorCodes.IdpInitiatedNotAllowed));
        Assert.That(completed.Error.Details["profile"], Is.EqualTo(host.ProfileId.ToString()));
    }

    [Test]
    public async Task Complete_IdpInitiatedWithTheSettingOn_IsAccepted()
    {
        await using var host = await SamlProtocolHost.CreateAsync(SamlProtocolHost.Settings() with { AllowIdpInitiatedSignIn = true });

        var completed = await host.CompleteAsync(null, null, host.Response(null));

        Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());
        Assert.That(completed.Value.IsIdpInitiated, Is.True);
        Assert.That(completed.Value.Validated.Identity.Subject, Is.EqualTo("carol@acme-corp.com"));
    }

    [Test]
    public async Task Complete_IdpInitiatedResponseCarryingAnInResponseTo_IsRefused()
    {
        await using var host = await SamlProtocolHost.CreateAsync(SamlProtocolHost.Settings() with { AllowIdpInitiatedSignIn = true });
        var (_, requestId) = await host.BeginAsync();

        // A response to a real, still recorded request, sent without its transaction: not an IdP-initiated response.
        var completed = await host.CompleteAsync(null, null, host.Response(requestId));

        Assert.That(completed.Error.Code, Is.EqualTo(SamlErrorCodes.InResponseToUnknown));
    }

    [Test]
    public async Task Complete_SameResponseTwice_IsRefusedTheSecondTime()
    {
        await using var host = await SamlProtocolHost.CreateAsync();
        var (challenge, requestId) = await host.BeginAsync();
        var response = host.Response(requestId);

        var first = await host.CompleteAsync(challenge.TransactionId, challenge.BrowserSecret, response);
        var replay = await host.CompleteAsync(challenge.TransactionId, challenge.BrowserSecret, response);

        Assert.That(first.IsSuccess, Is.True, () => first.Error.ToString());
        Assert.That(replay.Error.Code, Is.EqualTo(SignInErrorCodes.TransactionReplayed));
    }

    [Test]
    public async Task Complete_SameIdpInitiatedAssertionTwice_IsAReplay()
    {
        await using var host = await SamlProtocolHost.CreateAsync(SamlProtocolHost.Settings() with { AllowIdpInitiatedSignIn = true });
        var response = host.Response(null);

        var first = await host.CompleteAsync(null, null, response);
        var replay = await host.CompleteAsync(null, null, response);

        Assert.That(first.IsSuccess, Is.True, () => first.Error.ToString());
        Assert.That(replay.Error.Code, Is.EqualTo(SamlErrorCodes.AssertionReplayed));
    }

    [Test]
    public async Task Complete_AtTheSharedAcs_IsAccepted()
    {
        await using var host = await SamlProtocolHost.CreateAsync();
        var (challenge, requestId) = await host.BeginAsync();
        var shared = SamlProtocolHost.Urls.SamlAssertionConsumerService.AbsoluteUri;

        var completed = await host.CompleteAsync(challenge.TransactionId, challenge.BrowserSecret, host.Response(requestId, b => (b.Destination, b.Recipient) = (shared, shared)), sharedAcs: true);

        Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());
    }

    [Test]
    public async Task Complete_ForeignDestination_IsRefused()
    {
        await using var host = await SamlProtocolHost.CreateAsync();
        var (challenge, requestId) = await host.BeginAsync();

        var completed = await host.CompleteAsync(challenge.TransactionId, challenge.BrowserSecret, host.Response(requestId, b => b.Destination = "https://other.example/federation/saml/acs"));

        Assert.That(completed.Error.Code, Is.EqualTo(SamlErrorCodes.DestinationMismatch));
    }

    [Test]
    public async Task Complete_AnotherProfilesAcs_IsRefused()
    {
        await using var host = await SamlProtocolHost.CreateAsync();
        var (challenge, requestId) = await host.BeginAsync();
        var other = SamlProtocolHost.Urls.SamlProfileAssertionConsumerService(IdpProfileId.New()).AbsoluteUri;

        var completed = await host.CompleteAsync(challenge.TransactionId, challenge.BrowserSecret, host.Response(requestId, b => (b.Destination, b.Recipient) = (other, other)));

        Assert.That(completed.Error.Code, Is.EqualTo(SamlErrorCodes.DestinationMismatch));
    }

    [Test]
    public async Task Complete_WithoutAConfiguredEntityId_TheAudienceIsTheMetadataUrl()
    {
        await using var host = await SamlProtocolHost.CreateAsync(entityId: string.Empty);
        var (challenge, requestId) = await host.BeginAsync();
        var (second, secondRequestId) = await host.BeginAsync();

        var configured = await host.CompleteAsync(challenge.TransactionId, challenge.BrowserSecret, host.Response(requestId));
        var metadataUrl = await host.CompleteAsync(second.TransactionId, second.BrowserSecret, host.Response(secondRequestId, b => b.Audience = SamlProtocolHost.Urls.SamlMetadata.AbsoluteUri));

        Assert.That(configured.Error.Code, Is.EqualTo(SamlErrorCodes.AudienceMismatch));
        Assert.That(metadataUrl.IsSuccess, Is.True, () => metadataUrl.Error.ToString());
    }

    [Test]
    public async Task Complete_UserIdAttribute_KeysTheSubjectByTheAttribute()
    {
        const string objectId = "http://schemas.microsoft.com/identity/claims/objectidentifier";
        await using var host = await SamlProtocolHost.CreateAsync(SamlProtocolHost.Settings() with { UserIdAttribute = objectId });
        var (challenge, requestId) = await host.BeginAsync();
        var (second, secondRequestId) = await host.BeginAsync();
        var attribute = $"""<saml:AttributeStatement><saml:Attribute Name="{objectId}"><saml:AttributeValue>5f1c2a9e-0b7d-4e55-9a63-0c2b8d4e7f10</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>""";

        var mapped = await host.CompleteAsync(challenge.TransactionId, challenge.BrowserSecret, host.Response(requestId, b => b.ExtraAssertionXml = attribute));
        var missing = await host.CompleteAsync(second.TransactionId, second.BrowserSecret, host.Response(secondRequestId));

        Assert.That(mapped.IsSuccess, Is.True, () => mapped.Error.ToString());
        var identity = mapped.Value.Validated.Identity;
        Assert.That(identity.Subject, Is.EqualTo("5f1c2a9e-0b7d-4e55-9a63-0c2b8d4e7f10"));
        Assert.That(identity.SubjectFormat, Is.EqualTo(SamlIdpSettings.AttributeSubjectFormat(objectId)));
        Assert.That(mapped.Value.Validated.SessionData[SamlSessionDataKeys.NameId], Is.EqualTo("carol@acme-corp.com"), "logout still names the NameID");
        Assert.That(missing.Error.Code, Is.EqualTo(SamlErrorCodes.UserIdAttributeMissing));
        Assert.That(missing.Error.Details["attribute"], Is.EqualTo(objectId));
    }

    [Test]
    public async Task Complete_UserIdAttributeWithTwoValues_IsRefused()
    {
        await using var host = await SamlProtocolHost.CreateAsync(SamlProtocolHost.Settings() with { UserIdAttribute = "oid" });
        var (challenge, requestId) = await host.BeginAsync();
        var attribute = """<saml:AttributeStatement><saml:Attribute Name="oid"><saml:AttributeValue>a</saml:AttributeValue><saml:AttributeValue>b</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>""";

        var completed = await host.CompleteAsync(challenge.TransactionId, challenge.BrowserSecret, host.Response(requestId, b => b.ExtraAssertionXml = attribute));

        Assert.That(completed.Error.Code, Is.EqualTo(SamlErrorCodes.UserIdAttributeMissing));
    }

    [Test]
    public async Task AddProfile_BlankUserIdAttribute_IsRefused()
    {
        await using var host = await SamlProtocolHost.CreateAsync();

        var updated = await host.Profiles.UpdateSamlSettingsAsync(host.ProfileId, host.Owner, SamlProtocolHost.Settings() with { UserIdAttribute = " oid" });

        Assert.That(updated.Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileSettingsInvalid));
        Assert.That(updated.Error.Details["field"], Is.EqualTo("userIdAttribute"));
    }

    [Test]
    public async Task RecordTest_UserIdAttributeProfile_PassesWithTheAttributeSubjectFormat()
    {
        await using var host = await SamlProtocolHost.CreateAsync(SamlProtocolHost.Settings() with { UserIdAttribute = "oid", NameIdFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" });
        var challenge = await host.Service.BeginAsync(new SignInBeginRequest { ProfileId = host.ProfileId, Intent = SignInIntent.TestProfile, AdministratorId = host.Owner, Urls = SamlProtocolHost.Urls });
        var requestId = SamlProtocolHost.AuthnRequest(challenge.Value.Step).GetAttribute("ID");
        var attribute = """<saml:AttributeStatement><saml:Attribute Name="oid"><saml:AttributeValue>u-1</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>""";
        var completed = await host.CompleteAsync(challenge.Value.TransactionId, challenge.Value.BrowserSecret, host.Response(requestId, b => b.ExtraAssertionXml = attribute));
        Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());

        var recorded = await host.Service.RecordTestAsync(completed.Value, host.Owner);

        Assert.That(recorded.IsSuccess, Is.True, () => recorded.Error.ToString());
        Assert.That(recorded.Value.Passed, Is.True, () => recorded.Value.FailureCode + ": " + recorded.Value.FailureMessage);
    }

    [Test]
    public async Task UpdateProfile_UserIdAttributeAfterMembers_IsRefused()
    {
        await using var host = await SamlProtocolHost.CreateAsync();
        var (challenge, requestId) = await host.BeginAsync();
        var completed = await host.CompleteAsync(challenge.TransactionId, challenge.BrowserSecret, host.Response(requestId));
        // The lock holds while users last signed in through the profile (a query on the user rows): store the one who signed in.
        var profile = await host.ProfileAsync();
        var identity = completed.Value.Validated.Identity;
        var stored = await host.Services.GetRequiredService<FederationKit.SignIn.Stores.IFederatedUserStore>().AddAsync(new FederationKit.SignIn.Stores.FederatedUser
        {
            Id = FederationKit.Organizations.UserId.New(), DirectoryId = profile.DirectoryId, Subject = identity.Subject, Email = identity.Email ?? string.Empty,
            CreatedAt = DateTimeOffset.UtcNow, LastSignInAt = DateTimeOffset.UtcNow, ProfileId = host.ProfileId,
        });
        Assert.That(stored.IsSuccess, Is.True, () => stored.Error.ToString());

        var changedUserId = await host.Profiles.UpdateSamlSettingsAsync(host.ProfileId, host.Owner, SamlProtocolHost.Settings() with { UserIdAttribute = "oid" });
        var changedOther = await host.Profiles.UpdateSamlSettingsAsync(host.ProfileId, host.Owner, SamlProtocolHost.Settings() with { AllowIdpInitiatedSignIn = true });

        Assert.That(changedUserId.Error.Code, Is.EqualTo(DirectoryErrorCodes.UserIdClaimLocked));
        Assert.That(changedOther.IsSuccess, Is.True, () => changedOther.Error.ToString());
    }

    [Test]
    public void AddSaml_Twice_RegistersTheProtocolOnceAsTheConcreteSingleton()
    {
        var services = new ServiceCollection();
        var builder = services.AddFederationKit();
        builder.AddSaml(o => o.SigningCertificate = SamlTestKeys.Sp);
        builder.AddSaml(o => o.SigningCertificate = SamlTestKeys.Sp);
        using var provider = services.BuildServiceProvider();

        var protocols = provider.GetServices<ISignInProtocol>().ToList();

        Assert.That(protocols, Has.Count.EqualTo(1));
        Assert.That(protocols[0], Is.SameAs(provider.GetRequiredService<SamlSignInProtocol>()));
    }

    [Test]
    public async Task Complete_IdpInitiatedWithOnlyTheGlobalLegacySwitch_IsRefused()
    {
        await using var host = await SamlProtocolHost.CreateAsync(configure: o => o.AllowUnsolicitedResponses = true);

        var completed = await host.CompleteAsync(null, null, host.Response(null));

        Assert.That(completed.Error.Code, Is.EqualTo(SignInErrorCodes.IdpInitiatedNotAllowed));
    }

    [Test]
    public async Task Complete_EncryptedAssertionForAProfileThatWantsIt_IsDecryptedWithTheSpKey()
    {
        await using var host = await SamlProtocolHost.CreateAsync(SamlProtocolHost.Settings() with { WantEncryptedAssertions = true });
        var (challenge, requestId) = await host.BeginAsync();
        var (plain, plainRequestId) = await host.BeginAsync();
        var builder = new SamlResponseBuilder { InResponseTo = requestId, Destination = host.ProfileAcs, Recipient = host.ProfileAcs };
        var encrypted = SamlResponseBuilder.Base64(SamlAssertionEncryptor.Encrypt(builder.Signed(), SamlTestKeys.Sp));

        var completed = await host.CompleteAsync(challenge.TransactionId, challenge.BrowserSecret, encrypted);
        var refused = await host.CompleteAsync(plain.TransactionId, plain.BrowserSecret, host.Response(plainRequestId));

        Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());
        Assert.That(refused.Error.Code, Is.EqualTo(SamlErrorCodes.AssertionNotEncrypted));
    }
}
