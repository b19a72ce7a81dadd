using FederationKit.SignIn.Routing;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace FederationKit.StackExchangeRedis;

/// <summary>
/// Keeps this instance subscribed to the route invalidation channel and hands every message to the feed. A lost subscription
/// connection is reported to the feed at once (<see cref="RouteInvalidationFeed.Disconnected"/>: short cache lifetimes); every
/// <see cref="RedisRouteInvalidationOptions.CheckInterval"/> the subscription is checked, made again if it failed, and reported
/// back (<see cref="RouteInvalidationFeed.Connected"/>) once StackExchange.Redis has restored it.
/// </summary>
internal sealed class RedisRouteInvalidationSubscriber : BackgroundService
{
    private readonly RedisRouteInvalidationConnection _connection;
    private readonly RouteInvalidationFeed _feed;
    private readonly RedisRouteInvalidationOptions _options;

    public RedisRouteInvalidationSubscriber(RedisRouteInvalidationConnection connection, RouteInvalidationFeed feed, RedisRouteInvalidationOptions options)
    {
        _connection = connection;
        _feed = feed;
        _options = options;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var multiplexer = _connection.Multiplexer;
        var channel = RedisChannel.Literal(_options.Channel);
        multiplexer.ConnectionFailed += OnConnectionFailed;
        ChannelMessageQueue? queue = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var subscriber = multiplexer.GetSubscriber();
                    if (queue is null)
                    {
                        queue = await subscriber.SubscribeAsync(channel).WaitAsync(_options.OperationTimeout, stoppingToken).ConfigureAwait(false);
                        queue.OnMessage(message => _feed.ReceiveAsync(message.Message.ToString(), CancellationToken.None));
                    }

                    if (subscriber.IsConnected(channel))
                    {
                        _feed.Connected();
                    }
                    else
                    {
                        _feed.Disconnected();
                    }
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    _feed.Disconnected(exception);
                    if (queue is not null)
                    {
                        await UnsubscribeAsync(queue).ConfigureAwait(false);
                        queue = null;
                    }
                }

                // Real time: Redis reconnects in real time, whatever clock the host gives the domain.
                await Task.Delay(_options.CheckInterval, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            multiplexer.ConnectionFailed -= OnConnectionFailed;
            if (queue is not null)
            {
                await UnsubscribeAsync(queue).ConfigureAwait(false);
            }
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            _feed.Disconnected(e.Exception);
        }
    }

    private async Task UnsubscribeAsync(ChannelMessageQueue queue)
    {
        try
        {
            await queue.UnsubscribeAsync().WaitAsync(_options.OperationTimeout).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            // The server forgets a subscription with its connection.
        }
    }
}
