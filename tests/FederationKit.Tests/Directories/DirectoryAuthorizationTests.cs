using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn.Settings;
using FederationKit.Stores;
using FederationKit.Tests.SignIn;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Tests.Directories;

/// <summary>
/// Every admin operation of the directory, IdP profile and sign-in settings services, wired as <c>AddFederationKit()</c> does,
/// on a directory owned by an organization and on one owned by a parent organization: a user who is not a member, a plain
/// member, an administrator of another organization and (for the parent) an administrator of a linked organization are refused
/// with <c>directory.not_authorized</c> and nothing changes; the owner's administrator succeeds and the events name it.
/// </summary>
public sealed class DirectoryAuthorizationTests : WiredFederationKitTests
{
    private const string OtherIssuer = "https://next.acme.example/saml";

    /// <summary>An operation on the scenario's records by an acting user; returns its error, or null when it succeeded.</summary>
    public delegate Task<FederationError?> Operation(Scenario s, UserId actor);

    /// <summary>The operations by name, and whether a success must raise an event.</summary>
    public static IEnumerable<TestCaseData> Operations()
    {
        TestCaseData Case(string name, bool changes, Operation op) => new TestCaseData(name, changes, op).SetArgDisplayNames(name);

        yield return Case("EnsureBusinessDirectory", false, async (s, a) => Error(await s.Directories.EnsureBusinessDirectoryAsync(s.Owner, a)));
        yield return Case("ListDirectories", false, async (s, a) => Error(await s.Directories.ListDirectoriesAsync(s.Owner, a)));
        yield return Case("GetDirectory", false, async (s, a) => Error(await s.Directories.GetDirectoryAsync(s.Directory, a)));
        yield return Case("CreateDirectory", true, async (s, a) => Error(await s.Directories.CreateDirectoryAsync(s.Owner, a, "New", DirectoryIdentityType.Federated)));
        yield return Case("RenameDirectory", true, async (s, a) => Error(await s.Directories.RenameDirectoryAsync(s.Directory, a, "Renamed")));
        yield return Case("MarkEncrypted", true, async (s, a) => Error(await s.Directories.MarkEncryptedAsync(s.Empty, a)));
        yield return Case("DeleteDirectory", true, async (s, a) => (await s.Directories.DeleteDirectoryAsync(s.Empty, a)) is { IsFailure: true } r ? r.Error : null);
        yield return Case("ListDomains", false, async (s, a) => Error(await s.Directories.ListDomainsAsync(s.Directory, a)));
        yield return Case("LinkDomain", true, async (s, a) => Error(await s.Directories.LinkDomainAsync(s.Empty, a, "eu." + s.Domain)));
        yield return Case("UnlinkDomain", true, async (s, a) => (await s.Directories.UnlinkDomainAsync(s.Directory, a, s.Domain)) is { IsFailure: true } r ? r.Error : null);
        yield return Case("MoveDomains", true, async (s, a) => Error(await s.Directories.MoveDomainsAsync(s.Directory, s.Empty, a, [s.Domain])));
        yield return Case("AddSamlProfile", true, async (s, a) => Error(await s.Profiles.AddSamlProfileAsync(s.Directory, a, "Next", DirectoryTestContext.ValidSaml() with { EntityId = OtherIssuer })));
        yield return Case("AddOidcProfile", true, async (s, a) => Error(await s.Profiles.AddOidcProfileAsync(s.Directory, a, "Entra", DirectoryTestContext.ValidOidc() with { Settings = DirectoryTestContext.ValidOidc().Settings with { ClientId = "other" } })));
        yield return Case("GetProfile", false, async (s, a) => Error(await s.Profiles.GetProfileAsync(s.SamlProfile, a)));
        yield return Case("ListProfiles", false, async (s, a) => Error(await s.Profiles.ListProfilesAsync(s.Directory, a)));
        yield return Case("UpdateSamlSettings", true, async (s, a) => Error(await s.Profiles.UpdateSamlSettingsAsync(s.SamlProfile, a, DirectoryTestContext.ValidSaml() with { AllowIdpInitiatedSignIn = true })));
        yield return Case("UpdateOidcSettings", true, async (s, a) => Error(await s.Profiles.UpdateOidcSettingsAsync(s.OidcProfile, a, new NewOidcProfile { Settings = DirectoryTestContext.ValidOidc().Settings with { Scopes = ["openid", "email"] } })));
        yield return Case("TestProfile", true, async (s, a) => Error(await s.Profiles.TestProfileAsync(s.SamlProfile, a, DirectoryTestContext.SamlIdentity())));
        yield return Case("ActivateProfile", true, async (s, a) => Error(await s.Profiles.ActivateProfileAsync(s.OidcProfile, a, force: true)));
        yield return Case("DeleteProfile", true, async (s, a) => (await s.Profiles.DeleteProfileAsync(s.OidcProfile, a)) is { IsFailure: true } r ? r.Error : null);
        yield return Case("GenerateClientKeyPair", true, async (s, a) => Error(await s.Profiles.GenerateClientKeyPairAsync(s.OidcProfile, a, OidcClientKeyAlgorithm.EcdsaP256)));
        yield return Case("ConfirmClientKeyRollover", true, async (s, a) => Error(await s.Profiles.ConfirmClientKeyRolloverAsync(s.OidcProfile, a)));
        yield return Case("GetSignInSettings", false, async (s, a) => Error(await s.Settings.GetAsync(s.Directory, a)));
        yield return Case("UpdateSignInSettings", true, async (s, a) => Error(await s.Settings.UpdateAsync(s.Directory, a, x => x with { SsoEnforced = true })));
    }

