using System.Collections.Immutable;
using System.Text.Json;
using FederationKit.Directories;
using FederationKit.EntityFrameworkCore.Stores;
using FederationKit.Organizations;
using FederationKit.SignIn;
using Microsoft.EntityFrameworkCore;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

/// <summary>Every SAML and OIDC setting, each away from its default, survives the JSON settings column.</summary>
public sealed class SqliteIdpProfileSettingsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task FindAfterAdd_EverySamlSettingChanged_RoundTrips()
    {
        var saml = new SamlIdpSettings
        {
            EntityId = "urn:idp:acme",
            SsoUrlRedirect = new Uri("https://idp.acme.example/sso/redirect"),
            SsoUrlPost = new Uri("https://idp.acme.example/sso/post"),
            SigningCertificates = ImmutableArray.Create("MIIA", "MIIB"),
            LogoutUrl = new Uri("https://idp.acme.example/slo"),
            MetadataUrl = new Uri("https://idp.acme.example/federationmetadata/2007-06/federationmetadata.xml"),
            NameIdFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
            SignRequests = false,
            WantEncryptedAssertions = true,
            MinimumRsaKeySize = 1024,
            AllowRsaPkcs1KeyTransport = true,
            RequireAuthnStatement = false,
            RequireSignedAssertion = true,
            AdditionalAudiences = ImmutableArray.Create("spn:7f2c1b4e-0000-4000-8000-000000000001", "urn:acme:sp"),
            MaximumAssertionLifetime = TimeSpan.FromMinutes(90),
            UsernameSource = SamlUsernameSource.Attribute,
            UsernameAttribute = "uid",
            EmailAttribute = "corpMail",
            GivenNameAttribute = "first",
            SurnameAttribute = "last",
            GroupsAttribute = "roles",
        };

        var loaded = await RoundTripAsync(Profile(IdentityProtocol.Saml) with { Saml = saml, LastTest = new ProfileTestResult(true, T0, null, null) });

        Assert.That(JsonSerializer.Serialize(loaded.Saml), Is.EqualTo(JsonSerializer.Serialize(saml)));
        Assert.That(loaded.Oidc, Is.Null);
        Assert.That(loaded.LastTest, Is.EqualTo(new ProfileTestResult(true, T0, null, null)));
    }

    [Test]
    public async Task FindAfterAdd_EveryOidcSettingChanged_RoundTrips()
    {
        var oidc = new OidcIdpSettings
        {
            Issuer = new Uri("https://login.acme.example/tenant/v2.0"),
            ClientId = "fedkit-client",
            ClientSecretReference = new SecretReference("oidc.client_secret:0a1b"),
            PrivateKeyReference = new SecretReference("oidc.private_key:2c3d"),
            Scopes = ImmutableArray.Create("openid", "groups"),
            UseDiscovery = false,
            AuthorizationEndpoint = new Uri("https://login.acme.example/authorize"),
            TokenEndpoint = new Uri("https://login.acme.example/token"),
            JwksUri = new Uri("https://login.acme.example/keys"),
            UserInfoEndpoint = new Uri("https://login.acme.example/userinfo"),
            EndSessionEndpoint = new Uri("https://login.acme.example/logout"),
            UsePkce = false,
            GroupsClaim = "roles",
            UsernameClaim = "preferred_username",
            UserIdClaim = "oid",
        };

        var loaded = await RoundTripAsync(Profile(IdentityProtocol.Oidc) with { Oidc = oidc, IsActive = true });

        Assert.That(JsonSerializer.Serialize(loaded.Oidc), Is.EqualTo(JsonSerializer.Serialize(oidc)));
        Assert.That(loaded.Saml, Is.Null);
        Assert.That(loaded.IsActive, Is.True);
    }

    [Test]
    public async Task Find_SamlSettingsStoredBeforeThePolicySettings_ReadsTheSecureDefaults()
    {
        var database = await SqliteDatabase.CreateAsync();
        var profile = Profile(IdentityProtocol.Saml) with { Saml = new SamlIdpSettings { EntityId = "urn:idp:acme", SigningCertificates = ["MIIA"] } };
        await new EntityFrameworkIdpProfileStore<FederationKitDbContext>(database).AddAsync(profile);
        await using (var context = database.CreateDbContext())
        {
            var row = await context.Set<FederationKit.EntityFrameworkCore.Model.IdpProfileRow>().SingleAsync(r => r.Id == profile.Id.Value);
            row.SettingsJson = """{"EntityId":"urn:idp:acme","SsoUrlRedirect":"https://idp.acme.example/sso","SsoUrlPost":null,"SigningCertificates":["MIIA"],"LogoutUrl":null,"NameIdFormat":null,"SignRequests":true,"WantEncryptedAssertions":false}""";
            await context.SaveChangesAsync();
        }

        var saml = (await new EntityFrameworkIdpProfileStore<FederationKitDbContext>(database).FindAsync(profile.Id))!.Saml!;

        Assert.That((saml.MinimumRsaKeySize, saml.AllowRsaPkcs1KeyTransport, saml.RequireAuthnStatement, saml.RequireSignedAssertion, saml.MaximumAssertionLifetime),
            Is.EqualTo((2048, false, true, false, TimeSpan.FromHours(2))));
        Assert.That(saml.AdditionalAudiences.IsDefault, Is.False);
        Assert.That(saml.AdditionalAudiences, Is.Empty);
        Assert.That(saml.UsernameSource, Is.EqualTo(SamlUsernameSource.EmailLocalPart), "a profile stored before the username setting keeps the email's local part");
        Assert.That(new[] { saml.UsernameAttribute, saml.EmailAttribute, saml.GivenNameAttribute, saml.SurnameAttribute, saml.GroupsAttribute }, Is.All.Null);
    }

    [Test]
    public async Task FindAfterAdd_NewSamlProfileWithDefaults_KeepsTheNameIdUsernameSource()
    {
        var loaded = await RoundTripAsync(Profile(IdentityProtocol.Saml) with { Saml = new SamlIdpSettings { EntityId = "urn:idp:acme", SigningCertificates = ["MIIA"] } });

        Assert.That(loaded.Saml!.UsernameSource, Is.EqualTo(SamlUsernameSource.NameId));
    }

    private static IdpProfile Profile(IdentityProtocol protocol) => new()
    {
        Id = IdpProfileId.New(),
        DirectoryId = DirectoryId.New(),
        Owner = OwnerRef.Parent(ParentOrganizationId.New()),
        Name = "Acme IdP",
        Protocol = protocol,
        CreatedAt = T0,
    };

    private static async Task<IdpProfile> RoundTripAsync(IdpProfile profile)
    {
        var database = await SqliteDatabase.CreateAsync();
        await new EntityFrameworkIdpProfileStore<FederationKitDbContext>(database).AddAsync(profile);
        var loaded = await new EntityFrameworkIdpProfileStore<FederationKitDbContext>(database).FindAsync(profile.Id);
        Assert.That(loaded!.Owner, Is.EqualTo(profile.Owner));
        return loaded;
    }
}
