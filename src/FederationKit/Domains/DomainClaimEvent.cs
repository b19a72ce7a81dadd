using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.Domains;

/// <summary>A domain claim changed; <see cref="FederationEvent.Type"/> is one of <see cref="DomainEventTypes"/>.</summary>
/// <param name="Type">What happened.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="ClaimId">The claim.</param>
/// <param name="Owner">The claim's owner.</param>
/// <param name="Domain">The normalized domain.</param>
/// <param name="PreviousState">The state before (null for a new claim).</param>
/// <param name="State">The state after (for a removal, the state it had).</param>
public sealed record DomainClaimEvent(
    string Type,
    DateTimeOffset OccurredAt,
    DomainClaimId ClaimId,
    OwnerRef Owner,
    string Domain,
    DomainClaimState? PreviousState,
    DomainClaimState State) : FederationEvent(Type, OccurredAt);