    [TestCaseSource(nameof(Operations))]
    public async Task Operation_OrganizationOwned_OnlyItsAdministratorsAct(string name, bool changes, Operation operation)
    {
        var s = await OrganizationOwnedAsync();
        var member = UserId.New();
        Assert.That((await Services.GetRequiredService<OrganizationService>().AddMemberAsync(new OrganizationId(s.Owner.Id), Admin, member, "member@acme.com", OrganizationRole.Member)).IsSuccess, Is.True);
        var otherAdmin = UserId.New();
        await NewOrganizationOwnerAsync("Globex", "owner@globex.example", otherAdmin);

        await AssertRefusedAsync(s, operation, UserId.New(), member, otherAdmin);
        await AssertSucceedsAsync(s, operation, Admin, changes);
    }

    [TestCaseSource(nameof(Operations))]
    public async Task Operation_ParentOwned_OnlyTheParentsAdministratorsAct(string name, bool changes, Operation operation)
    {
        var parentAdmin = UserId.New();
        var organizations = Services.GetRequiredService<OrganizationService>();
        var parent = (await organizations.CreateParentOrganizationAsync("Holding", parentAdmin, "it@acme.com")).Value;
        var childAdmin = UserId.New();
        var child = OwnerRef.Organization((await organizations.CreateOrganizationAsync("Acme Retail", childAdmin, "boss@retail.example")).Value.Id);
        Assert.That((await organizations.LinkToParentAsync(new OrganizationId(child.Id), parent.Id)).IsSuccess, Is.True);
        var member = UserId.New();
        Assert.That((await organizations.AddMemberAsync(new OrganizationId(child.Id), childAdmin, member, "member@retail.example", OrganizationRole.Member)).IsSuccess, Is.True);
        var s = await ScenarioAsync(OwnerRef.Parent(parent.Id), parentAdmin);
        var otherAdmin = UserId.New();
        await NewOrganizationOwnerAsync("Globex", "owner@globex.example", otherAdmin);

        await AssertRefusedAsync(s, operation, UserId.New(), member, otherAdmin, childAdmin, Admin);
        await AssertSucceedsAsync(s, operation, parentAdmin, changes);
    }

    [Test]
    public async Task UnknownIds_AreNotFoundForEveryone()
    {
        var s = await OrganizationOwnedAsync();

        foreach (var actor in new[] { UserId.New(), Admin })
        {
            Assert.That((await s.Directories.GetDirectoryAsync(DirectoryId.New(), actor)).Error.Code, Is.EqualTo(DirectoryErrorCodes.NotFound));
            Assert.That((await s.Directories.RenameDirectoryAsync(DirectoryId.New(), actor, "x")).Error.Code, Is.EqualTo(DirectoryErrorCodes.NotFound));
            Assert.That((await s.Profiles.DeleteProfileAsync(IdpProfileId.New(), actor)).Error.Code, Is.EqualTo(DirectoryErrorCodes.ProfileNotFound));
            Assert.That((await s.Settings.UpdateAsync(DirectoryId.New(), actor, x => x)).Error.Code, Is.EqualTo(DirectoryErrorCodes.NotFound));
        }
    }

    [Test]
    public async Task RenameDirectory_NonAdministratorWithAnInvalidName_LearnsOnlyNotAuthorized()
    {
        var s = await OrganizationOwnedAsync();

        var renamed = await s.Directories.RenameDirectoryAsync(s.Directory, UserId.New(), "");

        Assert.That(renamed.Error.Code, Is.EqualTo(DirectoryErrorCodes.NotAuthorized));
    }

    [Test]
    public async Task GetClientJwks_IsPublic()
    {
        var s = await OrganizationOwnedAsync();

        Assert.That((await s.Profiles.GetClientJwksAsync(s.OidcProfile)).IsSuccess, Is.True);
    }

