namespace FederationKit.Events.Outbox;

/// <summary>Error codes of the event outbox, its dispatcher and the audit query.</summary>
public static class OutboxErrorCodes
{
    /// <summary>The in-memory outbox holds its configured capacity of undelivered events; the event was not stored (fail closed).</summary>
    public const string Full = "outbox.full";

    /// <summary>The event's CLR type has no registration in the <see cref="FederationEventTypeRegistry"/>, so it could not be stored.</summary>
    public const string EventTypeUnregistered = "outbox.event_type_unregistered";

    /// <summary>A stored event could not be read back (unknown type name, newer schema version or malformed JSON); it was dead-lettered.</summary>
    public const string EventUnreadable = "outbox.event_unreadable";

    /// <summary>A handler threw or timed out while handling the event; it is retried with backoff until the attempt limit.</summary>
    public const string HandlerFailed = "outbox.handler_failed";

    /// <summary>The audit query's continuation token is malformed or was not issued for this query.</summary>
    public const string ContinuationInvalid = "outbox.audit_continuation_invalid";

    /// <summary>The audit query's page size or time range is out of bounds.</summary>
    public const string AuditQueryInvalid = "outbox.audit_query_invalid";
}
