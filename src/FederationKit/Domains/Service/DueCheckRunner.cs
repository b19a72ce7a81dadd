namespace FederationKit.Domains.Service;

/// <summary>
/// Runs the checks that are due. Each due claim is first taken by a versioned lease (an optimistic update), so two runners on
/// two instances never both check one claim; a crashed runner's lease expires after <see cref="DomainClaimOptions.CheckLeaseDuration"/>.
/// </summary>
internal sealed class DueCheckRunner(IDomainClaimStore claims, DomainClaimChecker checker, DomainClaimOptions options, TimeProvider time)
{
    /// <summary>Processes up to <paramref name="limit"/> due checks.</summary>
    public async Task<DueCheckSummary> RunAsync(int limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await claims.ListDueAsync(now, limit, cancellationToken).ConfigureAwait(false);
        var runner = Guid.NewGuid();
        int processed = 0, skipped = 0, verified = 0, expired = 0, lapsed = 0, lost = 0, failures = 0;
        foreach (var claim in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lease = await claims.UpdateAsync(claim with { LeaseHolder = runner, LeaseExpiresAt = now + options.CheckLeaseDuration }, cancellationToken).ConfigureAwait(false);
            if (!lease.TryGetValue(out var leased, out _))
            {
                skipped++;
                continue;
            }

            var report = await checker.CheckAsync(leased, retryOnConflict: false, cancellationToken).ConfigureAwait(false);
            if (!report.TryGetValue(out var done, out var error))
            {
                if (error.Code is DomainErrorCodes.VerifiedByOtherOwner or DomainErrorCodes.SubdomainOfOtherOwner)
                {
                    processed++;
                    lost++;
                }
                else
                {
                    skipped++;
                }

                continue;
            }

            processed++;
            failures += done.Outcome == DomainCheckOutcome.LookupFailed ? 1 : 0;
            if (done.Claim.State != claim.State)
            {
                verified += done.Claim.State == DomainClaimState.Verified ? 1 : 0;
                expired += done.Claim.State == DomainClaimState.Expired ? 1 : 0;
                lapsed += done.Claim.State == DomainClaimState.Lapsed ? 1 : 0;
            }
        }

        return new DueCheckSummary(processed, skipped, verified, expired, lapsed, lost, failures);
    }
}
