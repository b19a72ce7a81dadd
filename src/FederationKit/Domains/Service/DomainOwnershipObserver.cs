namespace FederationKit.Domains.Service;

/// <summary>
/// Looks at the world for one claim: is it covered by the owner's own verified parent domain, blocked by another owner's verified
/// domain, or does its host name carry the owner's TXT record? Reads the stores and DNS; changes nothing.
/// </summary>
internal sealed class DomainOwnershipObserver(
    IDomainClaimStore claims,
    OwnershipTokenIssuer tokens,
    IDnsTxtResolver resolver,
    DomainClaimOptions options)
{
    /// <summary>What one look saw.</summary>
    /// <param name="Outcome">Present, absent or failed.</param>
    /// <param name="Detail">A short explanation.</param>
    /// <param name="BlockedBy">Another owner's verified claim that covers this (not yet verified) claim, if any.</param>
    public sealed record Observation(DomainCheckOutcome Outcome, string Detail, DomainClaim? BlockedBy);

    /// <summary>Observes one claim.</summary>
    public async Task<Observation> ObserveAsync(DomainClaim claim, CancellationToken cancellationToken)
    {
        if (!claim.IsVerified)
        {
            var cover = await claims.FindLongestVerifiedSuffixAsync(claim.Domain, cancellationToken).ConfigureAwait(false);
            if (cover is not null && cover.Owner != claim.Owner)
            {
                return new Observation(DomainCheckOutcome.Absent, $"'{cover.Domain}' is verified by another owner", cover);
            }
        }

        var dot = claim.Domain.IndexOf('.', StringComparison.Ordinal);
        if (await claims.IsCoveredAsync(claim.Owner, claim.Domain[(dot + 1)..], cancellationToken).ConfigureAwait(false))
        {
            return new Observation(DomainCheckOutcome.Present, "covered by a verified parent domain of the same owner", null);
        }

        var token = await tokens.GetOrCreateAsync(claim.Owner, cancellationToken).ConfigureAwait(false);
        if (!token.TryGetValue(out var value, out var error))
        {
            return new Observation(DomainCheckOutcome.LookupFailed, error.Message, null);
        }

        var instructions = VerificationInstructions.Build(claim.Domain, value.Value, options.RecordPrefix, options.RecordHostLabel);
        var lookup = await resolver.ResolveTxtAsync(instructions.Host, cancellationToken).ConfigureAwait(false);
        var outcome = lookup.Outcome switch
        {
            DnsTxtLookupOutcome.Failed => DomainCheckOutcome.LookupFailed,
            _ when lookup.ContainsValue(instructions.Value) => DomainCheckOutcome.Present,
            _ => DomainCheckOutcome.Absent,
        };
        return new Observation(outcome, lookup.Detail, null);
    }
}
