using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.Stores;

namespace FederationKit.StoreContracts;

/// <summary>The behaviour every <see cref="IIdpProfileStore"/> must have, including the one-active rules.</summary>
public abstract class IdpProfileStoreContract
{
    /// <summary>Returns a new, empty store.</summary>
    protected abstract Task<IIdpProfileStore> CreateStore();

    private static IdpProfile Saml(DirectoryId directory, OwnerRef owner) => new()
    {
        Id = IdpProfileId.New(),
        DirectoryId = directory,
        Owner = owner,
        Name = "Okta",
        Protocol = IdentityProtocol.Saml,
        Saml = new SamlIdpSettings
        {
            EntityId = "https://idp.example/",
            SsoUrlPost = new Uri("https://idp.example/sso"),
            SigningCertificates = ImmutableArray.Create("MIIB", "MIIC"),
            NameIdFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
        },
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    private static IdpProfile Oidc(DirectoryId directory, OwnerRef owner) => Saml(directory, owner) with
    {
        Protocol = IdentityProtocol.Oidc,
        Saml = null,
        Oidc = new OidcIdpSettings
        {
            Issuer = new Uri("https://login.example/"),
            ClientId = "client",
            ClientSecretReference = new SecretReference("vault:1"),
            GroupsClaim = "groups",
        },
    };

    [Test]
    public async Task Add_ThenFind_RoundTripsEverySetting()
    {
        var store = await CreateStore();
        var owner = OwnerRef.Organization(OrganizationId.New());
        var directory = DirectoryId.New();
        var saml = Saml(directory, owner) with { LastTest = new ProfileTestResult(false, new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), "directory.profile.test.issuer_mismatch", "x") };
        saml = saml with
        {
            Saml = saml.Saml! with
            {
                MinimumRsaKeySize = 3072,
                AllowRsaPkcs1KeyTransport = true,
                RequireAuthnStatement = false,
                RequireSignedAssertion = true,
                AdditionalAudiences = ImmutableArray.Create("spn:7f2c1b4e-0000-4000-8000-000000000001"),
                MaximumAssertionLifetime = TimeSpan.FromMinutes(75),
            },
        };
        var oidc = Oidc(directory, owner);

        await store.AddAsync(saml);
        await store.AddAsync(oidc);

        var loadedSaml = await store.FindAsync(saml.Id);
        Assert.That(loadedSaml!.Saml!.SigningCertificates, Is.EqualTo(new[] { "MIIB", "MIIC" }));
        Assert.That(loadedSaml.LastTest, Is.EqualTo(saml.LastTest));
        var policy = loadedSaml.Saml;
        Assert.That((policy.MinimumRsaKeySize, policy.AllowRsaPkcs1KeyTransport, policy.RequireAuthnStatement, policy.RequireSignedAssertion, policy.MaximumAssertionLifetime),
            Is.EqualTo((3072, true, false, true, TimeSpan.FromMinutes(75))), "the SAML validation policy round-trips");
        Assert.That(policy.AdditionalAudiences, Is.EqualTo(new[] { "spn:7f2c1b4e-0000-4000-8000-000000000001" }));
        var loadedOidc = await store.FindAsync(oidc.Id);
        Assert.That(loadedOidc!.Oidc!.ClientSecretReference, Is.EqualTo(new SecretReference("vault:1")));
        Assert.That(loadedOidc.Oidc.Scopes, Is.EqualTo(new[] { "openid", "profile", "email" }));
        Assert.That(await store.ListByDirectoryAsync(directory), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Activate_ReplacesTheActiveProfileOfTheDirectory()
    {
        var store = await CreateStore();
        var owner = OwnerRef.Organization(OrganizationId.New());
        var directory = DirectoryId.New();
        var first = (await store.AddAsync(Saml(directory, owner))).Value;
        var second = (await store.AddAsync(Saml(directory, owner))).Value;

        Assert.That((await store.ActivateAsync(first.Id, first.Version)).Value.IsActive, Is.True);
        Assert.That((await store.ActivateAsync(second.Id, second.Version)).Value.IsActive, Is.True);

        var active = (await store.ListByDirectoryAsync(directory)).Where(p => p.IsActive).Select(p => p.Id);
        Assert.That(active, Is.EqualTo(new[] { second.Id }));
    }

    [Test]
    public async Task Activate_Concurrently_LeavesExactlyOneActive()
    {
        var store = await CreateStore();
        var owner = OwnerRef.Organization(OrganizationId.New());
        var directory = DirectoryId.New();
        var profiles = new List<IdpProfile>();
        for (var i = 0; i < 8; i++)
        {
            profiles.Add((await store.AddAsync(Saml(directory, owner))).Value);
        }

        await Task.WhenAll(profiles.Select(p => Task.Run(() => store.ActivateAsync(p.Id, p.Version))));

        Assert.That((await store.ListByDirectoryAsync(directory)).Count(p => p.IsActive), Is.EqualTo(1));
    }

    [Test]
    public async Task AddOrUpdate_SecondActiveInDirectory_IsRefused()
    {
        var store = await CreateStore();
        var owner = OwnerRef.Organization(OrganizationId.New());
        var directory = DirectoryId.New();
        await store.AddAsync(Saml(directory, owner) with { IsActive = true });
        var inactive = (await store.AddAsync(Saml(directory, owner))).Value;

        Assert.That((await store.AddAsync(Saml(directory, owner) with { IsActive = true })).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileSecondActive));
        Assert.That((await store.UpdateAsync(inactive with { IsActive = true })).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileSecondActive));
    }

