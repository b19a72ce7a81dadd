using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Events;

/// <summary>
/// A user was deleted: personal data erased, memberships removed, the row kept as a tombstone under the same id. Type
/// <c>user.deleted</c>.
/// </summary>
/// <param name="OccurredAt">When.</param>
/// <param name="UserId">The user (the tombstone's id).</param>
/// <param name="ActorId">The administrator who acted; null for the host acting as the system.</param>
public sealed record UserDeleted(DateTimeOffset OccurredAt, UserId UserId, UserId? ActorId)
    : FederationEvent("user.deleted", OccurredAt);
