using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.EntityFrameworkCore.PostgreSql;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Provisioning;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.EntityFrameworkCore.Tests.Postgres;

/// <summary>
/// A roll-out morning on PostgreSQL, through the wired SDK: 64 first sign-ins into one organization at once. Each is one change
/// set on rows of its own, so none conflicts with another: all succeed and each user is exactly one member. Users whose emails
/// share a local part compete for one username; the unique index and the username rules give each its own.
/// </summary>
public sealed class PostgresRolloutMorningTests
{
    private const int Users = 64;

    [Test]
    public async Task SignIn_SixtyFourConcurrentFirstSignInsIntoOneOrganization_AllSucceedEachUserOneMember()
    {
        var dns = new PublishedRecords();
        var services = new ServiceCollection();
        services.AddSingleton<IDnsTxtResolver>(dns);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddFederationKit().AddEntityFrameworkStores(o => o.UseFederationKitNpgsql(PostgresServer.ConnectionString("fk_" + Guid.NewGuid().ToString("N"))));
        await using var provider = services.BuildServiceProvider();
        await FederationKitSchema.EnsureFederationKitSchemaAsync(provider);
        var ownerId = UserId.New();
        var organization = (await provider.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", ownerId, "owner@acme-corp.com")).Value;
        var admin = ownerId;
        var owner = OwnerRef.Organization(organization.Id);
        var domains = provider.GetRequiredService<DomainClaimService>();
        Assert.That((await domains.AddDomainsAsync(owner, ownerId, ["acme-corp.com"])).Value.Single().Result.IsSuccess, Is.True);
        var record = (await domains.GetInstructionsAsync(owner, ownerId, "acme-corp.com")).Value;
        dns.Records[record.Host] = record.Value;
        Assert.That((await domains.VerifyNowAsync(owner, ownerId, "acme-corp.com")).Value.Claim.State, Is.EqualTo(DomainClaimState.Verified));
        var directories = provider.GetRequiredService<DirectoryService>();
        var directoryId = (await directories.CreateDirectoryAsync(owner, admin, "Staff", DirectoryIdentityType.Federated)).Value.Id;
        Assert.That((await directories.LinkDomainAsync(directoryId, admin, "acme-corp.com")).IsSuccess, Is.True);
        var profiles = provider.GetRequiredService<IdpProfileService>();
        var profileId = (await profiles.AddOidcProfileAsync(directoryId, admin, "Acme Okta", new NewOidcProfile
        {
            Settings = new OidcIdpSettings { Issuer = new Uri("https://acme.okta.example/"), ClientId = "fedkit" },
            ClientSecret = "a-client-secret-value",
        })).Value.Id;
        Assert.That((await profiles.ActivateProfileAsync(profileId, admin, force: true)).IsSuccess, Is.True);
        var jit = provider.GetRequiredService<JitProvisioner>();
        var context = new SignInProfileContext(directoryId, profileId);

        // Every eighth user is a "pat" on a subdomain of its own: eight users want the username "pat".
        var emails = Enumerable.Range(0, Users).Select(i => i % 8 == 0 ? $"pat@team{i}.acme-corp.com" : $"user{i:D3}@acme-corp.com").ToList();
        using var start = new ManualResetEventSlim();
        var signIns = emails.Select(email => Task.Run(async () =>
        {
            start.Wait();
            return await jit.SignInAsync(context, Identity(email));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(signIns);

        Assert.That(results.Where(r => r.IsFailure).Select(r => r.Error.ToString()), Is.Empty, "every first sign-in succeeds");
        Assert.That(results.Select(r => r.Value.UserCreated), Is.All.True);
        var memberships = provider.GetRequiredService<IMembershipStore>();
        var members = await memberships.ListByOrganizationAsync(organization.Id, null, 1000);
        Assert.That(members, Has.Count.EqualTo(Users + 1), "the owner and one row per user");
        foreach (var result in results)
        {
            Assert.That(await memberships.ListByUserAsync(result.Value.UserId), Has.Count.EqualTo(1));
        }

        var usernames = members.Where(m => m.Username is not null).Select(m => m.Username!.ToUpperInvariant()).ToList();
        Assert.That(usernames, Is.Unique);
        Assert.That(usernames.Count(u => u.StartsWith("PAT", StringComparison.Ordinal)), Is.EqualTo(8));
        Assert.That(await memberships.CountByDirectoryAsync(directoryId), Is.EqualTo(Users));
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
