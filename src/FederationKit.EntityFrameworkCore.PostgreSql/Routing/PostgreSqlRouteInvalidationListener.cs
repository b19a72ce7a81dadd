using FederationKit.SignIn.Routing;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace FederationKit.EntityFrameworkCore.PostgreSql;

/// <summary>
/// Keeps one connection open with <c>LISTEN</c> on the channel and hands every notification to the feed. The feed counts as
/// connected from the moment <c>LISTEN</c> succeeded; when the connection fails (or a liveness check after
/// <see cref="PostgreSqlRouteInvalidationOptions.CheckInterval"/> without notifications fails) it is reported disconnected
/// (short cache lifetimes) and the listener connects again after <see cref="PostgreSqlRouteInvalidationOptions.ReconnectDelay"/>.
/// </summary>
internal sealed class PostgreSqlRouteInvalidationListener : BackgroundService
{
    private readonly PostgreSqlRouteInvalidationPublisher _publisher;
    private readonly RouteInvalidationFeed _feed;
    private readonly PostgreSqlRouteInvalidationOptions _options;

    public PostgreSqlRouteInvalidationListener(PostgreSqlRouteInvalidationPublisher publisher, RouteInvalidationFeed feed, PostgreSqlRouteInvalidationOptions options)
    {
        _publisher = publisher;
        _feed = feed;
        _options = options;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                _feed.Disconnected(exception);
            }

            try
            {
                // Real time: the database comes back in real time, whatever clock the host gives the domain.
                await Task.Delay(_options.ReconnectDelay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var received = new List<string>();
        NpgsqlConnection connection;
        using (var opening = Bounded(stoppingToken))
        {
            connection = await _publisher.DataSource.OpenConnectionAsync(opening.Token).ConfigureAwait(false);
        }

        await using (connection.ConfigureAwait(false))
        {
            connection.Notification += (_, e) => received.Add(e.Payload);
            await RunAsync(connection, $"LISTEN \"{_options.Channel}\"", stoppingToken).ConfigureAwait(false);
            _feed.Connected();
            while (true)
            {
                var notified = await connection.WaitAsync(_options.CheckInterval, stoppingToken).ConfigureAwait(false);
                foreach (var payload in received)
                {
                    await _feed.ReceiveAsync(payload, stoppingToken).ConfigureAwait(false);
                }

                received.Clear();
                if (!notified)
                {
                    await RunAsync(connection, "SELECT 1", stoppingToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task RunAsync(NpgsqlConnection connection, string sql, CancellationToken stoppingToken)
    {
        using var timeout = Bounded(stoppingToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(timeout.Token).ConfigureAwait(false);
    }

    private CancellationTokenSource Bounded(CancellationToken stoppingToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_options.OperationTimeout);
        return timeout;
    }
}
