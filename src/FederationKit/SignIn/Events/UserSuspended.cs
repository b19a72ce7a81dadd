using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Events;

/// <summary>A user was suspended: every sign-in is refused until it is resumed. Type <c>user.suspended</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="UserId">The user.</param>
/// <param name="ActorId">The administrator who acted; null for the host acting as the system.</param>
public sealed record UserSuspended(DateTimeOffset OccurredAt, UserId UserId, UserId? ActorId)
    : FederationEvent("user.suspended", OccurredAt);
