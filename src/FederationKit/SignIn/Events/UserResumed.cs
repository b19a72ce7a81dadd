using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Events;

/// <summary>A suspended user was resumed and may sign in again. Type <c>user.resumed</c>.</summary>
/// <param name="OccurredAt">When.</param>
/// <param name="UserId">The user.</param>
/// <param name="ActorId">The administrator who acted; null for the host acting as the system.</param>
public sealed record UserResumed(DateTimeOffset OccurredAt, UserId UserId, UserId? ActorId)
    : FederationEvent("user.resumed", OccurredAt);
