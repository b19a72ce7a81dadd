using System.Reflection;
using FederationKit.OneTime;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace FederationKit.StackExchangeRedis.Tests;

/// <summary>
/// A command the Redis client cancels by itself (seen in the two-instance sample test: a <c>TaskCanceledException</c> out of
/// <c>ScriptEvaluateAsync</c> became an unhandled 500) is the store being unavailable, a typed refusal; a cancellation the
/// caller asked for stays a cancellation.
/// </summary>
public sealed class RedisOneTimeStoreCancellationTests
{
    private static RedisOneTimeStore Store() =>
        new(CancelingConnection.Create(), new RedisOneTimeStoreOptions(), new FakeTimeProvider(DateTimeOffset.UtcNow));

    [Test]
    public void TryAddAsync_ClientCancelsTheCommand_ThrowsOneTimeStoreUnavailable()
    {
        var exception = Assert.ThrowsAsync<OneTimeStoreUnavailableException>(() =>
            Store().TryAddAsync("saml.request", "id", new byte[] { 1 }, DateTimeOffset.UtcNow.AddMinutes(5)));

        Assert.That(exception!.InnerException, Is.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void TryTakeAsync_ClientCancelsTheCommand_ThrowsOneTimeStoreUnavailable()
    {
        Assert.ThrowsAsync<OneTimeStoreUnavailableException>(() => Store().TryTakeAsync("saml.request", "id"));
    }

    [Test]
    public void TryTakeAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.CatchAsync<OperationCanceledException>(() => Store().TryTakeAsync("saml.request", "id", cancellation.Token));
    }

    /// <summary>A connection whose database answers every command with a canceled task, as the client does when it gives up.</summary>
    public class CancelingConnection : DispatchProxy
    {
        public static IConnectionMultiplexer Create() => DispatchProxy.Create<IConnectionMultiplexer, CancelingConnection>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name == nameof(IConnectionMultiplexer.GetDatabase)
                ? DispatchProxy.Create<IDatabase, CancelingDatabase>()
                : throw new NotSupportedException(targetMethod.Name);
    }

    /// <summary>Every asynchronous command returns a canceled task.</summary>
    public class CancelingDatabase : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var type = targetMethod!.ReturnType;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
            {
                var source = Activator.CreateInstance(typeof(TaskCompletionSource<>).MakeGenericType(type.GetGenericArguments()[0]))!;
                source.GetType().GetMethod(nameof(TaskCompletionSource<int>.SetCanceled), Type.EmptyTypes)!.Invoke(source, null);
                return source.GetType().GetProperty(nameof(TaskCompletionSource<int>.Task))!.GetValue(source);
            }

            throw new NotSupportedException(targetMethod.Name);
        }
    }
}
