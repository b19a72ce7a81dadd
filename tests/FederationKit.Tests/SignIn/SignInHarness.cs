using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.SignIn;

/// <summary>Real in-memory components wired as a host would, with one directory on acme.com owned by a parent organization.</summary>
public sealed class SignInHarness
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    public InMemoryFederationEventSink Events { get; } = new();
    public InMemorySignInRouteSource Routes { get; } = new();
    public InMemoryDirectoryTrusteeQuery Trustees { get; } = new();
    public InMemoryProvisioningPolicySource Policies { get; } = new();
    public InMemoryOrganizationStore Organizations { get; } = new();
    public InMemoryFederatedUserStore Users { get; } = new();
    public InMemoryMembershipStore Memberships { get; } = new();
    public InMemorySignInInvitationStore Invitations { get; } = new();
    public SignInOptions Options { get; } = new();
    public SignInRouter Router { get; }
    public JitProvisioner Provisioner { get; }
    public ChangeSetCommitter Committer { get; }

    public ParentOrganizationId Parent { get; } = ParentOrganizationId.New();
    public DirectoryId Directory { get; } = DirectoryId.New();
    public IdpProfileId Profile { get; } = IdpProfileId.New();
    public OrganizationId Acme { get; private set; }
    public ProvisioningPolicy Policy { get; private set; } = null!;

    private SignInHarness()
    {
        Router = new SignInRouter(Routes, Options);
        Committer = new ChangeSetCommitter(new InMemoryChangeSetStore(Users, Memberships, Organizations, new InMemoryParentOrganizationStore()), Events);
        Provisioner = new JitProvisioner(Policies, Trustees, Router, Organizations, Users, Memberships, Invitations, Committer, Clock, Options);
    }

    public static async Task<SignInHarness> CreateAsync(Func<SignInHarness, ProvisioningPolicy, ProvisioningPolicy>? configure = null)
    {
        var harness = new SignInHarness();
        harness.Acme = await harness.AddOrganizationAsync("Acme", harness.Parent);
        harness.Routes.Set(new SignInRoute("acme.com", OwnerRef.Parent(harness.Parent), harness.Directory)
        {
            ActiveProfileId = harness.Profile, Protocol = IdentityProtocol.Saml, IdpDisplayName = "Acme Entra", SsoEnforced = true,
        });
        await harness.Router.RefreshAsync();
        var policy = new ProvisioningPolicy(harness.Directory, OwnerRef.Parent(harness.Parent), harness.Profile) { Organizations = [harness.Acme] };
        harness.SetPolicy(configure is null ? policy : configure(harness, policy));
        return harness;
    }

    public void SetPolicy(ProvisioningPolicy policy)
    {
        Policy = policy;
        Policies.Set(policy);
    }

    public async Task<OrganizationId> AddOrganizationAsync(string name, ParentOrganizationId? parent)
    {
        var organization = new Organization { Id = OrganizationId.New(), Name = name, ParentId = parent, CreatedAt = Clock.GetUtcNow() };
        return (await Organizations.AddAsync(organization)).Value.Id;
    }

    public static FederatedIdentity Identity(string subject = "sub-john", string? email = "john.smith@acme.com", params string[] groups) =>
        new(IdentityProtocol.Saml, "https://sts.acme.example/", subject, "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero))
        {
            Email = email,
            EmailVerified = true,
            GivenName = "John",
            FamilyName = "Smith",
            Groups = [.. groups],
        };

    public Task<Result<SignInOutcome>> SignInAsync(FederatedIdentity identity) =>
        Provisioner.SignInAsync(new SignInProfileContext(Directory, Profile), identity);

    public Task<Membership?> MemberAsync(OrganizationId organization, UserId user) => Memberships.FindAsync(organization, user);

    public static ImmutableArray<string> Groups(params string[] groups) => [.. groups];
}