    [Test]
    public async Task Activate_SecondOidcOfOwnerInOtherDirectory_IsRefused()
    {
        var store = await CreateStore();
        var owner = OwnerRef.Organization(OrganizationId.New());
        var first = (await store.AddAsync(Oidc(DirectoryId.New(), owner))).Value;
        var second = (await store.AddAsync(Oidc(DirectoryId.New(), owner))).Value;
        var otherOwners = (await store.AddAsync(Oidc(DirectoryId.New(), OwnerRef.Organization(OrganizationId.New())))).Value;
        await store.ActivateAsync(first.Id, first.Version);

        Assert.That((await store.ActivateAsync(second.Id, second.Version)).Error.Code, Is.EqualTo(DirectoryErrorCodes.OidcProfileActiveElsewhere));
        Assert.That((await store.AddAsync(Oidc(DirectoryId.New(), owner) with { IsActive = true })).Error.Code, Is.EqualTo(DirectoryErrorCodes.OidcProfileActiveElsewhere));
        Assert.That((await store.ActivateAsync(otherOwners.Id, otherOwners.Version)).IsSuccess, Is.True);
    }

    [Test]
    public async Task Activate_OidcReplacingOidcInSameDirectory_Works()
    {
        var store = await CreateStore();
        var owner = OwnerRef.Organization(OrganizationId.New());
        var directory = DirectoryId.New();
        var first = (await store.AddAsync(Oidc(directory, owner))).Value;
        var second = (await store.AddAsync(Oidc(directory, owner))).Value;
        await store.ActivateAsync(first.Id, first.Version);

        Assert.That((await store.ActivateAsync(second.Id, second.Version)).IsSuccess, Is.True);
        Assert.That((await store.FindAsync(first.Id))!.IsActive, Is.False);
    }

    [Test]
    public async Task Activate_StaleVersion_IsRefused()
    {
        var store = await CreateStore();
        var profile = (await store.AddAsync(Saml(DirectoryId.New(), OwnerRef.Organization(OrganizationId.New())))).Value;
        await store.UpdateAsync(profile with { Name = "Renamed" });

        Assert.That((await store.ActivateAsync(profile.Id, profile.Version)).Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That((await store.ActivateAsync(IdpProfileId.New(), 1)).Error.Code, Is.EqualTo(StoreErrorCodes.NotFound));
    }

    [Test]
    public async Task Delete_WithVersion_RemovesIt()
    {
        var store = await CreateStore();
        var profile = (await store.AddAsync(Saml(DirectoryId.New(), OwnerRef.Organization(OrganizationId.New())))).Value;

        Assert.That((await store.DeleteAsync(profile.Id, 0)).Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That((await store.DeleteAsync(profile.Id, profile.Version)).IsSuccess, Is.True);
        Assert.That(await store.FindAsync(profile.Id), Is.Null);
    }

    [Test]
    public async Task ListActive_ReturnsOnlyActiveProfiles_OfEveryDirectory()
    {
        var store = await CreateStore();
        var reader = store as IIdpProfileBulkReader;
        Assert.That(reader, Is.Not.Null, "the shipped profile stores read active profiles in one call");
        var owner = OwnerRef.Organization(OrganizationId.New());
        var first = (await store.AddAsync(Saml(DirectoryId.New(), owner))).Value;
        var second = (await store.AddAsync(Oidc(DirectoryId.New(), owner))).Value;
        await store.AddAsync(Saml(second.DirectoryId, owner));
        await store.ActivateAsync(first.Id, first.Version);
        await store.ActivateAsync(second.Id, second.Version);

        var active = await reader!.ListActiveAsync();

        Assert.That(active.Select(p => p.Id), Is.EquivalentTo(new[] { first.Id, second.Id }));
    }
}
