using FederationKit.OneTime;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.Stores.InMemory;

/// <summary>
/// The in-memory one-time store is bounded: a flood of unauthenticated sign-in starts fails closed at the capacity instead
/// of exhausting the process, and add-then-take cycles do not grow its expiry heap without bound.
/// </summary>
public sealed class InMemoryOneTimeStoreCapacityTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task TryAdd_AtCapacity_FailsClosedUntilAnEntryExpires()
    {
        var store = new InMemoryOneTimeStore(_clock, capacity: 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.That(await store.TryAddAsync("signin.transaction", $"t{i}", ReadOnlyMemory<byte>.Empty, _clock.GetUtcNow().AddMinutes(10)), Is.True);
        }

        Assert.ThrowsAsync<OneTimeStoreUnavailableException>(() => store.TryAddAsync("signin.transaction", "t3", ReadOnlyMemory<byte>.Empty, _clock.GetUtcNow().AddMinutes(10)));
        Assert.That(await store.TryAddAsync("signin.transaction", "t0", ReadOnlyMemory<byte>.Empty, _clock.GetUtcNow().AddMinutes(10)), Is.False, "a live key still answers 'exists', not 'full'");

        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.That(await store.TryAddAsync("signin.transaction", "t3", ReadOnlyMemory<byte>.Empty, _clock.GetUtcNow().AddMinutes(10)), Is.True);
    }

    [Test]
    public async Task TryAdd_ManyAddThenTakeCycles_HeapStaysBounded()
    {
        var store = new InMemoryOneTimeStore(_clock, capacity: 100);
        for (var i = 0; i < 10_000; i++)
        {
            await store.TryAddAsync("signin.transaction", $"t{i}", ReadOnlyMemory<byte>.Empty, _clock.GetUtcNow().AddMinutes(10));
            await store.TryTakeAsync("signin.transaction", $"t{i}");
        }

        Assert.That(store.HeldCount, Is.Zero);
        Assert.That(store.HeapCount, Is.LessThanOrEqualTo(1025));
    }

    [Test]
    public void Constructor_CapacityBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new InMemoryOneTimeStore(_clock, capacity: 0));
}
