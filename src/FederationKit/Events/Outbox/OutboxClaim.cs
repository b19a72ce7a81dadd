namespace FederationKit.Events.Outbox;

/// <summary>An outbox entry claimed by one dispatcher until <see cref="LeaseExpiresAt"/>; only the lease holder may settle it.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="LeaseToken">The lease; pass it to settle the entry.</param>
/// <param name="LeaseExpiresAt">When another dispatcher may claim the entry again.</param>
public sealed record OutboxClaim(OutboxEntry Entry, Guid LeaseToken, DateTimeOffset LeaseExpiresAt);
