using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.Stores;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.EntityFrameworkCore.Tests;

/// <summary>
/// Restart: one host writes a directory, an active OIDC profile with a client secret, a domain link and a trust request, and
/// stops; a new host (new provider, contexts and connections, the same Data Protection key ring) finds all of it.
/// </summary>
internal static class DirectoryRestartScenario
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(Action<DbContextOptionsBuilder> useDatabase)
    {
        var keys = Directory.CreateTempSubdirectory("fedkit-keys-");
        var owner = OwnerRef.Organization(OrganizationId.New());
        var directory = new IdentityDirectory { Id = DirectoryId.New(), Owner = owner, Name = "Staff", IdentityType = DirectoryIdentityType.Federated, CreatedAt = T0 };
        var trustee = OrganizationId.New();
        IdpProfile profile;
        TrustRequest request;
        await using (var before = Build(useDatabase, keys))
        {
            Assert.That(await FederationKitSchema.EnsureFederationKitSchemaAsync(before), Is.True);
            await before.GetRequiredService<IDirectoryStore>().AddAsync(directory);
            var secret = await before.GetRequiredService<ISecretStore>().StoreAsync("oidc.client_secret", "s3cret-after-restart");
            profile = (await before.GetRequiredService<IIdpProfileStore>().AddAsync(new IdpProfile
            {
                Id = IdpProfileId.New(),
                DirectoryId = directory.Id,
                Owner = owner,
                Name = "Entra",
                Protocol = IdentityProtocol.Oidc,
                Oidc = new OidcIdpSettings { Issuer = new Uri("https://login.example/tenant/v2.0"), ClientId = "client", ClientSecretReference = secret, Scopes = ImmutableArray.Create("openid", "email") },
                CreatedAt = T0,
            })).Value;
            profile = (await before.GetRequiredService<IIdpProfileStore>().ActivateAsync(profile.Id, profile.Version)).Value;
            await before.GetRequiredService<IDomainLinkStore>().AddAsync(new DomainLink { Domain = "acme.com", Owner = owner, DirectoryId = directory.Id, LinkedAt = T0 });
            request = (await before.GetRequiredService<IDirectoryTrustStore>().AddAsync(new TrustRequest
            {
                Id = TrustRequestId.New(),
                DirectoryId = directory.Id,
                DirectoryOwner = owner,
                TrusteeOrganizationId = trustee,
                Requester = new TrustRequester(UserId.New(), "Bea", "bea@beta.example", "Beta"),
                Domain = "acme.com",
                RequestedAt = T0,
                LastSentAt = T0,
            })).Value;
        }

        await using var after = Build(useDatabase, keys);
        Assert.That(await FederationKitSchema.EnsureFederationKitSchemaAsync(after), Is.False);
        Assert.That(await after.GetRequiredService<IDirectoryStore>().FindAsync(directory.Id), Is.EqualTo(directory with { Version = 1 }));
        var loaded = await after.GetRequiredService<IIdpProfileStore>().FindAsync(profile.Id);
        Assert.That(loaded!.IsActive, Is.True);
        Assert.That(loaded.Version, Is.EqualTo(profile.Version));
        Assert.That(loaded.Oidc!.Scopes, Is.EqualTo(new[] { "openid", "email" }));
        Assert.That(await after.GetRequiredService<ISecretStore>().ReadAsync(loaded.Oidc.ClientSecretReference!.Value), Is.EqualTo("s3cret-after-restart"));
        Assert.That((await after.GetRequiredService<IDomainLinkStore>().FindAsync("acme.com"))!.DirectoryId, Is.EqualTo(directory.Id));
        Assert.That((await after.GetRequiredService<IDirectoryTrustStore>().ListByTrusteeAsync(trustee)).Single().Id, Is.EqualTo(request.Id));
    }

    private static ServiceProvider Build(Action<DbContextOptionsBuilder> useDatabase, DirectoryInfo keys)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().PersistKeysToFileSystem(keys).SetApplicationName("fedkit-tests");
        services.AddFederationKit().AddEntityFrameworkStores(useDatabase);
        return services.BuildServiceProvider();
    }
}
