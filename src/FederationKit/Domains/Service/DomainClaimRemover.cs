using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.Domains.Service;

/// <summary>Removes a claim unless something depends on the domain; every registered <see cref="IDomainDependencyQuery"/> is asked.</summary>
internal sealed class DomainClaimRemover(IDomainClaimStore claims, IReadOnlyList<IDomainDependencyQuery> dependencies, DomainClaimWrites events)
{
    /// <summary>Removes the owner's claim on a normalized domain.</summary>
    public async Task<Result> RemoveAsync(OwnerRef owner, string name, EventActor actor, CancellationToken cancellationToken)
    {
        var claim = await claims.FindAsync(owner, name, cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            return DomainClaimErrors.ClaimNotFound(owner, name);
        }

        var dependents = new List<string>();
        foreach (var query in dependencies)
        {
            dependents.AddRange(await query.DescribeDependentsAsync(owner, name, cancellationToken).ConfigureAwait(false));
        }

        if (dependents.Count > 0)
        {
            var what = string.Join("; ", dependents);
            return new FederationError(DomainErrorCodes.InUse, $"'{name}' cannot be removed while something depends on it: {what}.")
                .WithDetail("domain", name).WithDetail("dependents", what);
        }

        var deleted = await events.WriteAsync(
            async ct =>
            {
                var removed = await claims.DeleteAsync(claim.Id, claim.Version, ct).ConfigureAwait(false);
                return removed.IsFailure ? Result<bool>.Failure(removed.Error) : true;
            },
            _ => [events.Claim(DomainEventTypes.Removed, claim, claim.State)],
            actor,
            cancellationToken).ConfigureAwait(false);
        return deleted.IsFailure ? deleted.Error : Result.Success;
    }
}
