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
        await using var host = await SamlProfileHost.CreateAsync(Settings());

        var identity = await CompleteAsync(host);

        Assert.That(Settings().UsernameSource, Is.EqualTo(SamlUsernameSource.NameId));
        Assert.That(identity.Username, Is.EqualTo(NameId));
        Assert.That(UsernameRules.SelectSource(identity), Is.EqualTo(NameId), "just-in-time provisioning proposes the NameID");
    }

    [Test]
    public async Task Complete_UsernameFromAnAttribute_IsItsFirstNonEmptyValueMatchedByFriendlyName()
    {
        await using var host = await SamlProfileHost.CreateAsync(Settings() with { UsernameSource = SamlUsernameSource.Attribute, UsernameAttribute = "UID" });

        var identity = await CompleteAsync(host);

        Assert.That(identity.Username, Is.EqualTo("carol.clark"));
        Assert.That(UsernameRules.SelectSource(identity), Is.EqualTo("carol.clark"));
    }

    [Test]
    public async Task Complete_UsernameAttributeAbsent_FallsBackToTheEmailLocalPart()
    {
        await using var host = await SamlProfileHost.CreateAsync(Settings() with { UsernameSource = SamlUsernameSource.Attribute, UsernameAttribute = "employeeNumber" });

        var identity = await CompleteAsync(host);

        Assert.That(identity.Username, Is.Null);
        Assert.That(UsernameRules.SelectSource(identity), Is.EqualTo("carol"));
    }

    [Test]
    public async Task Complete_EmailLocalPartSource_ProposesTheEmailLocalPart()
    {
        await using var host = await SamlProfileHost.CreateAsync(Settings() with { UsernameSource = SamlUsernameSource.EmailLocalPart });

        var identity = await CompleteAsync(host);

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
        await using var host = await SamlProfileHost.CreateAsync(Settings());
        await host.ReplaceStoredSettingsAsync(host.ProfileId, legacy);

        var identity = await CompleteAsync(host);

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
        await using var host = await SamlProfileHost.CreateAsync(Settings() with { EmailAttribute = "corpMail", UsernameSource = SamlUsernameSource.EmailLocalPart });

        var identity = await CompleteAsync(host);

        Assert.That(identity.Email, Is.EqualTo("c.clark@acme-corp.com"), "the configured attribute wins over the common 'email'");
        Assert.That(UsernameRules.SelectSource(identity), Is.EqualTo("c.clark"));
    }

    [Test]
    public async Task Complete_CustomEmailAttributeAbsent_FallsBackToAnEmailFormatNameId()
    {
        await using var host = await SamlProfileHost.CreateAsync(Settings() with { EmailAttribute = "proxyAddress" });

        var identity = await CompleteAsync(host, nameId: "carol.c@acme-corp.com");

        Assert.That(identity.Email, Is.EqualTo("carol.c@acme-corp.com"), "the common 'email' attribute is not read when another name is configured");
    }

    [Test]
    public async Task Complete_CustomNameAndGroupAttributes_AreReadInsteadOfTheCommonNames()
    {
        await using var host = await SamlProfileHost.CreateAsync(Settings() with { GivenNameAttribute = "first", SurnameAttribute = "last", GroupsAttribute = "roles" });

        var identity = await CompleteAsync(host);

        Assert.That((identity.GivenName, identity.FamilyName), Is.EqualTo(("Caroline", "Clark")));
        Assert.That(identity.Groups, Is.EqualTo(new[] { "gis-editors" }), "the common 'groups' attribute is not read");
    }

    [Test]
    public async Task Complete_DefaultAttributeNames_AreTheCommonNames()
    {
        await using var host = await SamlProfileHost.CreateAsync(Settings());

        var identity = await CompleteAsync(host);

        Assert.That((identity.Email, identity.GivenName), Is.EqualTo(("carol@acme-corp.com", "Carol")));
        Assert.That(identity.Groups, Is.EqualTo(new[] { "engineers", "admins" }));
    }

    [Test]
    public async Task AddProfile_AttributeSourceWithoutAnAttribute_IsRefusedNamingTheField()
    {
        await using var host = await SamlProfileHost.CreateAsync(null);

        var added = await host.AddAsync(Settings() with { UsernameSource = SamlUsernameSource.Attribute });

        Assert.That((added.Error.Code, added.Error.Details["field"]), Is.EqualTo((DirectoryErrorCodes.ProfileSettingsInvalid, "usernameAttribute")));
    }

    [TestCase("emailAttribute")]
    [TestCase("groupsAttribute")]
    [TestCase("usernameAttribute")]
    public async Task AddProfile_BlankAttributeName_IsRefusedNamingTheField(string field)
    {
        await using var host = await SamlProfileHost.CreateAsync(null);
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
        await using var host = await SamlProfileHost.CreateAsync(null);

        var added = await host.AddAsync(Settings() with { UsernameSource = (SamlUsernameSource)42 });

        Assert.That((added.Error.Code, added.Error.Details["field"]), Is.EqualTo((DirectoryErrorCodes.ProfileSettingsInvalid, "usernameSource")));
    }

    /// <summary>Signs in through the host's profile with a response carrying <see cref="ExtraAttributes"/> and the given NameID.</summary>
    private static async Task<FederatedIdentity> CompleteAsync(SamlProfileHost host, string nameId = NameId)
    {
        var completed = await host.CompleteAsync(b => (b.NameIdXml, b.ExtraAssertionXml) = (nameId, ExtraAttributes));
        Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());
        return completed.Value.Identity;
    }
}
