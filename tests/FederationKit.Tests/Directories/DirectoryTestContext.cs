using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Stores;
using FederationKit.SignIn.Wiring;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.Directories;

/// <summary>A fake of the domain-claims part: which owner verified which domain; the most specific verified domain decides.</summary>
internal sealed class FakeDomainRegistry : IVerifiedDomainQuery, IDomainOwnerQuery
{
    private readonly ConcurrentDictionary<string, OwnerRef> _verified = new(StringComparer.Ordinal);

    public void Verify(OwnerRef owner, string domain) => _verified[domain] = owner;

    public async Task<bool> IsCoveredAsync(OwnerRef owner, string domain, CancellationToken cancellationToken = default) =>
        await FindOwnerAsync(domain, cancellationToken) == owner;

    public Task<OwnerRef?> FindOwnerAsync(string domain, CancellationToken cancellationToken = default) =>
        Task.FromResult<OwnerRef?>(_verified.Where(kv => domain == kv.Key || domain.EndsWith("." + kv.Key, StringComparison.Ordinal))
            .OrderByDescending(kv => kv.Key.Length).Select(kv => (OwnerRef?)kv.Value).FirstOrDefault());
}

/// <summary>Every store, service and fake wired together on the in-memory stores.</summary>
internal sealed class DirectoryTestContext
{
    public const string SamlEntityId = "https://idp.acme.example/saml";
    public const string EmailFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
    public const string PersistentFormat = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    public static readonly Uri OidcIssuer = new("https://login.acme.example/");

