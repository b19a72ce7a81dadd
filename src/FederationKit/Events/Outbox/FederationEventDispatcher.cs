using FederationKit.Background;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederationKit.Events.Outbox;

/// <summary>
/// Delivers the outbox to every <see cref="IFederationEventHandler"/> at least once, in order per aggregate: each round claims
/// a batch under a lease (so several instances can dispatch one outbox without handing an entry to two of them while the lease
/// holds), hands each event to every handler, and marks it delivered; a failure (an exception or
/// <see cref="FederationEventOutboxOptions.HandlerTimeout"/>) schedules the next attempt with exponential backoff and holds
/// back the rest of its aggregate, and the last allowed attempt dead-letters the entry. <c>AddBackgroundWorkers</c>
/// (FederationKit.Hosting) runs it as a background job; a host may instead call <see cref="DispatchAsync"/> on its own schedule.
/// </summary>
public sealed class FederationEventDispatcher : IFederationBackgroundJob
{
    private readonly IFederationEventOutbox _outbox;
    private readonly IFederationEventHandler[] _handlers;
    private readonly FederationEventOutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the dispatcher.</summary>
    /// <param name="outbox">The outbox.</param>
    /// <param name="handlers">The host's handlers (none: entries are marked delivered).</param>
    /// <param name="options">Batch size, lease, timeout and retry settings.</param>
    /// <param name="time">The clock (backoff and timeouts).</param>
    /// <param name="logger">Logs failures (sequence, type and code only); null logs nothing.</param>
    public FederationEventDispatcher(IFederationEventOutbox outbox, IEnumerable<IFederationEventHandler> handlers, FederationEventOutboxOptions options, TimeProvider time,
        ILogger<FederationEventDispatcher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        _handlers = [.. handlers];
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public string Name => "events.outbox_dispatch";

    /// <inheritdoc />
    public Task<BackgroundJobReport> RunAsync(CancellationToken cancellationToken) => DispatchAsync(cancellationToken);

    /// <summary>
    /// Delivers what is due: rounds of claimed batches until one comes back short or <see cref="FederationEventOutboxOptions.MaxRoundsPerRun"/>
    /// is reached. <see cref="BackgroundJobReport.Checked"/> counts the claimed entries, <see cref="BackgroundJobReport.Changed"/>
    /// the delivered ones, and each failed attempt is a failure (subject <c>outbox:{sequence}</c>).
    /// </summary>
    /// <param name="cancellationToken">Stops between events (a claimed entry left unsettled is claimed again when its lease ends).</param>
    public async Task<BackgroundJobReport> DispatchAsync(CancellationToken cancellationToken = default)
    {
        int claimedTotal = 0, delivered = 0;
        var failures = new List<BackgroundJobFailure>();
        for (var round = 0; round < _options.MaxRoundsPerRun && !cancellationToken.IsCancellationRequested; round++)
        {
            var claims = await _outbox.ClaimAsync(_options.BatchSize, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            claimedTotal += claims.Count;
            foreach (var aggregate in claims.GroupBy(c => c.Entry.AggregateKey, StringComparer.Ordinal))
            {
                // In the order the outbox returned them: its delivery order (commit order on a database, not always sequence order).
                delivered += await DeliverInOrderAsync([.. aggregate], failures, cancellationToken).ConfigureAwait(false);
            }

            if (claims.Count < _options.BatchSize)
            {
                break;
            }
        }

        return new BackgroundJobReport(claimedTotal, delivered, failures);
    }

    // One aggregate's claimed entries, in order; after a failure the rest are given back untried.
    private async Task<int> DeliverInOrderAsync(List<OutboxClaim> claims, List<BackgroundJobFailure> failures, CancellationToken cancellationToken)
    {
        var delivered = 0;
        for (var i = 0; i < claims.Count; i++)
        {
            var claim = claims[i];
            if (cancellationToken.IsCancellationRequested || claim.LeaseExpiresAt <= _time.GetUtcNow())
            {
                await ReleaseAsync(claims, i).ConfigureAwait(false);
                break;
            }

            var failure = await HandleAsync(claim.Entry.Event, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                if (await _outbox.MarkDeliveredAsync(claim.Entry.Sequence, claim.LeaseToken, CancellationToken.None).ConfigureAwait(false))
                {
                    delivered++;
                }
                else
                {
                    OutboxLog.LeaseLost(_logger, claim.Entry.Sequence);
                }

                continue;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                // Shutting down is not the handler's failure: give the entries back untried.
                await ReleaseAsync(claims, i).ConfigureAwait(false);
                break;
            }

            await FailAsync(claim, failure, failures).ConfigureAwait(false);
            await ReleaseAsync(claims, i + 1).ConfigureAwait(false);
            break;
        }

        return delivered;
    }

    private async Task FailAsync(OutboxClaim claim, Exception exception, List<BackgroundJobFailure> failures)
    {
        var entry = claim.Entry;
        var attempt = entry.Attempts + 1;
        DateTimeOffset? retryAt = attempt >= _options.MaxAttempts ? null : _time.GetUtcNow() + _options.RetryDelay(attempt);
        var error = new FederationError(OutboxErrorCodes.HandlerFailed,
            retryAt is null ? $"A handler failed on {entry.Event.Type} for the last allowed attempt ({attempt}); the entry was dead-lettered." : $"A handler failed on {entry.Event.Type} (attempt {attempt}); it is retried at {retryAt:O}.");
        failures.Add(new BackgroundJobFailure("outbox:" + entry.Sequence, error));
        if (!await _outbox.MarkFailedAsync(entry.Sequence, claim.LeaseToken, OutboxErrorCodes.HandlerFailed, retryAt, CancellationToken.None).ConfigureAwait(false))
        {
            OutboxLog.LeaseLost(_logger, entry.Sequence);
        }
        else if (retryAt is { } at)
        {
            OutboxLog.DeliveryFailed(_logger, exception, entry.Sequence, entry.Event.Type, attempt, at);
        }
        else
        {
            OutboxLog.DeadLettered(_logger, exception, entry.Sequence, entry.Event.Type, attempt);
        }
    }

    private async Task ReleaseAsync(List<OutboxClaim> claims, int from)
    {
        for (var j = from; j < claims.Count; j++)
        {
            await _outbox.ReleaseAsync(claims[j].Entry.Sequence, claims[j].LeaseToken, CancellationToken.None).ConfigureAwait(false);
        }
    }

    // Every handler, under one timeout; null when all accepted, else what went wrong.
    private async Task<Exception?> HandleAsync(FederationEvent federationEvent, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.HandlerTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            foreach (var handler in _handlers)
            {
                await handler.HandleAsync(federationEvent, linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
            }

            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
