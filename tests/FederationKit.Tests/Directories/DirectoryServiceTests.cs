using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Organizations;

namespace FederationKit.Tests.Directories;

public sealed class DirectoryServiceTests
{
    [Test]
    public async Task ListDirectories_NewOwner_HasTheDefaultBusinessDirectory()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();

        var directories = (await context.DirectoryService.ListDirectoriesAsync(owner, context.Admin)).Value;
        var again = (await context.DirectoryService.ListDirectoriesAsync(owner, context.Admin)).Value;

        Assert.That(directories, Has.Count.EqualTo(1));
        Assert.That(directories[0].IdentityType, Is.EqualTo(DirectoryIdentityType.Business));
        Assert.That(directories[0].IsDefault, Is.True);
        Assert.That(again.Single().Id, Is.EqualTo(directories[0].Id));
        Assert.That(context.Events.OfType<DirectoryChanged>().Count(e => e.Type == DirectoryEventTypes.DirectoryCreated), Is.EqualTo(1));
    }

    [Test]
    public async Task EnsureBusinessDirectory_Concurrently_CreatesExactlyOne()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => context.DirectoryService.EnsureBusinessDirectoryAsync(owner, context.Admin))));

        Assert.That(results.All(r => r.IsSuccess), Is.True);
        Assert.That(results.Select(r => r.Value.Id).Distinct().Count(), Is.EqualTo(1));
        Assert.That(await context.Directories.ListByOwnerAsync(owner), Has.Count.EqualTo(1));
    }

    [TestCase(DirectoryIdentityType.Federated)]
    [TestCase(DirectoryIdentityType.Enterprise)]
    public async Task CreateDirectory_Valid_IsStoredAndRaisesEvent(DirectoryIdentityType type)
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();

        var created = await context.DirectoryService.CreateDirectoryAsync(owner, context.Admin, "  Staff ", type);

        Assert.That(created.IsSuccess, Is.True);
        Assert.That(created.Value.Name, Is.EqualTo("Staff"));
        Assert.That((await context.Directories.FindAsync(created.Value.Id))!.IdentityType, Is.EqualTo(type));
        Assert.That(context.Events.OfType<DirectoryChanged>().Any(e => e.Type == DirectoryEventTypes.DirectoryCreated && e.DirectoryId == created.Value.Id), Is.True);
    }

    [TestCase("", DirectoryErrorCodes.NameInvalid)]
    [TestCase("   ", DirectoryErrorCodes.NameInvalid)]
    [TestCase("staff", DirectoryErrorCodes.NameTaken)]
    [TestCase("business", DirectoryErrorCodes.NameTaken)]
    public async Task CreateDirectory_BadName_IsRefused(string name, string code)
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        await context.FederatedDirectoryAsync(owner, "Staff");

        var created = await context.DirectoryService.CreateDirectoryAsync(owner, context.Admin, name, DirectoryIdentityType.Federated);

        Assert.That(created.Error.Code, Is.EqualTo(code));
    }

    [Test]
    public async Task CreateDirectory_TooLongName_IsRefused()
    {
        var context = new DirectoryTestContext();

        var created = await context.DirectoryService.CreateDirectoryAsync(DirectoryTestContext.NewOwner(), context.Admin, new string('a', 101), DirectoryIdentityType.Federated);

        Assert.That(created.Error.Code, Is.EqualTo(DirectoryErrorCodes.NameInvalid));
    }

    [Test]
    public async Task CreateDirectory_SameNameOtherOwner_Works()
    {
        var context = new DirectoryTestContext();
        await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner(), "Staff");

        var created = await context.DirectoryService.CreateDirectoryAsync(DirectoryTestContext.NewOwner(), context.Admin, "Staff", DirectoryIdentityType.Federated);

        Assert.That(created.IsSuccess, Is.True);
    }

    [Test]
    public async Task CreateDirectory_SecondBusiness_IsRefused()
    {
        var context = new DirectoryTestContext();

        var created = await context.DirectoryService.CreateDirectoryAsync(DirectoryTestContext.NewOwner(), context.Admin, "More business", DirectoryIdentityType.Business);

        Assert.That(created.Error.Code, Is.EqualTo(DirectoryErrorCodes.BusinessDirectoryExists));
    }

    [Test]
    public async Task MarkEncrypted_Twice_SecondIsRefused()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());

        var first = await context.DirectoryService.MarkEncryptedAsync(directory.Id, context.Admin);
        var second = await context.DirectoryService.MarkEncryptedAsync(directory.Id, context.Admin);

        Assert.That(first.Value.IsEncrypted, Is.True);
        Assert.That(second.Error.Code, Is.EqualTo(DirectoryErrorCodes.AlreadyEncrypted));
        Assert.That(context.Events.OfType<DirectoryChanged>().Count(e => e.Type == DirectoryEventTypes.DirectoryEncrypted), Is.EqualTo(1));
    }

    [Test]
    public async Task MarkEncrypted_UnknownDirectory_IsNotFound()
    {
        var context = new DirectoryTestContext();

        Assert.That((await context.DirectoryService.MarkEncryptedAsync(DirectoryId.New(), context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.NotFound));
    }

    [Test]
    public async Task DeleteDirectory_Empty_DeletesItAndItsProfiles()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = await context.ActiveSamlProfileAsync(directory.Id);
        var oidc = (await context.ProfileService.AddOidcProfileAsync(directory.Id, context.Admin, "Entra", DirectoryTestContext.ValidOidc())).Value;
        var secret = (await context.Profiles.FindAsync(oidc.Id))!.Oidc!.ClientSecretReference!.Value;

        var deleted = await context.DirectoryService.DeleteDirectoryAsync(directory.Id, context.Admin);

        Assert.That(deleted.IsSuccess, Is.True);
        Assert.That(await context.Secrets.ReadAsync(secret), Is.Null);
        Assert.That(await context.Directories.FindAsync(directory.Id), Is.Null);
        Assert.That(await context.Profiles.FindAsync(profile.Id), Is.Null);
        Assert.That(context.Events.OfType<DirectoryChanged>().Any(e => e.Type == DirectoryEventTypes.DirectoryDeleted), Is.True);
    }

    [Test]
    public async Task DeleteDirectory_WithUsers_IsRefused()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = await context.ActiveSamlProfileAsync(directory.Id);
        await context.SignedInUserAsync(profile.Id, DirectoryTestContext.SamlIdentity());

        var deleted = await context.DirectoryService.DeleteDirectoryAsync(directory.Id, context.Admin);

        Assert.That(deleted.Error.Code, Is.EqualTo(DirectoryErrorCodes.HasUsers));
        Assert.That(await context.Directories.FindAsync(directory.Id), Is.Not.Null);
    }

    [Test]
    public async Task DeleteDirectory_AfterLastUserLeft_Works()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner());
        var profile = await context.ActiveSamlProfileAsync(directory.Id);
        var user = await context.SignedInUserAsync(profile.Id, DirectoryTestContext.SamlIdentity());

        var deletedUser = await new FederationKit.SignIn.Lifecycle.UserLifecycleService(context.Users, context.Memberships, context.Committer, context.Clock, new FederationKit.SignIn.SignInOptions()).DeleteAsync(user, null);
        Assert.That(deletedUser.IsSuccess, Is.True, () => deletedUser.Error.ToString());

        Assert.That((await context.DirectoryService.DeleteDirectoryAsync(directory.Id, context.Admin)).IsSuccess, Is.True);
    }

    [Test]
    public async Task DeleteDirectory_WithLinkedDomain_IsRefused()
    {
        var context = new DirectoryTestContext();
        var directory = await context.LinkedDirectoryAsync(DirectoryTestContext.NewOwner(), "acme.com");

        var deleted = await context.DirectoryService.DeleteDirectoryAsync(directory.Id, context.Admin);

        Assert.That(deleted.Error.Code, Is.EqualTo(DirectoryErrorCodes.HasDomains));
        Assert.That(deleted.Error.Details["domains"], Is.EqualTo("acme.com"));
    }

    [Test]
    public async Task DeleteDirectory_WithPendingTrustee_IsRefused()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var directory = await context.LinkedDirectoryAsync(owner, "acme.com");
        var trustee = await context.NewOrganizationAsync("Beta");
        var requested = await context.TrustService.RequestAsync(trustee.Id, await context.AdminAsync(trustee.Id), "acme.com", new TrustRequester(UserId.New(), "Bea", "bea@beta.example", "Beta"));
        Assert.That(requested.IsSuccess, Is.True);
        await context.DirectoryService.UnlinkDomainAsync(directory.Id, context.Admin, "acme.com");

        var deleted = await context.DirectoryService.DeleteDirectoryAsync(directory.Id, context.Admin);

        Assert.That(deleted.Error.Code, Is.EqualTo(DirectoryErrorCodes.HasTrustees));
    }

    [Test]
    public async Task DeleteDirectory_Default_IsRefused()
    {
        var context = new DirectoryTestContext();
        var business = (await context.DirectoryService.EnsureBusinessDirectoryAsync(DirectoryTestContext.NewOwner(), context.Admin)).Value;

        Assert.That((await context.DirectoryService.DeleteDirectoryAsync(business.Id, context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.DefaultDirectory));
    }

    [Test]
    public async Task DeleteDirectory_Unknown_IsNotFound()
    {
        var context = new DirectoryTestContext();

        Assert.That((await context.DirectoryService.DeleteDirectoryAsync(DirectoryId.New(), context.Admin)).Error.Code, Is.EqualTo(DirectoryErrorCodes.NotFound));
    }

    [Test]
    public async Task DomainDependencyQuery_LinkedDomain_NamesTheDirectory()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        await context.LinkedDirectoryAsync(owner, "acme.com", "Staff");
        var query = new DirectoryDomainDependencyQuery(context.Links, context.Directories);

        Assert.That(await query.DescribeDependentsAsync(owner, "acme.com"), Is.EqualTo(new[] { "linked to directory 'Staff'" }));
        Assert.That(await query.DescribeDependentsAsync(owner, "other.com"), Is.Empty);
        Assert.That(await query.DescribeDependentsAsync(DirectoryTestContext.NewOwner(), "acme.com"), Is.Empty);
    }
}
