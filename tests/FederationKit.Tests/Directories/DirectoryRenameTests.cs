using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.Tests.Directories;

public sealed class DirectoryRenameTests
{
    [Test]
    public async Task RenameDirectory_Valid_IsStoredAndRaisesEventWithOldAndNewName()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var directory = await context.FederatedDirectoryAsync(owner, "Staff");

        var renamed = await context.DirectoryService.RenameDirectoryAsync(directory.Id, context.Admin, "  Employees ");

        Assert.That(renamed.IsSuccess, Is.True, () => renamed.Error.ToString());
        Assert.That(renamed.Value.Name, Is.EqualTo("Employees"));
        Assert.That((await context.Directories.FindAsync(directory.Id))!.Name, Is.EqualTo("Employees"));
        var renameEvent = context.Events.OfType<DirectoryRenamed>().Single();
        Assert.That(renameEvent.Type, Is.EqualTo(DirectoryEventTypes.DirectoryRenamed));
        Assert.That((renameEvent.Owner, renameEvent.DirectoryId, renameEvent.OldName, renameEvent.NewName), Is.EqualTo((owner, directory.Id, "Staff", "Employees")));
    }

    [TestCase("staff")]
    [TestCase(" STAFF ")]
    [TestCase("business")]
    public async Task RenameDirectory_NameOfAnotherDirectoryOfTheOwnerAnyCase_IsRefused(string name)
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        await context.FederatedDirectoryAsync(owner, "Staff");
        var directory = await context.FederatedDirectoryAsync(owner, "Contractors");

        var renamed = await context.DirectoryService.RenameDirectoryAsync(directory.Id, context.Admin, name);

        Assert.That(renamed.Error.Code, Is.EqualTo(DirectoryErrorCodes.NameTaken));
        Assert.That(renamed.Error.Details["name"], Is.EqualTo(name.Trim()));
        Assert.That((await context.Directories.FindAsync(directory.Id))!.Name, Is.EqualTo("Contractors"));
        Assert.That(context.Events.OfType<DirectoryRenamed>(), Is.Empty);
    }

    [Test]
    public async Task RenameDirectory_NameOfADirectoryOfAnotherOwner_Works()
    {
        var context = new DirectoryTestContext();
        await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner(), "Staff");
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner(), "Contractors");

        var renamed = await context.DirectoryService.RenameDirectoryAsync(directory.Id, context.Admin, "Staff");

        Assert.That(renamed.Value.Name, Is.EqualTo("Staff"));
    }

    [Test]
    public async Task RenameDirectory_CaseOnly_IsAllowedAndRaisesEvent()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner(), "staff");

        var renamed = await context.DirectoryService.RenameDirectoryAsync(directory.Id, context.Admin, "Staff");

        Assert.That(renamed.Value.Name, Is.EqualTo("Staff"));
        Assert.That(context.Events.OfType<DirectoryRenamed>().Single().OldName, Is.EqualTo("staff"));
    }

    [Test]
    public async Task RenameDirectory_SameName_ChangesNothingAndRaisesNothing()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner(), "Staff");

        var renamed = await context.DirectoryService.RenameDirectoryAsync(directory.Id, context.Admin, " Staff");

        Assert.That(renamed.Value.Version, Is.EqualTo(directory.Version));
        Assert.That(context.Events.OfType<DirectoryRenamed>(), Is.Empty);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public async Task RenameDirectory_EmptyName_IsRefused(string? name)
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner(), "Staff");

        var renamed = await context.DirectoryService.RenameDirectoryAsync(directory.Id, context.Admin, name!);

        Assert.That(renamed.Error.Code, Is.EqualTo(DirectoryErrorCodes.NameInvalid));
        Assert.That((await context.Directories.FindAsync(directory.Id))!.Name, Is.EqualTo("Staff"));
    }

    [Test]
    public async Task RenameDirectory_TooLongName_IsRefused()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner(), "Staff");

        var renamed = await context.DirectoryService.RenameDirectoryAsync(directory.Id, context.Admin, new string('a', 101));

        Assert.That(renamed.Error.Code, Is.EqualTo(DirectoryErrorCodes.NameInvalid));
        Assert.That((await context.DirectoryService.RenameDirectoryAsync(directory.Id, context.Admin, new string('a', 100))).IsSuccess, Is.True);
    }

    [Test]
    public async Task RenameDirectory_UnknownDirectory_IsNotFound()
    {
        var context = new DirectoryTestContext();

        Assert.That((await context.DirectoryService.RenameDirectoryAsync(DirectoryId.New(), context.Admin, "Staff")).Error.Code, Is.EqualTo(DirectoryErrorCodes.NotFound));
    }

    [Test]
    public async Task RenameDirectory_BeingDeleted_IsRefused()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner(), "Staff");
        await context.Directories.UpdateAsync(directory with { IsBeingDeleted = true });

        Assert.That((await context.DirectoryService.RenameDirectoryAsync(directory.Id, context.Admin, "Employees")).Error.Code, Is.EqualTo(DirectoryErrorCodes.BeingDeleted));
    }

    [Test]
    public async Task RenameDirectory_DefaultBusinessDirectory_StaysTheDefault()
    {
        var context = new DirectoryTestContext();
        var owner = DirectoryTestContext.NewOwner();
        var business = (await context.DirectoryService.EnsureBusinessDirectoryAsync(owner, context.Admin)).Value;

        var renamed = await context.DirectoryService.RenameDirectoryAsync(business.Id, context.Admin, "Acme Business");
        var again = await context.DirectoryService.EnsureBusinessDirectoryAsync(owner, context.Admin);

        Assert.That(renamed.Value.IsDefault, Is.True);
        Assert.That(again.Value.Id, Is.EqualTo(business.Id));
        Assert.That((await context.DirectoryService.ListDirectoriesAsync(owner, context.Admin)).Value, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RenameDirectory_ChangedMeanwhile_RenamesTheFreshDirectoryWithoutLosingTheChange()
    {
        var context = new DirectoryTestContext();
        var directory = await context.FederatedDirectoryAsync(DirectoryTestContext.NewOwner(), "Staff");
        var racing = new RacingDirectoryStore(context.Directories);
        var service = new DirectoryService(racing, context.Profiles, context.Links, context.Trust, context.Domains, context.Secrets, context.Events, context.Clock, context.UserCount, context.Administrators);
        racing.BeforeNextUpdate = async () =>
        {
            var current = (await context.Directories.FindAsync(directory.Id))!;
            await context.Directories.UpdateAsync(current with { MemberSubjectFormat = DirectoryTestContext.EmailFormat });
        };

        var renamed = await service.RenameDirectoryAsync(directory.Id, context.Admin, "Employees");

        Assert.That(renamed.IsSuccess, Is.True, () => renamed.Error.ToString());
        var stored = (await context.Directories.FindAsync(directory.Id))!;
        Assert.That((stored.Name, stored.MemberSubjectFormat), Is.EqualTo(("Employees", DirectoryTestContext.EmailFormat)));
        Assert.That(context.Events.OfType<DirectoryRenamed>(), Has.Count.EqualTo(1));
    }

    /// <summary>Runs a concurrent change just before the next update reaches the store.</summary>
    private sealed class RacingDirectoryStore(IDirectoryStore inner) : IDirectoryStore
    {
        public Func<Task>? BeforeNextUpdate { get; set; }

        public Task<IdentityDirectory?> FindAsync(DirectoryId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public Task<IReadOnlyList<IdentityDirectory>> ListByOwnerAsync(OwnerRef owner, CancellationToken cancellationToken = default) => inner.ListByOwnerAsync(owner, cancellationToken);

        public Task<Result<IdentityDirectory>> AddAsync(IdentityDirectory directory, CancellationToken cancellationToken = default) => inner.AddAsync(directory, cancellationToken);

        public async Task<Result<IdentityDirectory>> UpdateAsync(IdentityDirectory directory, CancellationToken cancellationToken = default)
        {
            if (BeforeNextUpdate is { } race)
            {
                BeforeNextUpdate = null;
                await race();
            }

            return await inner.UpdateAsync(directory, cancellationToken);
        }

        public Task<Result> DeleteAsync(DirectoryId id, long expectedVersion, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, expectedVersion, cancellationToken);
    }
}
