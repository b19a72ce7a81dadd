using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.RolloutMorning;

/// <summary>
/// One company switching SSO on, set up through the public services as an admin would: an organization, its domain added
/// and verified (DNS TXT), a federated directory linked to the domain, an OIDC IdP profile activated. Its employees' first
/// sign-ins go through <see cref="JitProvisioner.SignInAsync"/>, the just-in-time provisioning a host runs after the
/// protocol validated the identity.
/// </summary>
internal sealed class Scenario
{
    private const string Issuer = "https://login.acme.example/";
    private readonly IServiceProvider _services;
    private readonly JitProvisioner _provisioner;

    private Scenario(IServiceProvider services, string domain, OrganizationId organization, DirectoryId directory, IdpProfileId profile)
    {
        _services = services;
        _provisioner = services.GetRequiredService<JitProvisioner>();
        Domain = domain;
        Organization = organization;
        Directory = directory;
        Profile = profile;
    }

    public string Domain { get; }

    public OrganizationId Organization { get; }

    public DirectoryId Directory { get; }

    public IdpProfileId Profile { get; }

    /// <summary>Creates the company on <paramref name="domain"/>; <paramref name="dns"/> publishes its verification record.</summary>
    public static async Task<Scenario> CreateAsync(IServiceProvider services, PublishedTxtRecords dns, string domain)
    {
        var admin = UserId.New();
        var organization = Expect(await services.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Company " + domain, admin, "it-admin@" + domain), "create the organization");
        var owner = OwnerRef.Organization(organization.Id);
        var domains = services.GetRequiredService<DomainClaimService>();
        var added = Expect(await domains.AddDomainsAsync(owner, admin, [domain]), "add the domain").Single();
        if (added.Result.IsFailure)
        {
            throw new InvalidOperationException($"add the domain: {added.Result.Error}");
        }

        var instructions = Expect(await domains.GetInstructionsAsync(owner, admin, domain), "read the verification instructions");
        dns.Records[instructions.Host] = instructions.Value;
        var verified = Expect(await domains.VerifyNowAsync(owner, admin, domain), "verify the domain");
        if (verified.Claim.State != DomainClaimState.Verified)
        {
            throw new InvalidOperationException($"The domain is {verified.Claim.State}, not verified.");
        }

        var directories = services.GetRequiredService<DirectoryService>();
        var directory = Expect(await directories.CreateDirectoryAsync(owner, admin, "Employees", DirectoryIdentityType.Federated), "create the directory");
        Expect(await directories.LinkDomainAsync(directory.Id, admin, domain), "link the domain");
        var profiles = services.GetRequiredService<IdpProfileService>();
        var profile = Expect(await profiles.AddOidcProfileAsync(directory.Id, admin, "Company IdP", new NewOidcProfile
        {
            Settings = new OidcIdpSettings { Issuer = new Uri(Issuer), ClientId = "saas-app" },
            ClientSecret = "a-client-secret-value-for-the-harness",
        }), "add the IdP profile");
        Expect(await profiles.ActivateProfileAsync(profile.Id, admin, force: true), "activate the IdP profile");
        return new Scenario(services, domain, organization.Id, directory.Id, profile.Id);
    }

    /// <summary>The identity the OIDC protocol hands to JIT for employee <paramref name="n"/> (as the JIT tests build it).</summary>
    public FederatedIdentity Identity(string prefix, int n) =>
        new(IdentityProtocol.Oidc, Issuer, $"00u-{prefix}-{n:D6}", "sub", DateTimeOffset.UtcNow)
        {
            Email = $"{prefix}.{n:D6}@{Domain}",
            EmailVerified = true,
            GivenName = "Employee",
            FamilyName = n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
            Groups = ["employees", "sso-users"],
        };

    /// <summary>A first (or later) sign-in of <paramref name="identity"/>, exactly as the host edge provisions it.</summary>
    public Task<Result<SignInOutcome>> SignInAsync(FederatedIdentity identity) =>
        _provisioner.SignInAsync(new SignInProfileContext(Directory, Profile), identity);

    /// <summary>The user the directory knows under <paramref name="subject"/>, if any.</summary>
    public async Task<UserId?> UserOfAsync(string subject) =>
        (await _services.GetRequiredService<IFederatedUserStore>().FindByIdentityAsync(Directory, subject))?.Id;

    private static T Expect<T>(Result<T> result, string what) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"{what}: {result.Error}");
}

/// <summary>DNS as the domain check sees it: the TXT records the harness published.</summary>
internal sealed class PublishedTxtRecords : IDnsTxtResolver
{
    public Dictionary<string, string> Records { get; } = new(StringComparer.Ordinal);

    public Task<DnsTxtLookup> ResolveTxtAsync(string hostName, CancellationToken cancellationToken = default) =>
        Task.FromResult(Records.TryGetValue(hostName, out var value) ? DnsTxtLookup.Found([DnsTxtRecord.Of(value)]) : DnsTxtLookup.NotFound("NXDOMAIN"));
}
