using System.Text.Json;
using System.Text.Json.Nodes;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Saml.SignIn;
using FederationKit.SignIn;
using FederationKit.SignIn.Usernames;
using FederationKit.Stores;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Saml.Tests.SignIn;

/// <summary>
/// A stored SAML profile's attribute mapping (issue 20): the username from the NameID (the default for new profiles, as
/// ArcGIS Enterprise Portal does), from a configured attribute, or from the email's local part (profiles stored before the
/// setting); email, names and groups from configured attribute names.
/// </summary>
public sealed class SamlAttributeMappingTests
{
    private const string NameId = "CCLARK01";

    /// <summary>An email and a uid attribute whose values differ from the NameID, so each source is visible.</summary>
    private const string ExtraAttributes = """<saml:AttributeStatement><saml:Attribute Name="email"><saml:AttributeValue>carol@acme-corp.com</saml:AttributeValue></saml:Attribute><saml:Attribute Name="urn:oid:0.9.2342.19200300.100.1.1" FriendlyName="uid"><saml:AttributeValue></saml:AttributeValue><saml:AttributeValue>carol.clark</saml:AttributeValue></saml:Attribute><saml:Attribute Name="corpMail"><saml:AttributeValue>c.clark@acme-corp.com</saml:AttributeValue></saml:Attribute><saml:Attribute Name="first"><saml:AttributeValue>Caroline</saml:AttributeValue></saml:Attribute><saml:Attribute Name="last"><saml:AttributeValue>Clark</saml:AttributeValue></saml:Attribute><saml:Attribute Name="roles"><saml:AttributeValue>gis-editors</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>""";

    private static SamlIdpSettings Settings() => new()
    {
        EntityId = SamlResponseBuilder.IdpEntityId,
        SsoUrlRedirect = new Uri("https://idp.acme.example/sso"),
        SigningCertificates = [Convert.ToBase64String(SamlTestKeys.Idp.RawData)],
        SignRequests = false,
    };

    [Test]
    public async Task Complete_NewProfile_UsernameIsTheNameId()
    {
        await using var host = await MappingHost.CreateAsync(Settings());

        var identity = await host.CompleteAsync();

        Assert.That(Settings().UsernameSource, Is.EqualTo(SamlUsernameSource.NameId));
        Assert.That(identity.Username, Is.EqualTo(NameId));
        Assert.That(UsernameRules.SelectSource(identity), Is.EqualTo(NameId), "just-in-time provisioning proposes the NameID");
    }

    [Test]
    public async Task Complete_UsernameFromAnAttribute_IsItsFirstNonEmptyValueMatchedByFriendlyName()
    {
        await using var host = await MappingHost.CreateAsync(Settings() with { UsernameSource = SamlUsernameSource.Attribute, UsernameAttribute = "UID" });

        var identity = await host.CompleteAsync();

        Assert.That(identity.Username, Is.EqualTo("carol.clark"));
        Assert.That(UsernameRules.SelectSource(identity), Is.EqualTo("carol.clark"));
    }

    [Test]
    public async Task Complete_UsernameAttributeAbsent_FallsBackToTheEmailLocalPart()
    {
        await using var host = await MappingHost.CreateAsync(Settings() with { UsernameSource = SamlUsernameSource.Attribute, UsernameAttribute = "employeeNumber" });

        var identity = await host.CompleteAsync();

        Assert.That(identity.Username, Is.Null);
        Assert.That(UsernameRules.SelectSource(identity), Is.EqualTo("carol"));
    }

    [Test]
    public async Task Complete_EmailLocalPartSource_ProposesTheEmailLocalPart()
    {
        await using var host = await MappingHost.CreateAsync(Settings() with { UsernameSource = SamlUsernameSource.EmailLocalPart });

        var identity = await host.CompleteAsync();

        Assert.That(identity.Username, Is.Null);
        Assert.That(UsernameRules.SelectSource(identity), Is.EqualTo("carol"));
    }

