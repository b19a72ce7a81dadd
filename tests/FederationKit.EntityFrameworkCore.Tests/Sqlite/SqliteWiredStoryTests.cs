using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.EntityFrameworkCore.Sqlite;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Settings;
using FederationKit.SignIn.Stores;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.EntityFrameworkCore.Tests.Sqlite;

/// <summary>
/// The whole SDK on one SQLite file through <c>AddEntityFrameworkStores</c>: claim, verify, federate, enforce, provision;
/// then a restart (new service provider, new connections) that must see everything.
/// </summary>
public sealed class SqliteWiredStoryTests
{
    private string _directory = null!;

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("fedkit-sqlite-story-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Story_OnSqlite_SurvivesARestart()
    {
        var dns = new PublishedRecords();
        DirectoryId directoryId;
        IdpProfileId profileId;
        OwnerRef owner;
        var ownerId = UserId.New();
        await using (var first = await StartAsync(dns))
        {
            var organization = (await first.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", ownerId, "owner@acme-corp.com")).Value;
            var admin = ownerId;
            owner = OwnerRef.Organization(organization.Id);
            var domains = first.GetRequiredService<DomainClaimService>();
            Assert.That((await domains.AddDomainsAsync(owner, ownerId, ["acme-corp.com"])).Value.Single().Result.IsSuccess, Is.True);
            var record = (await domains.GetInstructionsAsync(owner, ownerId, "acme-corp.com")).Value;
            dns.Records[record.Host] = record.Value;
            Assert.That((await domains.VerifyNowAsync(owner, ownerId, "acme-corp.com")).Value.Claim.State, Is.EqualTo(DomainClaimState.Verified));

            var directories = first.GetRequiredService<DirectoryService>();
            directoryId = (await directories.CreateDirectoryAsync(owner, admin, "Staff", DirectoryIdentityType.Federated)).Value.Id;
            Assert.That((await directories.LinkDomainAsync(directoryId, admin, "acme-corp.com")).IsSuccess, Is.True);
            var profiles = first.GetRequiredService<IdpProfileService>();
            var oidc = await profiles.AddOidcProfileAsync(directoryId, admin, "Acme Okta", new NewOidcProfile
            {
                Settings = new OidcIdpSettings { Issuer = new Uri("https://acme.okta.example/"), ClientId = "fedkit" },
                ClientSecret = "a-client-secret-value",
            });
            Assert.That(oidc.IsSuccess, Is.True, () => oidc.Error.ToString());
            profileId = oidc.Value.Id;
            Assert.That((await profiles.ActivateProfileAsync(profileId, admin, force: true)).IsSuccess, Is.True);
            Assert.That((await first.GetRequiredService<DirectorySignInSettingsService>().UpdateAsync(directoryId, admin, s => s with { SsoEnforced = true })).IsSuccess, Is.True);

            var outcome = await first.GetRequiredService<JitProvisioner>().SignInAsync(new SignInProfileContext(directoryId, profileId), Identity("carol@acme-corp.com"));
            Assert.That(outcome.IsSuccess, Is.True, () => outcome.Error.ToString());
        }

        await using var second = await StartAsync(dns);
        var router = second.GetRequiredService<SignInRouter>();
        Assert.That(await router.RouteAsync("dave@acme-corp.com"), Is.InstanceOf<FederatedRoute>());
        Assert.That((await router.CheckLocalSignInAsync("dave@acme-corp.com", LocalSignInMethod.Password)).Error.Code, Is.EqualTo(SignInErrorCodes.SsoRequired));
        Assert.That(await second.GetRequiredService<IFederatedUserStore>().FindByIdentityAsync(directoryId, "00u-carol@acme-corp.com"), Is.Not.Null);
        var again = await second.GetRequiredService<JitProvisioner>().SignInAsync(new SignInProfileContext(directoryId, profileId), Identity("carol@acme-corp.com"));
        Assert.That(again.Value.UserCreated, Is.False);
        Assert.That((await second.GetRequiredService<DomainClaimService>().RemoveAsync(owner, ownerId, "acme-corp.com")).Error.Code, Is.EqualTo(DomainErrorCodes.InUse));
    }

    private async Task<ServiceProvider> StartAsync(IDnsTxtResolver dns)
    {
        var services = new ServiceCollection();
        services.AddSingleton(dns);
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(_directory, "keys")));
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseFederationKitSqlite($"Data Source={Path.Combine(_directory, "fedkit.db")}"));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        await FederationKitSchema.EnsureFederationKitSchemaAsync(provider);
        return provider;
    }

    private static FederatedIdentity Identity(string email) =>
        new(IdentityProtocol.Oidc, "https://acme.okta.example/", "00u-" + email, "sub", new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)) { Email = email, EmailVerified = true };

    private sealed class PublishedRecords : IDnsTxtResolver
    {
        public Dictionary<string, string> Records { get; } = new(StringComparer.Ordinal);

        public Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default) =>
            Task.FromResult(Records.TryGetValue(hostName, out var value) ? DnsTxtLookup.Found([DnsTxtRecord.Of(value)]) : DnsTxtLookup.NotFound("NXDOMAIN"));
    }
}
