using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.DirectorySync;
using FederationKit.DirectorySync.Groups;
using FederationKit.DirectorySync.Tokens;
using FederationKit.DirectorySync.Users;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Provisioning;
using FederationKit.Stores;
using FederationKit.Stores.InMemory;
using FederationKit.Tests.SignIn;

namespace FederationKit.Tests.DirectorySync;

/// <summary>
/// The sign-in harness (one directory on acme.com owned by a parent organization, JIT into Acme) plus directory sync: the
/// directory and parent rows (with one parent administrator), the token and group stores, the services, and a JIT provisioner
/// that binds SCIM users.
/// </summary>
public sealed class DirectorySyncHarness
{
    private DirectorySyncHarness(SignInHarness sign) => Sign = sign;

    public SignInHarness Sign { get; }
    public UserId Admin { get; } = UserId.New();
    public InMemoryDirectoryStore Directories { get; } = new();
    public InMemoryParentOrganizationStore Parents { get; } = new();
    public InMemoryDirectorySyncTokenStore TokenStore { get; } = new();
    public InMemoryDirectoryGroupStore Groups { get; } = new();
    public DirectorySyncOptions SyncOptions { get; } = new();
    public InMemoryDirectorySyncUserQuery UserQuery { get; private set; } = null!;
    public DirectorySyncTokenService Tokens { get; private set; } = null!;
    public DirectorySyncService Service { get; private set; } = null!;
    public JitProvisioner Jit { get; private set; } = null!;
    public DirectorySyncCaller Caller { get; private set; } = null!;
    public DirectoryId Directory => Sign.Directory;
    public OrganizationId Acme => Sign.Acme;

    public static async Task<DirectorySyncHarness> CreateAsync(Func<SignInHarness, ProvisioningPolicy, ProvisioningPolicy>? configure = null)
    {
        var h = new DirectorySyncHarness(await SignInHarness.CreateAsync(configure));
        var s = h.Sign;
        await h.Parents.AddAsync(new ParentOrganization
        {
            Id = s.Parent, Name = "Acme Group", CreatedAt = s.Clock.GetUtcNow(), Administrators = [new OrganizationMember(h.Admin, "admin@acme.com", OrganizationRole.Owner)],
        });
        await h.Directories.AddAsync(new IdentityDirectory
        {
            Id = s.Directory, Owner = OwnerRef.Parent(s.Parent), Name = "Acme Entra", IdentityType = DirectoryIdentityType.Federated, CreatedAt = s.Clock.GetUtcNow(),
        });
        h.UserQuery = new InMemoryDirectorySyncUserQuery(s.Users);
        h.Tokens = new DirectorySyncTokenService(h.TokenStore, h.Directories, new OwnerAdministrators(h.Parents, s.Memberships), s.Committer, s.Clock, h.SyncOptions);
        h.Service = new DirectorySyncService(
            s.Policies, s.Users, h.UserQuery, h.Groups, s.Memberships, s.Organizations, s.Trustees, s.Invitations, s.Router, s.Committer, s.Clock, s.Options, h.SyncOptions,
            administrators: new OwnerAdministrators(h.Parents, s.Memberships));
        h.Jit = new JitProvisioner(s.Policies, s.Trustees, s.Router, s.Organizations, s.Users, s.Memberships, s.Invitations, s.Committer, s.Clock, s.Options,
            directoryUsers: h.UserQuery, directoryGroups: h.Groups);
        var issued = (await h.Tokens.IssueAsync(s.Directory, h.Admin)).Value;
        h.Caller = (await h.Tokens.AuthenticateAsync(s.Directory, issued.Secret)).Value;
        return h;
    }

    public static DirectorySyncUserInput Jane(bool active = true, string email = "jane.doe@acme.com") =>
        new("jane.doe@acme.com", "ext-jane", email, "Jane", "Doe", "Jane Doe", active);

    public async Task<DirectorySyncUser> CreateJaneAsync(bool active = true)
    {
        var created = await Service.CreateUserAsync(Caller, Jane(active));
        Assert.That(created.IsSuccess, Is.True, () => created.Error.ToString());
        return created.Value;
    }

    public async Task<DirectoryGroup> CreateGroupAsync(string name, params UserId[] members)
    {
        var created = await Service.CreateGroupAsync(Caller, new DirectoryGroupInput(name, "ext-" + name, [.. members]));
        Assert.That(created.IsSuccess, Is.True, () => created.Error.ToString());
        return created.Value;
    }

    public Task<Result<SignInOutcome>> SignInAsync(FederatedIdentity identity) =>
        Jit.SignInAsync(new SignInProfileContext(Sign.Directory, Sign.Profile), identity);

    public static FederatedIdentity JaneIdentity(params string[] groups) =>
        SignInHarness.Identity("sub-jane", "jane.doe@acme.com", groups);

    public static ImmutableArray<string> Names(params string[] names) => [.. names];
}
