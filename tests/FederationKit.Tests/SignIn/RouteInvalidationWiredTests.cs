using FederationKit.Directories;
using FederationKit.SignIn;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Settings;
using FederationKit.Tests.Directories;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Tests.SignIn;

/// <summary>
/// Through <c>AddFederationKit()</c> (lookup mode): every kind of admin change made through the services reaches the router's
/// cache at once, without waiting for the cache lifetime and without a full rebuild.
/// </summary>
public sealed class RouteInvalidationWiredTests : WiredFederationKitTests
{
    // Long lifetimes: a change seen here was seen through invalidation, not expiry.
    protected override void Configure(FederationKitOptions options)
    {
        options.SignIn.RouteCacheTtl = TimeSpan.FromHours(1);
        options.SignIn.RouteCacheNegativeTtl = TimeSpan.FromHours(1);
    }

    private SignInRouter Router => Services.GetRequiredService<SignInRouter>();

    [Test]
    public void AddFederationKit_DefaultStores_RouterIsInLookupMode() => Assert.That(Router.IsLookupMode, Is.True);

    [Test]
    public async Task LinkDomain_AfterAnUnknownAnswerWasCached_RoutesAtOnce()
    {
        var (owner, directory, _) = await FederateAsync();
        await VerifyAsync(owner, "beta.com");
        Assert.That(await Router.RouteAsync("a@beta.com"), Is.InstanceOf<LocalRoute>());

        var linked = await Services.GetRequiredService<DirectoryService>().LinkDomainAsync(directory.Id, Admin, "beta.com");

        Assert.That(linked.IsSuccess, Is.True, () => linked.Error.ToString());
        Assert.That(await Router.RouteAsync("a@x.beta.com"), Is.InstanceOf<FederatedRoute>());
        Assert.That(await Router.RouteAsync("a@beta.com"), Is.InstanceOf<FederatedRoute>());
    }

    [Test]
    public async Task UnlinkDomain_RoutesLocallyAtOnce()
    {
        var (_, directory, _) = await FederateAsync();
        Assert.That(await Router.RouteAsync("a@sub.acme.com"), Is.InstanceOf<FederatedRoute>());

        var unlinked = await Services.GetRequiredService<DirectoryService>().UnlinkDomainAsync(directory.Id, Admin, "acme.com");

        Assert.That(unlinked.IsSuccess, Is.True, () => unlinked.Error.ToString());
        Assert.That(await Router.RouteAsync("a@sub.acme.com"), Is.InstanceOf<LocalRoute>());
    }

    [Test]
    public async Task MoveDomains_RoutesToTheTargetDirectoryAtOnce()
    {
        var (owner, source, _) = await FederateAsync();
        var directories = Services.GetRequiredService<DirectoryService>();
        var target = (await directories.CreateDirectoryAsync(owner, Admin, "Contractors", DirectoryIdentityType.Federated)).Value;
        Assert.That(((FederatedRoute)await Router.RouteAsync("a@acme.com")).DirectoryId, Is.EqualTo(source.Id));

        var moved = await directories.MoveDomainsAsync(source.Id, target.Id, Admin, ["acme.com"]);

        Assert.That(moved.IsSuccess, Is.True, () => moved.Error.ToString());
        Assert.That(await Router.RouteAsync("a@acme.com"), Is.InstanceOf<LocalRoute>(), "the target has no active profile");
    }

    [Test]
    public async Task ActivateProfile_AfterNoActiveIdpWasCached_RoutesToTheProfileAtOnce()
    {
        var owner = await NewOrganizationOwnerAsync("Acme", "owner@acme.com");
        await VerifyAsync(owner, "acme.com");
        var directories = Services.GetRequiredService<DirectoryService>();
        var directory = (await directories.CreateDirectoryAsync(owner, Admin, "Staff", DirectoryIdentityType.Federated)).Value;
        Assert.That((await directories.LinkDomainAsync(directory.Id, Admin, "acme.com")).IsSuccess, Is.True);
        Assert.That(await Router.RouteAsync("a@acme.com"), Is.InstanceOf<LocalRoute>());
        var profiles = Services.GetRequiredService<IdpProfileService>();
        var profile = (await profiles.AddSamlProfileAsync(directory.Id, Admin, "Acme IdP", DirectoryTestContext.ValidSaml())).Value;
        Assert.That((await profiles.TestProfileAsync(profile.Id, Admin, DirectoryTestContext.SamlIdentity())).Value.Passed, Is.True);

        var activated = await profiles.ActivateProfileAsync(profile.Id, Admin);

        Assert.That(activated.IsSuccess, Is.True, () => activated.Error.ToString());
        Assert.That(((FederatedRoute)await Router.RouteAsync("a@acme.com")).ProfileId, Is.EqualTo(profile.Id));
    }

    [Test]
    public async Task EnforceSso_RefusesLocalSignInAtOnce()
    {
        var (_, directory, _) = await FederateAsync();
        Assert.That((await Router.CheckLocalSignInAsync("a@acme.com", LocalSignInMethod.Password)).IsSuccess, Is.True);

        var updated = await Services.GetRequiredService<DirectorySignInSettingsService>().UpdateAsync(directory.Id, Admin, s => s with { SsoEnforced = true });

        Assert.That(updated.IsSuccess, Is.True, () => updated.Error.ToString());
        Assert.That((await Router.CheckLocalSignInAsync("a@acme.com", LocalSignInMethod.Password)).Error.Code, Is.EqualTo(SignInErrorCodes.SsoRequired));
    }
}
