namespace FederationKit.Events;

/// <summary>The aggregate an event belongs to: events of one aggregate are delivered in the order they were appended.</summary>
public static class FederationEventAggregates
{
    /// <summary>
    /// The event's aggregate key, such as <c>org:{id}</c>, <c>directory:{id}</c>, <c>domain:{name}</c> or <c>user:{id}</c>: the
    /// record the event changed, else its owner, else the first directory or organization it names, else <c>type:{type}</c>.
    /// At most 200 characters.
    /// </summary>
    /// <param name="federationEvent">The event.</param>
    public static string KeyOf(FederationEvent federationEvent)
    {
        ArgumentNullException.ThrowIfNull(federationEvent);
        return FederationEventFacts.AggregateKeyOf(federationEvent);
    }
}