    private static readonly Lazy<string> Certificate = new(() =>
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=idp.acme.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return Convert.ToBase64String(cert.RawData);
    });

    public DirectoryTestContext()
    {
        Directories = new InMemoryDirectoryStore();
        Profiles = new InMemoryIdpProfileStore();
        Links = new InMemoryDomainLinkStore();
        Trust = new InMemoryDirectoryTrustStore();
        Organizations = new InMemoryOrganizationStore();
        Secrets = new InMemorySecretStore();
        Users = new InMemoryFederatedUserStore();
        Memberships = new InMemoryMembershipStore();
        Committer = new ChangeSetCommitter(new InMemoryChangeSetStore(Users, Memberships), Events);
        UserCount = new FederatedUserDirectoryCount(Users);
        Administrators = new OwnerAdministrators(Parents, new AdminEverywhereMemberships(Memberships, Admin));
        DirectoryService = new DirectoryService(Directories, Profiles, Links, Trust, Domains, Secrets, Events, Clock, UserCount, Administrators, domainOwners: Domains);
        ProfileService = new IdpProfileService(Directories, Profiles, Secrets, Events, Clock, UserCount, Administrators);
        TrustService = new DirectoryTrustService(Trust, Directories, Links, Domains, Organizations, Memberships, Users, Committer, Administrators, Events, Clock, TrustOptions);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public InMemoryFederationEventSink Events { get; } = new();

    public FakeDomainRegistry Domains { get; } = new();

    public DirectoryTrustOptions TrustOptions { get; } = new();

    public InMemoryDirectoryStore Directories { get; }

    public InMemoryIdpProfileStore Profiles { get; }

    public InMemoryDomainLinkStore Links { get; }

    public InMemoryDirectoryTrustStore Trust { get; }

    public InMemoryOrganizationStore Organizations { get; }

    public InMemorySecretStore Secrets { get; }

    public InMemoryFederatedUserStore Users { get; }

    public InMemoryMembershipStore Memberships { get; }

    public ChangeSetCommitter Committer { get; }

    /// <summary>The acting user of the tests: it administers every organization (see <see cref="AdminEverywhereMemberships"/>).</summary>
    public UserId Admin { get; } = UserId.New();

    /// <summary>The parent organizations (empty unless a test adds one).</summary>
    public InMemoryParentOrganizationStore Parents { get; } = new();

    /// <summary>The authorization check the services are built with: <see cref="Admin"/> administers every organization; anyone else only what the stores say.</summary>
    public OwnerAdministrators Administrators { get; }

    /// <summary>The user counts (queries on <see cref="Users"/>) the services are built with.</summary>
    public FederatedUserDirectoryCount UserCount { get; }

    /// <summary>An owner that holds nothing in the test (for wrong-party cases), the same on every read.</summary>
    public OwnerRef OtherOwner { get; } = NewOwner();

    /// <summary>An organization that is not stored (for wrong-party and not-found cases), the same on every read.</summary>
    public OrganizationId OtherOrganizationId { get; } = OrganizationId.New();

    public DirectoryService DirectoryService { get; }

    public IdpProfileService ProfileService { get; }

    public DirectoryTrustService TrustService { get; }

    public static string CertificateBase64 => Certificate.Value;

    public static SamlIdpSettings ValidSaml() => new()
    {
        EntityId = SamlEntityId,
        SsoUrlRedirect = new Uri("https://idp.acme.example/sso/redirect"),
        SsoUrlPost = new Uri("https://idp.acme.example/sso/post"),
        SigningCertificates = [CertificateBase64],
        NameIdFormat = EmailFormat,
    };

    public static NewOidcProfile ValidOidc() => new()
    {
        Settings = new OidcIdpSettings { Issuer = OidcIssuer, ClientId = "fedkit-client" },
        ClientSecret = "s3cret-value",
    };

    public static FederatedIdentity SamlIdentity(string subject = "alice@acme.com", string format = EmailFormat, string issuer = SamlEntityId) =>
        new(IdentityProtocol.Saml, issuer, subject, format, new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)) { Email = subject, EmailVerified = true };

    public static FederatedIdentity OidcIdentity(string subject = "248289761001", string claim = "sub") =>
        new(IdentityProtocol.Oidc, OidcIssuer.OriginalString, subject, claim, new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public static OwnerRef NewOwner() => OwnerRef.Organization(OrganizationId.New());

    public async Task<IdentityDirectory> FederatedDirectoryAsync(OwnerRef owner, string name = "Staff", bool encrypted = false) =>
        (await DirectoryService.CreateDirectoryAsync(owner, await ActorForAsync(owner), name, DirectoryIdentityType.Federated, encrypted)).Value;

    /// <summary>Who arranges things for <paramref name="owner"/>: <see cref="Admin"/> for an organization, a listed administrator for a parent (created with it when missing).</summary>
    public async Task<UserId> ActorForAsync(OwnerRef owner) => owner.Kind == OwnerKind.ParentOrganization ? await AdminAsync(owner) : Admin;

    public async Task<IdentityDirectory> LinkedDirectoryAsync(OwnerRef owner, string domain, string name = "Staff")
    {
        var directory = await FederatedDirectoryAsync(owner, name);
        Domains.Verify(owner, domain);
        Assert.That((await DirectoryService.LinkDomainAsync(directory.Id, await ActorForAsync(owner), domain)).IsSuccess, Is.True);
        return directory;
    }

    public async Task<IdpProfileView> ActiveSamlProfileAsync(DirectoryId directoryId, string name = "Old IdP")
    {
        var profile = (await ProfileService.AddSamlProfileAsync(directoryId, Admin, name, ValidSaml())).Value;
        Assert.That((await ProfileService.TestProfileAsync(profile.Id, Admin, SamlIdentity())).Value.Passed, Is.True);
        return (await ProfileService.ActivateProfileAsync(profile.Id, Admin)).Value;
    }

    public async Task<Organization> NewOrganizationAsync(string name)
    {
        var organization = new Organization
        {
            Id = OrganizationId.New(),
            Name = name,
            CreatedAt = Clock.GetUtcNow(),
        };
        var added = (await Organizations.AddAsync(organization)).Value;
        var owner = MembershipChanges.NewLocalMember(added.Id, UserId.New(), "owner@" + name.ToLowerInvariant() + ".example", OrganizationRole.Owner, Clock.GetUtcNow());
        Assert.That((await Memberships.FindAsync(added.Id, owner.UserId)) is null && (await new ChangeSetCommitter(new InMemoryChangeSetStore(Users, Memberships), new NullFederationEventSink()).CommitAsync(MembershipChanges.Join(owner))).IsSuccess, Is.True);
        return added;
    }

    /// <summary>What a first sign-in through <paramref name="profileId"/> stores for the count queries: a user of its directory that records the profile.</summary>
    public async Task<UserId> SignedInUserAsync(IdpProfileId profileId, FederatedIdentity identity)
    {
        var profile = (await Profiles.FindAsync(profileId))!;
        var now = Clock.GetUtcNow();
        var user = new FederatedUser
        {
            Id = UserId.New(), DirectoryId = profile.DirectoryId, Subject = identity.Subject, Email = identity.Email ?? string.Empty,
            CreatedAt = now, LastSignInAt = now, ProfileId = profileId,
        };
        var added = await Users.AddAsync(user);
        Assert.That(added.IsSuccess, Is.True, () => added.Error.ToString());
        return user.Id;
    }

    /// <summary>
    /// An administrator of <paramref name="owner"/>: for an organization its first administrator or owner, else a new admin
    /// member (an organization used only as a directory owner has none); for a parent organization a new listed administrator.
    /// </summary>
    public async Task<UserId> AdminAsync(OwnerRef owner)
    {
        if (owner.Kind == OwnerKind.ParentOrganization)
        {
            var parentId = new ParentOrganizationId(owner.Id);
            var parent = await Parents.FindAsync(parentId);
            if (parent?.Administrators.FirstOrDefault(a => a.IsAdministrator) is { } listed)
            {
                return listed.UserId;
            }

            var userId = UserId.New();
            var administrator = new OrganizationMember(userId, "parent-admin@" + owner.Id.ToString("N")[..8] + ".example", OrganizationRole.Owner);
            var saved = parent is null
                ? await Parents.AddAsync(new ParentOrganization { Id = parentId, Name = "Parent", CreatedAt = Clock.GetUtcNow(), Administrators = [administrator] })
                : await Parents.UpdateAsync(parent with { Administrators = parent.Administrators.Add(administrator) });
            Assert.That(saved.IsSuccess, Is.True);
            return userId;
        }

        var organizationId = new OrganizationId(owner.Id);
        if (await Memberships.ListAdministratorsAsync(organizationId) is [var existing, ..])
        {
            return existing.UserId;
        }

        var admin = MembershipChanges.NewLocalMember(organizationId, UserId.New(), "admin@owner-" + owner.Id.ToString("N")[..8] + ".example", OrganizationRole.Admin, Clock.GetUtcNow());
        Assert.That((await new ChangeSetCommitter(new InMemoryChangeSetStore(Users, Memberships), new NullFederationEventSink()).CommitAsync(MembershipChanges.Join(admin))).IsSuccess, Is.True);
        return admin.UserId;
    }

    /// <summary>An administrator of the organization <paramref name="organizationId"/> (see <see cref="AdminAsync(OwnerRef)"/>).</summary>
    public Task<UserId> AdminAsync(OrganizationId organizationId) => AdminAsync(OwnerRef.Organization(organizationId));

    /// <summary>The owner <see cref="NewOrganizationAsync"/> added.</summary>
    public async Task<Membership> OwnerOfAsync(OrganizationId organization) =>
        (await Memberships.ListAdministratorsAsync(organization)).Single(m => m.Role == OrganizationRole.Owner);
}

