using FederationKit.Directories;

namespace FederationKit.StoreContracts;

/// <summary>The behaviour every <see cref="ISecretStore"/> must have.</summary>
public abstract class SecretStoreContract
{
    /// <summary>Returns a new, empty store.</summary>
    protected abstract Task<ISecretStore> CreateStore();

    [Test]
    public async Task Store_ThenRead_ReturnsTheSecret_AndReferenceIsNotTheSecret()
    {
        var store = await CreateStore();

        var reference = await store.StoreAsync("oidc.client_secret", "s3cret");

        Assert.That(reference.Value, Does.Not.Contain("s3cret"));
        Assert.That(await store.ReadAsync(reference), Is.EqualTo("s3cret"));
    }

    [Test]
    public async Task Store_Twice_GivesDistinctReferences()
    {
        var store = await CreateStore();

        var a = await store.StoreAsync("oidc.client_secret", "same");
        var b = await store.StoreAsync("oidc.client_secret", "same");

        Assert.That(a, Is.Not.EqualTo(b));
    }

    [Test]
    public async Task Delete_ThenRead_ReturnsNull()
    {
        var store = await CreateStore();
        var reference = await store.StoreAsync("oidc.private_key", "key");

        await store.DeleteAsync(reference);
        await store.DeleteAsync(reference);

        Assert.That(await store.ReadAsync(reference), Is.Null);
        Assert.That(await store.ReadAsync(new SecretReference("unknown")), Is.Null);
    }
}
