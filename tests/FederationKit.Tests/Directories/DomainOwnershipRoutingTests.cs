using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Settings;
using FederationKit.Stores;
using FederationKit.Tests.Domains;
using FederationKit.Tests.SignIn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.Directories;

/// <summary>
/// Through <c>AddFederationKit()</c> with the real claim store: the owner of the most specific verified claim is the only one that
/// links, routes and provisions a domain, and when a lapsed domain is verified by a new owner the previous owner's links go at once.
/// </summary>
public sealed class DomainOwnershipRoutingTests : WiredFederationKitTests
{
    protected override void Configure(FederationKitOptions options) => options.SignIn.RouteRefreshInterval = TimeSpan.FromHours(1);

    private DirectoryService Directories => Services.GetRequiredService<DirectoryService>();

    private SignInRouter Router => Services.GetRequiredService<SignInRouter>();

    [Test]
    public async Task LinkDomain_SubdomainAnotherOwnerVerifiedFirst_IsRefusedToTheParentsOwner_AndRoutesToItsOwner()
    {
        var beta = await NewOrganizationOwnerAsync("Beta", "b@beta-corp.com");
        await VerifyAsync(beta, "eu.acme.com");
        var (acme, acmeDirectory, _) = await FederateAsync("Acme", "acme.com", "https://idp.acme.example/");
        var betaDirectory = (await Directories.CreateDirectoryAsync(beta, Admin, "EU", DirectoryIdentityType.Federated)).Value;

        var captured = await Directories.LinkDomainAsync(acmeDirectory.Id, Admin, "eu.acme.com");
        var deeper = await Directories.LinkDomainAsync(acmeDirectory.Id, Admin, "mail.eu.acme.com");

        Assert.That(captured.Error.Code, Is.EqualTo(DirectoryErrorCodes.DomainOwnedByOther));
        Assert.That(deeper.Error.Code, Is.EqualTo(DirectoryErrorCodes.DomainOwnedByOther));
        Assert.That(await Services.GetRequiredService<IVerifiedDomainQuery>().IsCoveredAsync(acme, "eu.acme.com"), Is.False);
        var own = await Directories.LinkDomainAsync(betaDirectory.Id, Admin, "eu.acme.com");
        Assert.That(own.IsSuccess, Is.True, () => own.Error.ToString());
        await Router.RefreshAsync();
        Assert.That((await Router.FindCoveringAsync("x.eu.acme.com"))!.DirectoryId, Is.EqualTo(betaDirectory.Id));
        Assert.That((await Router.FindCoveringAsync("acme.com"))!.DirectoryId, Is.EqualTo(acmeDirectory.Id));
    }

    [Test]
    public async Task Route_SubdomainAnotherOwnerVerifiedButDidNotLink_IsNotCapturedByTheParentsDirectory()
    {
        var beta = await NewOrganizationOwnerAsync("Beta", "b@beta-corp.com");
        await VerifyAsync(beta, "eu.acme.com");
        var (_, directory, profile) = await FederateAsync("Acme", "acme.com", "https://idp.acme.example/");
        Assert.That((await Services.GetRequiredService<DirectorySignInSettingsService>().UpdateAsync(directory.Id, Admin, s => s with { SsoEnforced = true })).IsSuccess, Is.True);
        await Router.RefreshAsync();

        Assert.That(await Router.RouteAsync("carol@acme.com"), Is.InstanceOf<FederatedRoute>(), "the parent itself still routes");
        Assert.That(await Router.RouteAsync("erik@eu.acme.com"), Is.InstanceOf<LocalRoute>());
        Assert.That(await Router.RouteAsync("erik@mail.eu.acme.com"), Is.InstanceOf<LocalRoute>());
        Assert.That((await Router.CheckLocalSignInAsync("erik@eu.acme.com", LocalSignInMethod.Password)).IsSuccess, Is.True, "Acme's SSO enforcement does not capture Beta's users");
        var jit = await Services.GetRequiredService<JitProvisioner>().SignInAsync(
            new SignInProfileContext(directory.Id, profile.Id), DirectoryTestContext.SamlIdentity("erik@eu.acme.com", issuer: "https://idp.acme.example/"));
        Assert.That(jit.Error.Code, Is.EqualTo(SignInErrorCodes.EmailDomainNotCovered));
    }

    [Test]
    public async Task RouteSource_LinkOfTheParentsOwnerOnASubdomainAnotherOwnerVerified_IsNotRouted()
    {
        var beta = await NewOrganizationOwnerAsync("Beta", "b@beta-corp.com");
        await VerifyAsync(beta, "eu.acme.com");
        var (acme, directory, _) = await FederateAsync("Acme", "acme.com", "https://idp.acme.example/");
        // A link stored before the rule existed.
        await Services.GetRequiredService<IDomainLinkStore>().AddAsync(new DomainLink { Domain = "eu.acme.com", Owner = acme, DirectoryId = directory.Id, LinkedAt = Clock.GetUtcNow() });

        var routes = await Services.GetRequiredService<ISignInRouteSource>().ListRoutesAsync();

        Assert.That(routes.Where(r => r.DirectoryId == directory.Id).Select(r => r.Domain), Is.EqualTo(new[] { "acme.com" }));
        var stop = routes.Single(r => r.Domain == "eu.acme.com");
        Assert.That((stop.Owner, stop.DirectoryId, stop.ActiveProfileId, stop.SsoEnforced), Is.EqualTo((beta, default(DirectoryId), (IdpProfileId?)null, false)));
    }