/// <summary>
/// The memberships as stored, except that one user (the tests' acting administrator) is an administrator of every
/// organization, so tests of what the services do need not build each owner; authorization tests use other users.
/// </summary>
internal sealed class AdminEverywhereMemberships(IMembershipStore inner, UserId admin) : IMembershipStore
{
    public Task<Membership?> FindAsync(OrganizationId organizationId, UserId userId, CancellationToken cancellationToken = default) =>
        userId == admin
            ? Task.FromResult<Membership?>(new Membership { OrganizationId = organizationId, UserId = userId, Role = OrganizationRole.Admin, JoinedAt = DateTimeOffset.UnixEpoch })
            : inner.FindAsync(organizationId, userId, cancellationToken);

    public Task<Membership?> FindByUsernameAsync(OrganizationId organizationId, string username, CancellationToken cancellationToken = default) => inner.FindByUsernameAsync(organizationId, username, cancellationToken);

    public Task<IReadOnlyList<Membership>> ListByUserAsync(UserId userId, CancellationToken cancellationToken = default) => inner.ListByUserAsync(userId, cancellationToken);

    public Task<IReadOnlyList<Membership>> ListByOrganizationAsync(OrganizationId organizationId, UserId? after, int limit, CancellationToken cancellationToken = default) => inner.ListByOrganizationAsync(organizationId, after, limit, cancellationToken);

    public Task<IReadOnlyList<Membership>> ListByDirectoryAsync(OrganizationId organizationId, DirectoryId directoryId, CancellationToken cancellationToken = default) => inner.ListByDirectoryAsync(organizationId, directoryId, cancellationToken);

    public Task<IReadOnlyList<Membership>> ListAdministratorsAsync(OrganizationId organizationId, CancellationToken cancellationToken = default) => inner.ListAdministratorsAsync(organizationId, cancellationToken);

    public Task<int> CountByDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default) => inner.CountByDirectoryAsync(directoryId, cancellationToken);

    public Task<int> CountByEmailDomainAsync(string domain, CancellationToken cancellationToken = default) => inner.CountByEmailDomainAsync(domain, cancellationToken);
}
