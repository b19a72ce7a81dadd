namespace FederationKit.Events.Outbox;

/// <summary>Where an outbox entry is in its delivery.</summary>
public enum OutboxEntryState
{
    /// <summary>Not delivered yet (new, claimed by a dispatcher, or waiting for its next attempt).</summary>
    Pending = 0,

    /// <summary>Every handler accepted it.</summary>
    Delivered = 1,

    /// <summary>It failed its last allowed attempt (or could not be read) and is no longer delivered; it no longer holds back its aggregate.</summary>
    DeadLettered = 2,
}
