using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Provisioning;
using FederationKit.Tests.SignIn;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Tests.Directories;

/// <summary>
/// With a verified-domain query that cannot list every verified domain (a custom claim store, or a caching wrapper), the
/// routing index cannot see that another owner verified a subdomain; just-in-time provisioning still asks who owns the
/// email's domain and refuses the parent's owner.
/// </summary>
public sealed class DomainOwnershipWithoutListerTests : WiredFederationKitTests
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IVerifiedDomainQuery>(sp => new QueryWithoutLister(sp.GetRequiredService<FederationKit.Domains.IDomainClaimStore>()));

    [Test]
    public async Task SignIn_SubdomainAnotherOwnerVerified_IsRefusedToTheParentsDirectory()
    {
        var beta = await NewOrganizationOwnerAsync("Beta", "b@beta-corp.com");
        await VerifyAsync(beta, "eu.acme.com");
        var (_, directory, profile) = await FederateAsync();

        var signedIn = await Services.GetRequiredService<JitProvisioner>()
            .SignInAsync(new SignInProfileContext(directory.Id, profile.Id), DirectoryTestContext.SamlIdentity("erik@eu.acme.com"));

        Assert.That(signedIn.IsFailure, Is.True, "provisioned by the parent's owner");
        Assert.That(signedIn.Error.Code, Is.EqualTo(SignInErrorCodes.EmailDomainNotCovered));
    }

    [Test]
    public async Task SignIn_TheParentsOwnDomain_StillProvisions()
    {
        var (_, directory, profile) = await FederateAsync();

        var signedIn = await Services.GetRequiredService<JitProvisioner>()
            .SignInAsync(new SignInProfileContext(directory.Id, profile.Id), DirectoryTestContext.SamlIdentity("carol@acme.com"));

        Assert.That(signedIn.IsSuccess, Is.True, () => signedIn.Error.ToString());
    }

    /// <summary>Answers coverage only: no way to list the verified domains.</summary>
    private sealed class QueryWithoutLister(IVerifiedDomainQuery inner) : IVerifiedDomainQuery
    {
        public Task<bool> IsCoveredAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default) =>
            inner.IsCoveredAsync(owner, domain, cancellationToken);
    }
}
