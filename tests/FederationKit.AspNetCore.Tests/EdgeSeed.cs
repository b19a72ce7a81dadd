using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.Organizations;
using FederationKit.SignIn;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.AspNetCore.Tests;

/// <summary>The admin steps a story starts with, through the services as <c>AddFederationKit()</c> registers them.</summary>
internal sealed class EdgeSeed(IServiceProvider services, FakeDns dns)
{

    private static readonly Lazy<string> Certificate = new(() =>
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=idp.acme.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Cert));
    });

    /// <summary>
    /// An organization <paramref name="name"/> (owner <paramref name="ownerId"/>) with <paramref name="domain"/> verified and
    /// linked to a federated directory whose profile (<paramref name="protocol"/>) passed its test and is active.
    /// </summary>
    public async Task<(OwnerRef Owner, IdentityDirectory Directory, IdpProfileView Profile)> FederateAsync(UserId ownerId, string name = "Acme", string domain = "acme.com",
        IdentityProtocol protocol = IdentityProtocol.Saml, SamlIdpSettings? samlSettings = null, NewOidcProfile? oidcProfile = null)
    {
        var organization = await services.GetRequiredService<OrganizationService>().CreateOrganizationAsync(name, ownerId, "owner@" + domain);
        Assert.That(organization.IsSuccess, Is.True, () => organization.Error.ToString());
        var owner = OwnerRef.Organization(organization.Value.Id);
        var domains = services.GetRequiredService<DomainClaimService>();
        Assert.That((await domains.AddDomainsAsync(owner, ownerId, [domain])).IsSuccess, Is.True);
        var instructions = (await domains.GetInstructionsAsync(owner, ownerId, domain)).Value;
        dns.Publish(instructions.Host, instructions.Value);
        Assert.That((await domains.VerifyNowAsync(owner, ownerId, domain)).IsSuccess, Is.True);
        var directories = services.GetRequiredService<DirectoryService>();
        var directory = (await directories.CreateDirectoryAsync(owner, ownerId, "Staff", DirectoryIdentityType.Federated)).Value;
        Assert.That((await directories.LinkDomainAsync(directory.Id, ownerId, domain)).IsSuccess, Is.True);
        var profile = await AddProfileAsync(directory.Id, protocol, name + " IdP", samlSettings, oidcProfile);
        var issuer = protocol == IdentityProtocol.Saml ? profile.Saml!.EntityId : profile.Oidc!.Issuer.OriginalString;
        var profiles = services.GetRequiredService<IdpProfileService>();
        var tested = await profiles.TestProfileAsync(profile.Id, ownerId, new FederatedIdentity(protocol, issuer, "owner@" + domain, protocol == IdentityProtocol.Saml ? EdgeHost.EmailFormat : "sub", services.GetRequiredService<TimeProvider>().GetUtcNow()) { Email = "owner@" + domain, EmailVerified = true });
        Assert.That(tested.Value.Passed, Is.True);
        var active = await profiles.ActivateProfileAsync(profile.Id, ownerId);
        Assert.That(active.IsSuccess, Is.True, () => active.Error.ToString());
        return (owner, directory, active.Value);
    }

    /// <summary>Adds an (untested, inactive) profile to <paramref name="directoryId"/>.</summary>
    public async Task<IdpProfileView> AddProfileAsync(DirectoryId directoryId, IdentityProtocol protocol, string name, SamlIdpSettings? samlSettings = null, NewOidcProfile? oidcProfile = null)
    {
        var profiles = services.GetRequiredService<IdpProfileService>();
        var admin = await AdministratorOfAsync(directoryId);
        var slug = Guid.NewGuid().ToString("N")[..8];
        var added = protocol == IdentityProtocol.Saml
            ? await profiles.AddSamlProfileAsync(directoryId, admin, name, samlSettings ?? new SamlIdpSettings
            {
                EntityId = "https://idp.acme.example/" + slug,
                SsoUrlRedirect = new Uri("https://idp.acme.example/sso/redirect"),
                SsoUrlPost = new Uri("https://idp.acme.example/sso/post"),
                SigningCertificates = [Certificate.Value],
                NameIdFormat = EdgeHost.EmailFormat,
            })
            : await profiles.AddOidcProfileAsync(directoryId, admin, name, oidcProfile ?? new NewOidcProfile
            {
                Settings = new OidcIdpSettings { Issuer = new Uri("https://login.acme.example/" + slug), ClientId = "fedkit-client" },
                ClientSecret = "s3cret-value",
            });
        Assert.That(added.IsSuccess, Is.True, () => added.Error.ToString());
        return added.Value;
    }

    // The acting administrator of the admin steps on a directory: the owner of the organization that owns it.
    private async Task<UserId> AdministratorOfAsync(DirectoryId directoryId)
    {
        var directory = await services.GetRequiredService<FederationKit.Stores.IDirectoryStore>().FindAsync(directoryId);
        var administrators = await services.GetRequiredService<IMembershipStore>().ListAdministratorsAsync(new OrganizationId(directory!.Owner.Id));
        return administrators.First(m => m.Role == OrganizationRole.Owner).UserId;
    }
}
