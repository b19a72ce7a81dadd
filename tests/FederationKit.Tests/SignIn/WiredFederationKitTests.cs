using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.Organizations;
using FederationKit.Tests.Directories;
using FederationKit.Tests.Domains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.SignIn;

/// <summary>
/// A base for tests that go through <c>AddFederationKit()</c> with no port filled in by hand: a fake clock, published TXT
/// records, an in-memory event sink, and the steps most stories start with (an organization, a verified domain, a federated
/// directory with an active SAML profile).
/// </summary>
public abstract class WiredFederationKitTests
{
    /// <summary>The clock every service reads.</summary>
    protected FakeTimeProvider Clock { get; private set; } = null!;

    /// <summary>The TXT records the domain checks find.</summary>
    private protected FakeDnsTxtResolver Dns { get; private set; } = null!;

    /// <summary>The services as <c>AddFederationKit()</c> registers them.</summary>
    protected ServiceProvider Services { get; private set; } = null!;

    /// <summary>The events raised so far.</summary>
    protected FederationKit.Events.InMemoryFederationEventSink Events =>
        (FederationKit.Events.InMemoryFederationEventSink)Services.GetRequiredService<FederationKit.Events.IFederationEventSink>();

    [SetUp]
    public void SetUpServices()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        Dns = new FakeDnsTxtResolver();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IDnsTxtResolver>(Dns);
        services.AddSingleton<FederationKit.Events.IFederationEventSink>(new FederationKit.Events.InMemoryFederationEventSink());
        services.AddFederationKit(Configure);
        ConfigureServices(services);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [TearDown]
    public Task TearDownServices() => Services.DisposeAsync().AsTask();

    /// <summary>Adjusts the options before the services are built; nothing by default.</summary>
    /// <param name="options">The options.</param>
    protected virtual void Configure(FederationKitOptions options)
    {
    }

    /// <summary>Replaces or decorates registrations after <c>AddFederationKit()</c>; nothing by default.</summary>
    /// <param name="services">The registrations.</param>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>The acting administrator: it creates (and so owns) every organization <see cref="NewOrganizationOwnerAsync"/> makes.</summary>
    protected UserId Admin { get; } = UserId.New();

    /// <summary>An organization named <paramref name="name"/> whose owner (<paramref name="creator"/>, by default <see cref="Admin"/>) has <paramref name="email"/>.</summary>
    protected async Task<OwnerRef> NewOrganizationOwnerAsync(string name, string email, UserId? creator = null)
    {
        var organization = await Services.GetRequiredService<OrganizationService>().CreateOrganizationAsync(name, creator ?? Admin, email);
        Assert.That(organization.IsSuccess, Is.True, () => organization.Error.ToString());
        return OwnerRef.Organization(organization.Value.Id);
    }

    /// <summary>Claims <paramref name="domain"/> for <paramref name="owner"/>, publishes its record and verifies it.</summary>
    protected async Task VerifyAsync(OwnerRef owner, string domain)
    {
        var domains = Services.GetRequiredService<DomainClaimService>();
        var added = await domains.AddDomainsAsync(owner, await AdminOfAsync(owner), [domain]);
        Assert.That(added.IsSuccess, Is.True, () => added.Error.ToString());
        Assert.That(added.Value.Single().Result.IsSuccess, Is.True, () => added.Value.Single().Result.Error.ToString());
        var instructions = (await domains.GetInstructionsAsync(owner, await AdminOfAsync(owner), domain)).Value;
        Dns.Publish(instructions.Host, DnsTxtRecord.Of(instructions.Value));
        var report = await domains.VerifyNowAsync(owner, await AdminOfAsync(owner), domain);
        Assert.That(report.IsSuccess, Is.True, () => report.Error.ToString());
    }

    /// <summary>
    /// An organization <paramref name="name"/> with <paramref name="domain"/> verified and linked to a federated directory
    /// whose SAML profile (IdP <paramref name="entityId"/>) passed its test and is active.
    /// </summary>
    protected async Task<(OwnerRef Owner, IdentityDirectory Directory, IdpProfileView Profile)> FederateAsync(
        string name = "Acme", string domain = "acme.com", string entityId = DirectoryTestContext.SamlEntityId)
    {
        var owner = await NewOrganizationOwnerAsync(name, "owner@" + domain);
        await VerifyAsync(owner, domain);
        var directories = Services.GetRequiredService<DirectoryService>();
        var directory = (await directories.CreateDirectoryAsync(owner, Admin, "Staff", DirectoryIdentityType.Federated)).Value;
        var linked = await directories.LinkDomainAsync(directory.Id, Admin, domain);
        Assert.That(linked.IsSuccess, Is.True, () => linked.Error.ToString());
        var profiles = Services.GetRequiredService<IdpProfileService>();
        var profile = (await profiles.AddSamlProfileAsync(directory.Id, Admin, name + " IdP", DirectoryTestContext.ValidSaml() with { EntityId = entityId })).Value;
        Assert.That((await profiles.TestProfileAsync(profile.Id, Admin, DirectoryTestContext.SamlIdentity(issuer: entityId))).Value.Passed, Is.True);
        return (owner, directory, (await profiles.ActivateProfileAsync(profile.Id, Admin)).Value);
    }

    /// <summary>An administrator or owner of <paramref name="owner"/> (the organization's first administrator, or the parent's first listed one).</summary>
    protected async Task<UserId> AdminOfAsync(OwnerRef owner)
    {
        if (owner.Kind == OwnerKind.ParentOrganization)
        {
            var parent = await Services.GetRequiredService<FederationKit.Stores.IParentOrganizationStore>().FindAsync(new ParentOrganizationId(owner.Id));
            return parent!.Administrators.First(a => a.IsAdministrator).UserId;
        }

        return (await Services.GetRequiredService<IMembershipStore>().ListAdministratorsAsync(new OrganizationId(owner.Id)))[0].UserId;
    }
}