    private static FederationError? Error<T>(Result<T> result) => result.IsFailure ? result.Error : null;

    private async Task AssertRefusedAsync(Scenario s, Operation operation, params UserId[] actors)
    {
        foreach (var actor in actors)
        {
            var before = await SnapshotAsync(s);

            var error = await operation(s, actor);

            Assert.That(error?.Code, Is.EqualTo(DirectoryErrorCodes.NotAuthorized), () => $"actor {actor}");
            Assert.That(await SnapshotAsync(s), Is.EqualTo(before), () => $"actor {actor} changed something");
        }
    }

    private async Task AssertSucceedsAsync(Scenario s, Operation operation, UserId actor, bool changes)
    {
        var before = Events.Events.Count;

        var error = await operation(s, actor);

        Assert.That(error, Is.Null, () => error!.ToString());
        var raised = Events.Events.Skip(before).ToList();
        Assert.That(raised, changes ? Is.Not.Empty : Is.Empty);
        Assert.That(raised.Select(e => e.Actor), Is.All.EqualTo(EventActor.User(actor)));
        Assert.That(raised.Select(e => e.OwnedBy), Is.All.EqualTo(s.Owner));
    }

    // Everything an operation could change: the owner's directories, their profiles, links and settings, the secrets, the events.
    private async Task<string> SnapshotAsync(Scenario s)
    {
        var parts = new List<string> { "events " + Events.Events.Count };
        foreach (var directory in (await Services.GetRequiredService<IDirectoryStore>().ListByOwnerAsync(s.Owner)).OrderBy(d => d.Id.Value))
        {
            parts.Add(directory.ToString());
            parts.AddRange((await Services.GetRequiredService<IIdpProfileStore>().ListByDirectoryAsync(directory.Id)).OrderBy(p => p.Id.Value).Select(p => $"{p.Id} v{p.Version} active {p.IsActive}"));
            parts.AddRange((await Services.GetRequiredService<IDomainLinkStore>().ListByDirectoryAsync(directory.Id)).Select(l => l.ToString()));
            parts.Add((await Services.GetRequiredService<IDirectorySignInSettingsStore>().FindAsync(directory.Id))?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no settings");
        }

        return string.Join('\n', parts);
    }

    private async Task<Scenario> OrganizationOwnedAsync() =>
        await ScenarioAsync(await NewOrganizationOwnerAsync("Acme", "owner@acme.com"), Admin);

    // A federated directory with the owner's verified domain, an active SAML profile and an inactive OIDC profile whose
    // generated client key is being rolled over; an empty federated directory beside it.
    private async Task<Scenario> ScenarioAsync(OwnerRef owner, UserId admin)
    {
        const string domain = "acme.com";
        await VerifyAsync(owner, domain);
        var directories = Services.GetRequiredService<DirectoryService>();
        var profiles = Services.GetRequiredService<IdpProfileService>();
        var directory = (await directories.CreateDirectoryAsync(owner, admin, "Staff", DirectoryIdentityType.Federated)).Value;
        var empty = (await directories.CreateDirectoryAsync(owner, admin, "Spare", DirectoryIdentityType.Federated)).Value;
        Assert.That((await directories.LinkDomainAsync(directory.Id, admin, domain)).IsSuccess, Is.True);
        var saml = (await profiles.AddSamlProfileAsync(directory.Id, admin, "Okta", DirectoryTestContext.ValidSaml())).Value;
        Assert.That((await profiles.TestProfileAsync(saml.Id, admin, DirectoryTestContext.SamlIdentity())).Value.Passed, Is.True);
        Assert.That((await profiles.ActivateProfileAsync(saml.Id, admin)).IsSuccess, Is.True);
        var oidc = (await profiles.AddOidcProfileAsync(directory.Id, admin, "Entra", new NewOidcProfile
        {
            Settings = DirectoryTestContext.ValidOidc().Settings,
            GenerateClientKey = OidcClientKeyAlgorithm.EcdsaP256,
        })).Value;
        Assert.That((await profiles.GenerateClientKeyPairAsync(oidc.Id, admin, OidcClientKeyAlgorithm.EcdsaP256, keepPreviousUntilConfirmed: true)).IsSuccess, Is.True);
        return new Scenario(directories, profiles, Services.GetRequiredService<DirectorySignInSettingsService>(), owner, domain, directory.Id, empty.Id, saml.Id, oidc.Id);
    }

    /// <summary>The services and the records every operation acts on.</summary>
    public sealed record Scenario(
        DirectoryService Directories, IdpProfileService Profiles, DirectorySignInSettingsService Settings, OwnerRef Owner, string Domain,
        DirectoryId Directory, DirectoryId Empty, IdpProfileId SamlProfile, IdpProfileId OidcProfile);
}
