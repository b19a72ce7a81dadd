using FederationKit.Events;
namespace FederationKit.Domains.Service;

/// <summary>
/// Runs the checks that are due. Each due claim is first taken by a versioned lease (an optimistic update), so two runners on
/// two instances never both check one claim; a crashed runner's lease expires after <see cref="DomainClaimOptions.CheckLeaseDuration"/>.
/// The lease of each claim is taken when that claim's check starts (not when the run started), so a long run never hands out a
/// lease that has already expired.
/// </summary>
internal sealed class DueCheckRunner(IDomainClaimStore claims, DomainClaimChecker checker, DomainClaimOptions options, TimeProvider time)
{
    /// <summary>Up to <paramref name="limit"/> claims due now that no runner holds.</summary>
    public Task<IReadOnlyList<DomainClaim>> ListDueAsync(int limit, CancellationToken cancellationToken) =>
        claims.ListDueAsync(time.GetUtcNow(), limit, cancellationToken);

    /// <summary>Processes up to <paramref name="limit"/> due checks, one after the other.</summary>
    public async Task<DueCheckSummary> RunAsync(int limit, CancellationToken cancellationToken)
    {
        var due = await ListDueAsync(limit, cancellationToken).ConfigureAwait(false);
        var total = DueCheckSummary.None;
        foreach (var claim in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            total += await RunOneAsync(claim, cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    /// <summary>Takes the lease on one listed claim and checks it; skipped when it is no longer due or another runner holds it.</summary>
    public async Task<DueCheckSummary> RunOneAsync(DomainClaim claim, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (claim.NextCheckAt is not { } next || next > now || (claim.LeaseExpiresAt is { } held && held > now))
        {
            return DueCheckSummary.OneSkipped;
        }

        var lease = await claims.UpdateAsync(claim with { LeaseHolder = Guid.NewGuid(), LeaseExpiresAt = now + options.CheckLeaseDuration }, cancellationToken).ConfigureAwait(false);
        if (!lease.TryGetValue(out var leased, out _))
        {
            return DueCheckSummary.OneSkipped;
        }

        var report = await checker.CheckAsync(leased, retryOnConflict: false, EventActor.System, cancellationToken).ConfigureAwait(false);
        if (!report.TryGetValue(out var done, out var error))
        {
            return error.Code is DomainErrorCodes.VerifiedByOtherOwner or DomainErrorCodes.SubdomainOfOtherOwner
                ? DueCheckSummary.None with { Processed = 1, LostToOtherOwner = 1 }
                : DueCheckSummary.OneSkipped;
        }

        var changed = done.Claim.State != claim.State;
        return new DueCheckSummary(
            Processed: 1,
            Skipped: 0,
            Verified: changed && done.Claim.State == DomainClaimState.Verified ? 1 : 0,
            Expired: changed && done.Claim.State == DomainClaimState.Expired ? 1 : 0,
            Lapsed: changed && done.Claim.State == DomainClaimState.Lapsed ? 1 : 0,
            LostToOtherOwner: 0,
            LookupFailures: done.Outcome == DomainCheckOutcome.LookupFailed ? 1 : 0);
    }
}
