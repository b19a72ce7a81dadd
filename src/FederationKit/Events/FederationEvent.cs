using System.Diagnostics;
using FederationKit.Organizations;

namespace FederationKit.Events;

/// <summary>
/// Something that changed state in FederationKit. Every state change raises one, so a host can audit and notify.
/// Events carry identifiers and facts, never secrets or tokens. Besides its facts, each event carries an envelope: a unique
/// <see cref="EventId"/> (for idempotent consumers), the <see cref="Actor"/> who caused it, a <see cref="CorrelationId"/> and
/// the owner whose audit trail lists it (<see cref="OwnedBy"/>). Equality compares the facts (the event's type and positional
/// values), not the envelope, so two events that say the same thing are equal whichever ID they got.
/// </summary>
/// <param name="Type">A stable, dotted name such as <c>organization.created</c>.</param>
/// <param name="OccurredAt">When it happened, read from the injected <see cref="TimeProvider"/>.</param>
public abstract record FederationEvent(string Type, DateTimeOffset OccurredAt)
{
    private readonly EventActor? _actor;
    private readonly OwnerRef? _ownedBy;
    private readonly bool _ownedBySet;

    /// <summary>A unique identifier (a version 7 GUID, time-ordered from <see cref="OccurredAt"/>); consumers deduplicate on it.</summary>
    public Guid EventId { get; init; } = Guid.CreateVersion7(OccurredAt);

    /// <summary>
    /// Who caused the change: an administrator, an IdP profile (a sign-in), a SCIM token, or the system. Unless set, it is read
    /// from the event's facts where they name the acting user (for example <c>OrganizationMemberAdded.ActorId</c>), else
    /// <see cref="EventActor.System"/>.
    /// </summary>
    public EventActor Actor
    {
        get => _actor ?? FederationEventFacts.ActorOf(this) ?? EventActor.System;
        init => _actor = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Ties together the events of one request or job. Unless set, the W3C trace ID of the current <see cref="Activity"/> when
    /// the event was created (an ASP.NET Core request's trace), or null.
    /// </summary>
    public string? CorrelationId { get; init; } = Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : null;

    /// <summary>
    /// The organization or parent organization whose audit trail lists the event. Unless set, it is read from the event's
    /// facts (an organization, a directory's or a claim's owner); null when they name none.
    /// </summary>
    public OwnerRef? OwnedBy
    {
        get => _ownedBySet ? _ownedBy : FederationEventFacts.OwnerOf(this);
        init
        {
            _ownedBy = value;
            _ownedBySet = true;
        }
    }

    /// <summary>Compares the facts: the record type, <see cref="Type"/> and <see cref="OccurredAt"/> (derived records add their own values); not the envelope.</summary>
    /// <param name="other">The other event.</param>
    public virtual bool Equals(FederationEvent? other) =>
        ReferenceEquals(this, other)
        || (other is not null && EqualityContract == other.EqualityContract && string.Equals(Type, other.Type, StringComparison.Ordinal) && OccurredAt == other.OccurredAt);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(EqualityContract, Type, OccurredAt);
}
