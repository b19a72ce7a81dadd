using System.Data.Common;
using System.Globalization;
using FederationKit.EntityFrameworkCore.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FederationKit.EntityFrameworkCore.Health;

/// <summary>
/// Reports whether the FederationKit database answers: opens a context from the factory and reads at most one row of the
/// one-time table (so a database without the FederationKit schema is Unhealthy too), within a timeout. The description and
/// data name the failure's kind (timeout, exception type, SQL state), never the connection string, a host name or a message
/// that could carry either.
/// </summary>
/// <typeparam name="TContext">The context the stores use.</typeparam>
public sealed class EntityFrameworkStoresHealthCheck<TContext> : IHealthCheck
    where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _factory;
    private readonly TimeSpan _timeout;

    /// <summary>Creates the check.</summary>
    /// <param name="factory">The stores' context factory.</param>
    /// <param name="timeout">How long the whole check may take.</param>
    public EntityFrameworkStoresHealthCheck(IDbContextFactory<TContext> factory, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(factory);
        HealthCheckRegistrations.ValidateTimeout(timeout, nameof(timeout));
        _factory = factory;
        _timeout = timeout;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            await QueryAsync(timeout.Token).WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The FederationKit database answered.");
        }
        catch (Exception exception) when (exception is TimeoutException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy(
                $"The FederationKit database did not answer within {Seconds(_timeout)} s.",
                data: new Dictionary<string, object> { ["reason"] = "timeout" });
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Any failure: the message is never echoed, as a provider's message may name the server or the connection settings.
            var data = new Dictionary<string, object> { ["reason"] = "error", ["exception"] = exception.GetType().Name };
            if (exception is DbException { SqlState: { } state })
            {
                data["sqlState"] = state;
            }

            return HealthCheckResult.Unhealthy(
                $"The FederationKit database could not be queried ({exception.GetType().Name}); see the store's logs for details.",
                data: data);
        }
    }

    private async Task QueryAsync(CancellationToken cancellationToken)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        _ = await db.Set<OneTimeEntryRow>().AsNoTracking().AnyAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
