using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Settings;
using FederationKit.Stores;

namespace FederationKit.StoreContracts;

/// <summary>The behaviour every <see cref="IDirectorySignInSettingsStore"/> must have: one record per directory, optimistic concurrency.</summary>
public abstract class DirectorySignInSettingsStoreContract
{
    /// <summary>Returns a new, empty store.</summary>
    protected abstract Task<IDirectorySignInSettingsStore> CreateStore();

    private static DirectorySignInSettings Full(DirectoryId directory) => DirectorySignInSettings.DefaultFor(directory) with
    {
        SsoEnforced = true,
        IdpDisplayName = "Acme Okta",
        JoinMode = JoinMode.InvitationOnly,
        UsernameSuffix = "_acme",
        UpdateProfileOnSignIn = false,
        GroupMappings = [new GroupMapping("idp-eng", "engineering")],
        AdminGroups = ["idp-admins"],
        AdminSubjects = ["00u1"],
        ExternalIdAttribute = "http://schemas.microsoft.com/identity/claims/objectidentifier",
        Defaults = new NewMemberDefaults { Groups = ["everyone"], Settings = ImmutableDictionary<string, string>.Empty.Add("locale", "de") },
    };

    [Test]
    public async Task Save_New_ThenFind_ReturnsEveryValueAtVersionOne()
    {
        var store = await CreateStore();
        var directory = DirectoryId.New();

        var saved = await store.SaveAsync(Full(directory));
        var found = await store.FindAsync(directory);

        Assert.That(saved.Value.Version, Is.EqualTo(1));
        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(found!.SsoEnforced, Is.True);
            Assert.That(found.IdpDisplayName, Is.EqualTo("Acme Okta"));
            Assert.That(found.JoinMode, Is.EqualTo(JoinMode.InvitationOnly));
            Assert.That(found.UsernameSuffix, Is.EqualTo("_acme"));
            Assert.That(found.UpdateProfileOnSignIn, Is.False);
            Assert.That(found.GroupMappings, Is.EqualTo(new[] { new GroupMapping("idp-eng", "engineering") }));
            Assert.That(found.AdminGroups, Is.EqualTo(new[] { "idp-admins" }));
            Assert.That(found.AdminSubjects, Is.EqualTo(new[] { "00u1" }));
            Assert.That(found.ExternalIdAttribute, Is.EqualTo("http://schemas.microsoft.com/identity/claims/objectidentifier"));
            Assert.That(found.Defaults.Groups, Is.EqualTo(new[] { "everyone" }));
            Assert.That(found.Defaults.Settings["locale"], Is.EqualTo("de"));
        });
        Assert.That(await store.FindAsync(DirectoryId.New()), Is.Null);
    }

    [Test]
    public async Task Save_WithTheReadVersion_Replaces_AndAStaleVersionConflicts()
    {
        var store = await CreateStore();
        var directory = DirectoryId.New();
        var first = (await store.SaveAsync(Full(directory))).Value;

        var second = await store.SaveAsync(first with { SsoEnforced = false });
        var stale = await store.SaveAsync(first with { JoinMode = JoinMode.Automatic });

        Assert.That(second.Value.Version, Is.EqualTo(2));
        Assert.That(stale.Error.Code, Is.EqualTo(StoreErrorCodes.ConcurrencyConflict));
        Assert.That((await store.FindAsync(directory))!.SsoEnforced, Is.False);
        Assert.That((await store.FindAsync(directory))!.JoinMode, Is.EqualTo(JoinMode.InvitationOnly));
    }

    [Test]
    public async Task Save_NewTwiceConcurrently_OneWins_TheOthersAreDuplicates()
    {
        var store = await CreateStore();
        var directory = DirectoryId.New();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.SaveAsync(Full(directory)))));

        Assert.That(results.Count(r => r.IsSuccess), Is.EqualTo(1));
        Assert.That(results.Where(r => r.IsFailure).Select(r => r.Error.Code), Is.All.EqualTo(StoreErrorCodes.Duplicate));
    }

    [Test]
    public async Task Delete_RemovesTheSettings_AndIsIdempotent()
    {
        var store = await CreateStore();
        var directory = DirectoryId.New();
        await store.SaveAsync(Full(directory));

        await store.DeleteAsync(directory);
        await store.DeleteAsync(directory);

        Assert.That(await store.FindAsync(directory), Is.Null);
        Assert.That((await store.SaveAsync(Full(directory))).IsSuccess, Is.True, "settings can be created again");
    }

    [Test]
    public async Task ListAll_ReturnsEveryStoredSettingsRecord()
    {
        var store = await CreateStore();
        var reader = store as IDirectorySignInSettingsBulkReader;
        Assert.That(reader, Is.Not.Null, "the shipped settings stores read every record in one call");
        var a = DirectoryId.New();
        var b = DirectoryId.New();
        await store.SaveAsync(Full(a));
        await store.SaveAsync(Full(b) with { SsoEnforced = false });

        var all = await reader!.ListAllAsync();

        Assert.That(all.Select(s => (s.DirectoryId, s.SsoEnforced)), Is.EquivalentTo(new[] { (a, Full(a).SsoEnforced), (b, false) }));
    }
}
