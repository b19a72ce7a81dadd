using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Domains;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using FederationKit.Tests.Directories;
using FederationKit.Tests.Domains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.DirectoryTrust;

/// <summary>
/// Through <c>AddFederationKit()</c>: when a trust ends (revoked by the owner or withdrawn by the trustee), every member the
/// trustee organization reached through the directory leaves it with its Business-ID profile, whether JIT added it at sign-in
/// or an admin added it by hand, and the next sign-in does not add it back.
/// </summary>
public sealed class TrustEndRemovesReachedMembersTests
{
    private FakeTimeProvider _clock = null!;
    private FakeDnsTxtResolver _dns = null!;
    private ServiceProvider _services = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        _dns = new FakeDnsTxtResolver();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IDnsTxtResolver>(_dns);
        services.AddSingleton<FederationKit.Events.IFederationEventSink>(new FederationKit.Events.InMemoryFederationEventSink());
        services.AddFederationKit();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [TearDown]
    public Task TearDown() => _services.DisposeAsync().AsTask();

    [TestCase(true)]
    [TestCase(false)]
    public async Task RevokeOrWithdraw_MembersJitAddedThroughTheTrust_LeaveWithTheirProfiles_AndAreNotAddedBackAtSignIn(bool revoke)
    {
        var (owner, directory, profile) = await FederateAcmeAsync();
        var beta = new OrganizationId((await NewOrganizationOwnerAsync("Beta", "bea@beta-corp.com")).Id);
        var trust = _services.GetRequiredService<DirectoryTrustService>();
        var request = (await trust.RequestAsync(beta, "acme.com", new TrustRequester(UserId.New(), "Bea", "bea@beta-corp.com", "Beta"))).Value;
        Assert.That((await trust.AcceptAsync(owner, [request.Id])).IsSuccess, Is.True);
        var jit = _services.GetRequiredService<JitProvisioner>();
        var context = new SignInProfileContext(directory.Id, profile.Id);
        var first = await jit.SignInAsync(context, DirectoryTestContext.SamlIdentity("carol@acme.com"));
        Assert.That(first.IsSuccess, Is.True, () => first.Error.ToString());
        var carol = first.Value.UserId;
        Assert.That(first.Value.Memberships.Single(m => m.OrganizationId == beta).UserType, Is.EqualTo(MemberUserType.Business), "JIT added Carol to Beta through the trust");
        var dave = UserId.New();
        Assert.That((await trust.AddTrusteeUserAsync(beta, request.Id, dave, "dave.smith@acme.com")).IsSuccess, Is.True);
        var organizations = _services.GetRequiredService<IOrganizationStore>();
        var profiles = _services.GetRequiredService<IMemberProfileStore>();
        Assert.That(await profiles.FindAsync(beta, carol), Is.Not.Null);
        Assert.That(await profiles.FindAsync(beta, dave), Is.Not.Null);

        var ended = revoke ? await trust.RevokeAsync(owner, request.Id) : await trust.WithdrawAsync(beta, request.Id);

        Assert.That(ended.IsSuccess, Is.True, () => ended.Error.ToString());
        var betaAfter = (await organizations.FindAsync(beta))!;
        Assert.That(betaAfter.FindMember(carol), Is.Null, "the JIT-added member left the trustee organization");
        Assert.That(betaAfter.FindMember(dave), Is.Null, "the member added by hand left too");
        Assert.That(betaAfter.Members, Has.Count.EqualTo(1), "Beta's own owner stays");
        Assert.That(await profiles.FindAsync(beta, carol), Is.Null, "Carol's Business-ID profile in Beta is gone");
        Assert.That(await profiles.FindAsync(beta, dave), Is.Null, "Dave's Business-ID profile in Beta is gone");
        Assert.That((await organizations.FindAsync(new OrganizationId(owner.Id)))!.FindMember(carol), Is.Not.Null, "Carol stays in her own organization");
        var events = (FederationKit.Events.InMemoryFederationEventSink)_services.GetRequiredService<FederationKit.Events.IFederationEventSink>();
        Assert.That(events.OfType<TrusteeUserChanged>().Where(e => e.Type == DirectoryEventTypes.TrusteeUserRemoved).Select(e => e.UserId), Is.EquivalentTo(new[] { carol, dave }));

        var again = await jit.SignInAsync(context, DirectoryTestContext.SamlIdentity("carol@acme.com"));

        Assert.That(again.IsSuccess, Is.True, () => again.Error.ToString());
        Assert.That(again.Value.Memberships.Select(m => m.OrganizationId), Does.Not.Contain(beta), "the ended trust adds nobody back");
        Assert.That((await organizations.FindAsync(beta))!.FindMember(carol), Is.Null);
        Assert.That(await profiles.FindAsync(beta, carol), Is.Null);
    }

    private async Task<(OwnerRef Owner, IdentityDirectory Directory, IdpProfileView Profile)> FederateAcmeAsync()
    {
        var owner = await NewOrganizationOwnerAsync("Acme", "owner@acme.com");
        await VerifyAsync(owner, "acme.com");
        var directories = _services.GetRequiredService<DirectoryService>();
        var directory = (await directories.CreateDirectoryAsync(owner, "Staff", DirectoryIdentityType.Federated)).Value;
        Assert.That((await directories.LinkDomainAsync(directory.Id, "acme.com")).IsSuccess, Is.True);
        var profiles = _services.GetRequiredService<IdpProfileService>();
        var profile = (await profiles.AddSamlProfileAsync(directory.Id, "Acme IdP", DirectoryTestContext.ValidSaml())).Value;
        Assert.That((await profiles.TestProfileAsync(profile.Id, DirectoryTestContext.SamlIdentity())).Value.Passed, Is.True);
        return (owner, directory, (await profiles.ActivateProfileAsync(profile.Id)).Value);
    }

    private async Task<OwnerRef> NewOrganizationOwnerAsync(string name, string email)
    {
        var organization = await _services.GetRequiredService<OrganizationService>().CreateOrganizationAsync(name, UserId.New(), email);
        Assert.That(organization.IsSuccess, Is.True, () => organization.Error.ToString());
        return OwnerRef.Organization(organization.Value.Id);
    }

    private async Task VerifyAsync(OwnerRef owner, string domain)
    {
        var domains = _services.GetRequiredService<DomainClaimService>();
        Assert.That((await domains.AddDomainsAsync(owner, [domain])).IsSuccess, Is.True);
        var instructions = (await domains.GetInstructionsAsync(owner, domain)).Value;
        _dns.Publish(instructions.Host, DnsTxtRecord.Of(instructions.Value));
        var report = await domains.VerifyNowAsync(owner, domain);
        Assert.That(report.IsSuccess, Is.True, () => report.Error.ToString());
    }
}
