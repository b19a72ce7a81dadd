using FederationKit.OneTime;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.Stores.InMemory;

/// <summary>The in-memory one-time store drops expired entries as time passes, so it does not grow with past traffic.</summary>
public sealed class InMemoryOneTimeStoreExpiryTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task TryAdd_AfterManyEntriesExpired_DropsThemAll()
    {
        var store = new InMemoryOneTimeStore(_clock);
        for (var i = 0; i < 5_000; i++)
        {
            await store.TryAddAsync("saml.assertion", $"id-{i}", ReadOnlyMemory<byte>.Empty, _clock.GetUtcNow().AddMinutes(7));
            _clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        _clock.Advance(TimeSpan.FromMinutes(8));
        await store.TryAddAsync("saml.assertion", "fresh", ReadOnlyMemory<byte>.Empty, _clock.GetUtcNow().AddMinutes(7));

        Assert.That(store.HeldCount, Is.EqualTo(1));
    }

    [Test]
    public async Task TryAdd_FewEntries_ExpiredOnesAreDroppedToo()
    {
        var store = new InMemoryOneTimeStore(_clock);
        await store.TryAddAsync("oidc.state", "a", ReadOnlyMemory<byte>.Empty, _clock.GetUtcNow().AddMinutes(1));
        await store.TryAddAsync("oidc.state", "b", ReadOnlyMemory<byte>.Empty, _clock.GetUtcNow().AddMinutes(5));

        _clock.Advance(TimeSpan.FromMinutes(2));
        await store.TryAddAsync("oidc.state", "c", ReadOnlyMemory<byte>.Empty, _clock.GetUtcNow().AddMinutes(5));

        Assert.That(store.HeldCount, Is.EqualTo(2), "'a' expired and is gone; 'b' and 'c' are live");
    }
}
