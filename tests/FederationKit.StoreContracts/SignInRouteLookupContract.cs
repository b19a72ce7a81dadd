using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Settings;
using FederationKit.Stores;

namespace FederationKit.StoreContracts;

/// <summary>
/// The behaviour every <see cref="ISignInRouteLookup"/> must have, over the stores it reads: verified, linked domains of a
/// federated directory route with its active profile and settings; unverified ones never do; a parent's claim covers a linked
/// subdomain of the same owner; another owner's verified subdomain stops the lookup; and, where the fixture can count them, at
/// most one database command per call.
/// </summary>
public abstract class SignInRouteLookupContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Returns a lookup over new, empty stores.</summary>
    protected abstract Task<RouteLookupFixture> CreateAsync();

    [Test]
    public async Task Find_VerifiedLinkedDomainWithActiveProfile_ReturnsTheRouteWithProfileAndSettings()
    {
        var f = await CreateAsync();
        var owner = NewOwner();
        var directory = await AddDirectoryAsync(f, owner);
        var profile = await AddProfileAsync(f, directory, owner, active: true);
        await f.Settings.SaveAsync(DirectorySignInSettings.DefaultFor(directory) with { SsoEnforced = true, IdpDisplayName = "Acme Okta" });
        await VerifyAsync(f, owner, "acme.com");
        await LinkAsync(f, owner, directory, "acme.com");

        var entries = await f.Lookup.FindAsync(["a.eu.acme.com", "eu.acme.com", "acme.com", "com"]);

        var route = entries.Single();
        Assert.That((route.Domain, route.DirectoryId, route.Owner, route.ActiveProfileId, route.Protocol, route.SsoEnforced, route.IdpDisplayName),
            Is.EqualTo(("acme.com", directory, owner, (IdpProfileId?)profile, (IdentityProtocol?)IdentityProtocol.Saml, true, "Acme Okta")));
    }

    [Test]
    public async Task WarmUp_EmptyStoresThenAStoredLink_SucceedsAndReadsOneLinkWithOneLookup()
    {
        var f = await CreateAsync();
        if (f.Lookup is not ISignInRouteLookupWarmUp warmUp)
        {
            Assert.Ignore("This lookup has no warm-up.");
            return;
        }

        await warmUp.WarmUpAsync();
        var owner = NewOwner();
        var directory = await AddDirectoryAsync(f, owner);
        await AddProfileAsync(f, directory, owner, active: true);
        await f.Settings.SaveAsync(DirectorySignInSettings.DefaultFor(directory) with { SsoEnforced = true });
        await VerifyAsync(f, owner, "acme.com");
        await LinkAsync(f, owner, directory, "acme.com");
        var before = f.CommandCount?.Invoke();

        await warmUp.WarmUpAsync();

        if (before is { } count)
        {
            Assert.That(f.CommandCount!() - count, Is.EqualTo(2), "one read of a stored domain, one lookup of its suffixes (rows and settings materialized)");
        }
    }

    [Test]
    public async Task Find_NoActiveProfileNoSettings_ReturnsTheRouteWithoutProfileNamedAfterNothing()
    {
        var f = await CreateAsync();
        var owner = NewOwner();
        var directory = await AddDirectoryAsync(f, owner);
        await AddProfileAsync(f, directory, owner, active: false);
        await VerifyAsync(f, owner, "acme.com");
        await LinkAsync(f, owner, directory, "acme.com");

        var route = (await f.Lookup.FindAsync(["acme.com", "com"])).Single();

        Assert.That((route.ActiveProfileId, route.Protocol, route.SsoEnforced, route.IdpDisplayName), Is.EqualTo(((IdpProfileId?)null, (IdentityProtocol?)null, false, string.Empty)));
    }

    [Test]
    public async Task Find_LinkedButUnverifiedDomain_ReturnsNothing()
    {
        var f = await CreateAsync();
        var owner = NewOwner();
        var directory = await AddDirectoryAsync(f, owner);
        await AddProfileAsync(f, directory, owner, active: true);
        await f.Claims.AddAsync(Claim(owner, "acme.com", DomainClaimState.Pending));
        await LinkAsync(f, owner, directory, "acme.com");

        Assert.That(await f.Lookup.FindAsync(["acme.com", "com"]), Is.Empty);
    }

    [Test]
    public async Task Find_LinkedDomainVerifiedByAnotherOwner_ReturnsOnlyAStopEntryOrNothing()
    {
        var f = await CreateAsync();
        var owner = NewOwner();
        var directory = await AddDirectoryAsync(f, owner);
        await AddProfileAsync(f, directory, owner, active: true);
        await VerifyAsync(f, NewOwner(), "acme.com");
        await LinkAsync(f, owner, directory, "acme.com");

        var entries = await f.Lookup.FindAsync(["acme.com", "com"]);

        Assert.That(entries.Where(e => e.DirectoryId != default), Is.Empty);
    }

    [Test]
    public async Task Find_SubdomainCoveredByTheOwnersVerifiedParent_RoutesLongestFirstBoth()
    {
        var f = await CreateAsync();
        var owner = NewOwner();
        var parent = await AddDirectoryAsync(f, owner, "Parent");
        var eu = await AddDirectoryAsync(f, owner, "Europe");
        await AddProfileAsync(f, parent, owner, active: true);
        await AddProfileAsync(f, eu, owner, active: true);
        await VerifyAsync(f, owner, "acme.com");
        await LinkAsync(f, owner, parent, "acme.com");
        await LinkAsync(f, owner, eu, "eu.acme.com");

        var entries = await f.Lookup.FindAsync(["x.eu.acme.com", "eu.acme.com", "acme.com", "com"]);

        Assert.That(entries.Select(e => (e.Domain, e.DirectoryId)), Is.EquivalentTo(new[] { ("eu.acme.com", eu), ("acme.com", parent) }));
    }

    [Test]
    public async Task Find_AnotherOwnersVerifiedSubdomainUnderARoutedParent_ReturnsAStopEntryWithoutDirectory()
    {
        var f = await CreateAsync();
        var owner = NewOwner();
        var other = NewOwner();
        var directory = await AddDirectoryAsync(f, owner);
        await AddProfileAsync(f, directory, owner, active: true);
        await VerifyAsync(f, owner, "acme.com");
        await VerifyAsync(f, other, "labs.acme.com");
        await LinkAsync(f, owner, directory, "acme.com");

        var entries = await f.Lookup.FindAsync(["x.labs.acme.com", "labs.acme.com", "acme.com", "com"]);

        Assert.That(entries.Select(e => (e.Domain, e.Owner, e.DirectoryId)),
            Is.EquivalentTo(new[] { ("labs.acme.com", other, default(DirectoryId)), ("acme.com", owner, directory) }));
    }

    [Test]
    public async Task Find_DirectoryBeingDeletedOrNotFederated_ReturnsNothing()
    {
        var f = await CreateAsync();
        var owner = NewOwner();
        var deleting = await AddDirectoryAsync(f, owner, "Deleting", beingDeleted: true);
        var local = await AddDirectoryAsync(f, owner, "Local", type: DirectoryIdentityType.Enterprise);
        await VerifyAsync(f, owner, "acme.com");
        await VerifyAsync(f, owner, "beta.com");
        await LinkAsync(f, owner, deleting, "acme.com");
        await LinkAsync(f, owner, local, "beta.com");

        Assert.That(await f.Lookup.FindAsync(["acme.com", "com"]), Is.Empty);
        Assert.That(await f.Lookup.FindAsync(["beta.com", "com"]), Is.Empty);
    }

    [Test]
    public async Task Find_ManySuffixesAndRows_RunsAtMostOneCommand()
    {
        var f = await CreateAsync();
        if (f.CommandCount is null)
        {
            Assert.Ignore("This lookup does not run database commands.");
        }

        var owner = NewOwner();
        var parent = await AddDirectoryAsync(f, owner, "Parent");
        var eu = await AddDirectoryAsync(f, owner, "Europe");
        await AddProfileAsync(f, parent, owner, active: true);
        await f.Settings.SaveAsync(DirectorySignInSettings.DefaultFor(eu) with { SsoEnforced = true });
        await VerifyAsync(f, owner, "acme.com");
        await VerifyAsync(f, NewOwner(), "labs.eu.acme.com");
        await LinkAsync(f, owner, parent, "acme.com");
        await LinkAsync(f, owner, eu, "eu.acme.com");
        var before = f.CommandCount();

        var entries = await f.Lookup.FindAsync(["a.b.labs.eu.acme.com", "b.labs.eu.acme.com", "labs.eu.acme.com", "eu.acme.com", "acme.com", "com"]);

        Assert.That(f.CommandCount() - before, Is.EqualTo(1));
        Assert.That(entries.Select(e => e.Domain), Is.EquivalentTo(new[] { "labs.eu.acme.com", "eu.acme.com", "acme.com" }));
    }

    private static OwnerRef NewOwner() => OwnerRef.Organization(OrganizationId.New());

    private static DomainClaim Claim(OwnerRef owner, string domain, DomainClaimState state) => new()
    {
        Id = DomainClaimId.New(),
        Owner = owner,
        Domain = domain,
        State = state,
        CreatedAt = Now,
        VerificationDeadline = Now.AddDays(7),
        VerifiedAt = state == DomainClaimState.Verified ? Now : null,
        NextCheckAt = Now,
    };

    private static async Task VerifyAsync(RouteLookupFixture f, OwnerRef owner, string domain) =>
        Assert.That((await f.Claims.AddAsync(Claim(owner, domain, DomainClaimState.Verified))).IsSuccess, Is.True);

    private static async Task LinkAsync(RouteLookupFixture f, OwnerRef owner, DirectoryId directory, string domain) =>
        Assert.That((await f.Links.AddAsync(new DomainLink { Domain = domain, Owner = owner, DirectoryId = directory, LinkedAt = Now })).IsSuccess, Is.True);

    private static async Task<DirectoryId> AddDirectoryAsync(
        RouteLookupFixture f, OwnerRef owner, string name = "Acme", bool beingDeleted = false, DirectoryIdentityType type = DirectoryIdentityType.Federated)
    {
        var added = await f.Directories.AddAsync(new IdentityDirectory
        {
            Id = DirectoryId.New(),
            Owner = owner,
            Name = name,
            IdentityType = type,
            IsBeingDeleted = beingDeleted,
            CreatedAt = Now,
        });
        return added.Value.Id;
    }

    private static async Task<IdpProfileId> AddProfileAsync(RouteLookupFixture f, DirectoryId directory, OwnerRef owner, bool active)
    {
        var added = await f.Profiles.AddAsync(new IdpProfile
        {
            Id = IdpProfileId.New(),
            DirectoryId = directory,
            Owner = owner,
            Name = "Okta",
            Protocol = IdentityProtocol.Saml,
            IsActive = active,
            Saml = new SamlIdpSettings
            {
                EntityId = "https://idp.example/" + directory,
                SsoUrlPost = new Uri("https://idp.example/sso"),
                SigningCertificates = ImmutableArray.Create("MIIB"),
                NameIdFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
            },
            CreatedAt = Now,
        });
        return added.Value.Id;
    }
}

/// <summary>A lookup and the stores it reads.</summary>
/// <param name="Lookup">The lookup under test.</param>
/// <param name="Links">The domain link store.</param>
/// <param name="Claims">The domain claim store.</param>
/// <param name="Directories">The directory store.</param>
/// <param name="Profiles">The IdP profile store.</param>
/// <param name="Settings">The sign-in settings store.</param>
/// <param name="CommandCount">How many database commands ran so far; null when the lookup runs none.</param>
public sealed record RouteLookupFixture(
    ISignInRouteLookup Lookup,
    IDomainLinkStore Links,
    IDomainClaimStore Claims,
    IDirectoryStore Directories,
    IIdpProfileStore Profiles,
    IDirectorySignInSettingsStore Settings,
    Func<int>? CommandCount);