    [Test]
    public async Task Complete_ProfileStoredBeforeTheUsernameSetting_KeepsTheEmailLocalPart()
    {
        // The JSON a store wrote before UsernameSource existed (the EF store uses System.Text.Json with general defaults).
        var json = JsonSerializer.SerializeToNode(Settings(), new JsonSerializerOptions(JsonSerializerDefaults.General))!.AsObject();
        Assert.That(json.Remove(nameof(SamlIdpSettings.UsernameSource)), Is.True);
        var legacy = JsonSerializer.Deserialize<SamlIdpSettings>(json.ToJsonString(), new JsonSerializerOptions(JsonSerializerDefaults.General))!;
        await using var host = await MappingHost.CreateAsync(Settings());
        await host.StoreDirectlyAsync(legacy);

        var identity = await host.CompleteAsync();

        Assert.That(legacy.UsernameSource, Is.EqualTo(SamlUsernameSource.EmailLocalPart));
        Assert.That(identity.Username, Is.Null);
        Assert.That(UsernameRules.SelectSource(identity), Is.EqualTo("carol"));
    }

    [TestCase(SamlUsernameSource.NameId)]
    [TestCase(SamlUsernameSource.Attribute)]
    public void StoredJson_WithTheUsernameSource_ReadsItBackAsWritten(SamlUsernameSource source)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General);
        var settings = Settings() with { UsernameSource = source, UsernameAttribute = "uid" };

        var json = JsonSerializer.Serialize(settings, options);

        Assert.That(json, Does.Contain($"\"UsernameSource\":\"{source}\""), "stored by name, so reordering the enum cannot change a profile");
        var read = JsonSerializer.Deserialize<SamlIdpSettings>(json, options)!;
        Assert.That((read.UsernameSource, read.UsernameAttribute), Is.EqualTo((source, "uid")));
    }

    [Test]
    public async Task Complete_CustomEmailAttribute_ReadsTheEmailOnlyFromIt()
    {
        await using var host = await MappingHost.CreateAsync(Settings() with { EmailAttribute = "corpMail", UsernameSource = SamlUsernameSource.EmailLocalPart });

        var identity = await host.CompleteAsync();

        Assert.That(identity.Email, Is.EqualTo("c.clark@acme-corp.com"), "the configured attribute wins over the common 'email'");
        Assert.That(UsernameRules.SelectSource(identity), Is.EqualTo("c.clark"));
    }

    [Test]
    public async Task Complete_CustomEmailAttributeAbsent_FallsBackToAnEmailFormatNameId()
    {
        await using var host = await MappingHost.CreateAsync(Settings() with { EmailAttribute = "proxyAddress" });

        var identity = await host.CompleteAsync(nameId: "carol.c@acme-corp.com");

        Assert.That(identity.Email, Is.EqualTo("carol.c@acme-corp.com"), "the common 'email' attribute is not read when another name is configured");
    }

    [Test]
    public async Task Complete_CustomNameAndGroupAttributes_AreReadInsteadOfTheCommonNames()
    {
        await using var host = await MappingHost.CreateAsync(Settings() with { GivenNameAttribute = "first", SurnameAttribute = "last", GroupsAttribute = "roles" });

        var identity = await host.CompleteAsync();

        Assert.That((identity.GivenName, identity.FamilyName), Is.EqualTo(("Caroline", "Clark")));
        Assert.That(identity.Groups, Is.EqualTo(new[] { "gis-editors" }), "the common 'groups' attribute is not read");
    }

    [Test]
    public async Task Complete_DefaultAttributeNames_AreTheCommonNames()
    {
        await using var host = await MappingHost.CreateAsync(Settings());

        var identity = await host.CompleteAsync();

        Assert.That((identity.Email, identity.GivenName), Is.EqualTo(("carol@acme-corp.com", "Carol")));
        Assert.That(identity.Groups, Is.EqualTo(new[] { "engineers", "admins" }));
    }

    [Test]
    public async Task AddProfile_AttributeSourceWithoutAnAttribute_IsRefusedNamingTheField()
    {
        await using var host = await MappingHost.CreateAsync(null);

        var added = await host.AddAsync(Settings() with { UsernameSource = SamlUsernameSource.Attribute });

        Assert.That((added.Error.Code, added.Error.Details["field"]), Is.EqualTo((DirectoryErrorCodes.ProfileSettingsInvalid, "usernameAttribute")));
    }

    [TestCase("emailAttribute")]
    [TestCase("groupsAttribute")]
    [TestCase("usernameAttribute")]
    public async Task AddProfile_BlankAttributeName_IsRefusedNamingTheField(string field)
    {
        await using var host = await MappingHost.CreateAsync(null);
        var settings = field switch
        {
            "emailAttribute" => Settings() with { EmailAttribute = " " },
            "groupsAttribute" => Settings() with { GroupsAttribute = "" },
            _ => Settings() with { UsernameSource = SamlUsernameSource.Attribute, UsernameAttribute = " uid" },
        };

        var added = await host.AddAsync(settings);

        Assert.That((added.Error.Code, added.Error.Details["field"]), Is.EqualTo((DirectoryErrorCodes.ProfileSettingsInvalid, field)));
    }

    [Test]
    public async Task AddProfile_UndefinedUsernameSource_IsRefusedNamingTheField()
    {
        await using var host = await MappingHost.CreateAsync(null);

        var added = await host.AddAsync(Settings() with { UsernameSource = (SamlUsernameSource)42 });

        Assert.That((added.Error.Code, added.Error.Details["field"]), Is.EqualTo((DirectoryErrorCodes.ProfileSettingsInvalid, "usernameSource")));
    }

    /// <summary>A host with the SAML package, one directory and one SAML profile added through <see cref="IdpProfileService"/>.</summary>
    private sealed class MappingHost : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly DirectoryId _directory;
        private IdpProfileId _profile;

        private MappingHost(ServiceProvider services, DirectoryId directory)
        {
            _services = services;
            _directory = directory;
        }

        public static async Task<MappingHost> CreateAsync(SamlIdpSettings? settings)
        {
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(SamlResponseBuilder.Now));
            services.AddFederationKit().AddSaml(o =>
            {
                o.EntityId = SamlResponseBuilder.SpEntityId;
                o.AssertionConsumerServiceBaseUrl = new Uri("https://app.example/saml/acs");
                o.SigningCertificate = SamlTestKeys.Sp;
            });
            var provider = services.BuildServiceProvider();
            var owner = OwnerRef.Organization((await provider.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", UserId.New(), "owner@acme-corp.com")).Value.Id);
            var directory = (await provider.GetRequiredService<DirectoryService>().CreateDirectoryAsync(owner, "Staff", DirectoryIdentityType.Federated)).Value;
            var host = new MappingHost(provider, directory.Id);
            if (settings is not null)
            {
                var added = await host.AddAsync(settings);
                Assert.That(added.IsSuccess, Is.True, () => added.Error.ToString());
                host._profile = added.Value.Id;
            }

            return host;
        }

        public Task<Result<IdpProfileView>> AddAsync(SamlIdpSettings settings) =>
            _services.GetRequiredService<IdpProfileService>().AddSamlProfileAsync(_directory, "Acme", settings);

        /// <summary>Replaces the profile's settings in the store, as a row written by an older version would read.</summary>
        public async Task StoreDirectlyAsync(SamlIdpSettings settings)
        {
            var store = _services.GetRequiredService<IIdpProfileStore>();
            var updated = await store.UpdateAsync((await store.FindAsync(_profile))! with { Saml = settings });
            Assert.That(updated.IsSuccess, Is.True, () => updated.Error.ToString());
        }

        /// <summary>Signs in through the profile with a response carrying <see cref="ExtraAttributes"/> and the given NameID.</summary>
        public async Task<FederatedIdentity> CompleteAsync(string nameId = NameId)
        {
            var signIns = _services.GetRequiredService<SamlProfileSignIns>();
            var request = await signIns.StartAsync(_profile, null);
            Assert.That(request.IsSuccess, Is.True, () => request.Error.ToString());
            var acs = "https://app.example/saml/acs/" + _profile;
            var builder = new SamlResponseBuilder { InResponseTo = request.Value.RequestId, Destination = acs, Recipient = acs, NameIdXml = nameId, ExtraAssertionXml = ExtraAttributes };
            var completed = await signIns.CompleteAsync(_profile, SamlResponseBuilder.Base64(builder.Signed()));
            Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());
            return completed.Value.Identity;
        }

        public async ValueTask DisposeAsync() => await _services.DisposeAsync();
    }
}