    [Test]
    public async Task Verify_LapsedDomainVerifiedByANewOwner_RemovesTheOutrankedLinksWithEvents_StopsRoutingAtOnce_AndTheNewOwnerLinksIt()
    {
        var (old, oldDirectory, _) = await FederateAsync("Oldco", "acme.com", "https://idp.old.example/");
        var domains = Services.GetRequiredService<DomainClaimService>();
        Assert.That((await Directories.LinkDomainAsync(oldDirectory.Id, Admin, "eu.acme.com")).IsSuccess, Is.True, "covered only through acme.com");
        Assert.That((await domains.AddDomainsAsync(old, await AdminOfAsync(old), ["shop.acme.com"])).Value.Single().Result.Value.IsVerified, Is.True, "a claim of its own");
        Assert.That((await Directories.LinkDomainAsync(oldDirectory.Id, Admin, "shop.acme.com")).IsSuccess, Is.True);
        Assert.That(await Router.RouteAsync("a@acme.com"), Is.InstanceOf<FederatedRoute>());
        var claims = Services.GetRequiredService<IDomainClaimStore>();
        var lapsed = (await claims.FindAsync(old, "acme.com"))!;
        Assert.That((await claims.UpdateAsync(lapsed with { State = DomainClaimState.Lapsed })).IsSuccess, Is.True);
        var newOwner = await NewOrganizationOwnerAsync("Newco", "n@newco.example");

        await VerifyAsync(newOwner, "acme.com");

        var links = Services.GetRequiredService<IDomainLinkStore>();
        Assert.That(await links.FindAsync("acme.com"), Is.Null);
        Assert.That(await links.FindAsync("eu.acme.com"), Is.Null);
        Assert.That((await links.FindAsync("shop.acme.com"))!.DirectoryId, Is.EqualTo(oldDirectory.Id), "the old owner verified shop.acme.com itself");
        var removed = Events.OfType<DomainLinkRemovedOwnershipChanged>().ToList();
        Assert.That(removed.Select(e => e.Domain), Is.EquivalentTo(new[] { "acme.com", "eu.acme.com" }));
        Assert.That(removed, Has.All.Matches<DomainLinkRemovedOwnershipChanged>(e =>
            e.Type == DirectoryEventTypes.DomainLinkRemovedOwnershipChanged && e.Owner == old && e.DirectoryId == oldDirectory.Id && e.NewOwner == newOwner && e.VerifiedDomain == "acme.com"));
        Assert.That(Router.Route("a@acme.com"), Is.InstanceOf<LocalRoute>(), "no wait for the refresh interval");
        Assert.That(Router.Route("a@eu.acme.com"), Is.InstanceOf<LocalRoute>());
        Assert.That(((FederatedRoute)Router.Route("a@shop.acme.com")).DirectoryId, Is.EqualTo(oldDirectory.Id));
        var newDirectory = (await Directories.CreateDirectoryAsync(newOwner, Admin, "Staff", DirectoryIdentityType.Federated)).Value;
        var linked = await Directories.LinkDomainAsync(newDirectory.Id, Admin, "acme.com");
        Assert.That(linked.IsSuccess, Is.True, () => linked.Error.ToString());
        Assert.That((await Directories.LinkDomainAsync(newDirectory.Id, Admin, "eu.acme.com")).IsSuccess, Is.True);
        Assert.That((await Directories.LinkDomainAsync(newDirectory.Id, Admin, "shop.acme.com")).Error.Code, Is.EqualTo(DirectoryErrorCodes.DomainOwnedByOther));
    }

    [Test]
    public async Task LinkDomain_OtherOwnersLinkOutrankedSinceItsClaimLapsed_IsReplacedWithAnEvent()
    {
        var beta = await NewOrganizationOwnerAsync("Beta", "b@beta-corp.com");
        await VerifyAsync(beta, "eu.acme.com");
        var betaDirectory = (await Directories.CreateDirectoryAsync(beta, Admin, "EU", DirectoryIdentityType.Federated)).Value;
        Assert.That((await Directories.LinkDomainAsync(betaDirectory.Id, Admin, "eu.acme.com")).IsSuccess, Is.True);
        var (acme, acmeDirectory, _) = await FederateAsync("Acme", "acme.com", "https://idp.acme.example/");
        var claims = Services.GetRequiredService<IDomainClaimStore>();
        var lapsed = (await claims.FindAsync(beta, "eu.acme.com"))!;
        Assert.That((await claims.UpdateAsync(lapsed with { State = DomainClaimState.Lapsed })).IsSuccess, Is.True);

        var linked = await Directories.LinkDomainAsync(acmeDirectory.Id, Admin, "eu.acme.com");

        Assert.That(linked.IsSuccess, Is.True, () => linked.Error.ToString());
        Assert.That((await Services.GetRequiredService<IDomainLinkStore>().FindAsync("eu.acme.com"))!.DirectoryId, Is.EqualTo(acmeDirectory.Id));
        var removed = Events.OfType<DomainLinkRemovedOwnershipChanged>().Single();
        Assert.That((removed.Owner, removed.DirectoryId, removed.Domain, removed.NewOwner, removed.VerifiedDomain), Is.EqualTo((beta, betaDirectory.Id, "eu.acme.com", acme, (string?)null)));
    }
}
