using FederationKit.SignIn.Routing;
using Npgsql;

namespace FederationKit.EntityFrameworkCore.PostgreSql;

/// <summary>Publishes route invalidations with <c>pg_notify</c> on a pooled connection, each call bounded by the operation timeout.</summary>
internal sealed class PostgreSqlRouteInvalidationPublisher : IRouteInvalidationPublisher, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlRouteInvalidationOptions _options;

    public PostgreSqlRouteInvalidationPublisher(PostgreSqlRouteInvalidationOptions options)
    {
        _options = options;
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString!);
    }

    /// <summary>The data source the listener opens its connection from.</summary>
    public NpgsqlDataSource DataSource => _dataSource;

    // PostgreSQL refuses a payload of 8000 bytes or more (default build); a margin below it.
    public int MaxPayloadBytes => 7900;

    public async Task PublishAsync(string payload, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.OperationTimeout);
        await using var connection = await _dataSource.OpenConnectionAsync(timeout.Token).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        command.Parameters.AddWithValue("channel", _options.Channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(timeout.Token).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();
}
