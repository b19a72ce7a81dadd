using FederationKit.DirectorySync;
using FederationKit.StackExchangeRedis.DirectorySync;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace FederationKit.StackExchangeRedis.Tests;

/// <summary>
/// The SCIM request budget on a real redis-server: two instances (two connections) share one count per token, a window's
/// counter expires with the window, and tokens do not share budgets.
/// </summary>
public sealed class RedisDirectorySyncRequestBudgetTests
{
    [Test]
    public async Task TryTake_TwoInstancesOneToken_ShareTheLimit()
    {
        using var second = await ConnectionMultiplexer.ConnectAsync(SharedRedis.Connection.Configuration);
        var a = new RedisDirectorySyncRequestBudget(SharedRedis.Connection);
        var b = new RedisDirectorySyncRequestBudget(second);
        var token = "tok_" + Guid.NewGuid().ToString("N");
        var window = TimeSpan.FromMinutes(1);

        var answers = new[]
        {
            await a.TryTakeAsync(token, 3, window), await b.TryTakeAsync(token, 3, window), await a.TryTakeAsync(token, 3, window),
            await b.TryTakeAsync(token, 3, window),
        };

        Assert.That(answers.Take(3), Is.All.Null, "three requests fit the limit, whichever instance takes them");
        Assert.That(answers[3], Is.Not.Null.And.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(window), "the fourth waits for the window's rest");
        Assert.That(await a.TryTakeAsync("tok_" + Guid.NewGuid().ToString("N"), 3, window), Is.Null, "another token has its own budget");
    }

    [Test]
    public async Task TryTake_WindowEnds_CounterExpiresAndTheBudgetRefills()
    {
        var budget = new RedisDirectorySyncRequestBudget(SharedRedis.Connection);
        var token = "tok_" + Guid.NewGuid().ToString("N");
        var window = TimeSpan.FromMilliseconds(400);

        Assert.That(await budget.TryTakeAsync(token, 1, window), Is.Null);
        Assert.That(await budget.TryTakeAsync(token, 1, window), Is.Not.Null);
        var ttl = await SharedRedis.Connection.GetDatabase().KeyTimeToLiveAsync("fedkit:scim-budget:" + token);
        Assert.That(ttl, Is.Not.Null.And.LessThanOrEqualTo(window), "the counter never outlives its window");

        await Task.Delay(window + TimeSpan.FromMilliseconds(200));
        Assert.That(await budget.TryTakeAsync(token, 1, window), Is.Null, "a new window");
    }

    [Test]
    public void Registration_WithTheHostsConnection_ResolvesTheRedisBudget()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConnectionMultiplexer>(SharedRedis.Connection);
        services.AddFederationKit().AddStackExchangeRedisDirectorySyncBudget();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IDirectorySyncRequestBudget>(), Is.TypeOf<RedisDirectorySyncRequestBudget>());
    }
}
