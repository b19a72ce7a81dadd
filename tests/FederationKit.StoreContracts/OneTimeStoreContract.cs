using FederationKit.OneTime;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.StoreContracts;

/// <summary>The behaviour every <see cref="IOneTimeStore"/> must have.</summary>
public abstract class OneTimeStoreContract
{
    /// <summary>The clock the store under test must use.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Returns a new, empty store that reads time from <see cref="Clock"/>.</summary>
    protected abstract Task<IOneTimeStore> CreateStore();

    [Test]
    public async Task TryTake_AfterAdd_ReturnsTheValueOnce()
    {
        var store = await CreateStore();
        Assert.That(await store.TryAddAsync("oidc.state", "k", new byte[] { 1, 2 }, Clock.GetUtcNow().AddMinutes(5)), Is.True);

        Assert.That(await store.TryTakeAsync("oidc.state", "k"), Is.EqualTo(new byte[] { 1, 2 }));
        Assert.That(await store.TryTakeAsync("oidc.state", "k"), Is.Null);
    }

    [Test]
    public async Task TryAdd_SameKeyTwice_SecondIsRefused()
    {
        var store = await CreateStore();
        var expiry = Clock.GetUtcNow().AddMinutes(5);

        Assert.That(await store.TryAddAsync("saml.assertion", "id-1", ReadOnlyMemory<byte>.Empty, expiry), Is.True);
        Assert.That(await store.TryAddAsync("saml.assertion", "id-1", ReadOnlyMemory<byte>.Empty, expiry), Is.False);
        Assert.That(await store.TryAddAsync("saml.request", "id-1", ReadOnlyMemory<byte>.Empty, expiry), Is.True, "purposes are separate namespaces");
    }

    [Test]
    public async Task TryTake_AfterExpiry_ReturnsNull()
    {
        var store = await CreateStore();
        await store.TryAddAsync("oidc.state", "k", new byte[] { 1 }, Clock.GetUtcNow().AddMinutes(5));

        Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.That(await store.TryTakeAsync("oidc.state", "k"), Is.Null);
    }

    [Test]
    public async Task TryTake_RacingCallers_ExactlyOneWins()
    {
        var store = await CreateStore();
        await store.TryAddAsync("oidc.state", "k", new byte[] { 7 }, Clock.GetUtcNow().AddMinutes(5));

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.TryTakeAsync("oidc.state", "k"))));

        Assert.That(results.Count(r => r is not null), Is.EqualTo(1));
    }

    [Test]
    public async Task TryAdd_SameKeyAfterExpiry_IsAcceptedAgain()
    {
        var store = await CreateStore();
        await store.TryAddAsync("saml.assertion", "id-1", ReadOnlyMemory<byte>.Empty, Clock.GetUtcNow().AddMinutes(5));

        Clock.Advance(TimeSpan.FromMinutes(6));

        Assert.That(await store.TryAddAsync("saml.assertion", "id-1", new byte[] { 3 }, Clock.GetUtcNow().AddMinutes(5)), Is.True);
        Assert.That(await store.TryTakeAsync("saml.assertion", "id-1"), Is.EqualTo(new byte[] { 3 }));
    }

    [Test]
    public async Task TryAdd_AddedAgainAfterTake_KeepsTheNewExpiry()
    {
        var store = await CreateStore();
        await store.TryAddAsync("oidc.state", "k", new byte[] { 1 }, Clock.GetUtcNow().AddMinutes(1));
        await store.TryTakeAsync("oidc.state", "k");
        await store.TryAddAsync("oidc.state", "k", new byte[] { 2 }, Clock.GetUtcNow().AddMinutes(10));

        Clock.Advance(TimeSpan.FromMinutes(2));
        await store.TryAddAsync("oidc.state", "other", ReadOnlyMemory<byte>.Empty, Clock.GetUtcNow().AddMinutes(1));

        Assert.That(await store.TryTakeAsync("oidc.state", "k"), Is.EqualTo(new byte[] { 2 }), "the first expiry must not drop the second entry");
    }
}
