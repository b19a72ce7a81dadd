using System.Collections.Immutable;

namespace FederationKit.Organizations;

/// <summary>An organization's "only SSO" switch or its break-glass accounts changed.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="OnlySso">Whether the product's own login is now refused for every member.</param>
/// <param name="BreakGlassUserIds">The break-glass accounts now configured.</param>
/// <param name="ActorId">The owner who made the change.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record OrganizationOnlySsoChanged(OrganizationId OrganizationId, bool OnlySso, ImmutableArray<UserId> BreakGlassUserIds, UserId ActorId, DateTimeOffset OccurredAt)
    : FederationKit.Events.FederationEvent(TypeName, OccurredAt)
{
    /// <summary>The event type, <c>organization.only_sso_changed</c>.</summary>
    public const string TypeName = "organization.only_sso_changed";
}
