namespace FederationKit.Events.Outbox;

/// <summary>
/// Thrown by the outbox's event sink when an event could not be stored (the outbox is full or the type is unregistered): the
/// sink has no other way to fail closed, and an event must never be dropped silently.
/// </summary>
public sealed class FederationEventOutboxException : Exception
{
    /// <summary>Creates the exception from the outbox's refusal.</summary>
    /// <param name="error">Why the event was not stored.</param>
    public FederationEventOutboxException(FederationError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).ToString()) => Error = error;

    /// <summary>Creates the exception with a message (for serializers and tests).</summary>
    public FederationEventOutboxException()
        : this(new FederationError(OutboxErrorCodes.Full, "The event could not be stored in the outbox."))
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public FederationEventOutboxException(string message)
        : this(new FederationError(OutboxErrorCodes.Full, message))
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FederationEventOutboxException(string message, Exception innerException)
        : base(message, innerException) => Error = new FederationError(OutboxErrorCodes.Full, message);

    /// <summary>Why the event was not stored.</summary>
    public FederationError Error { get; }
}
