namespace FederationKit.Organizations;

/// <summary>An organization was created.</summary>
/// <param name="OrganizationId">The new organization.</param>
/// <param name="Name">Its name.</param>
/// <param name="CreatedBy">The user who created it and became its owner.</param>
/// <param name="OccurredAt">When it happened.</param>
public sealed record OrganizationCreated(OrganizationId OrganizationId, string Name, UserId CreatedBy, DateTimeOffset OccurredAt) : FederationKit.Events.FederationEvent(TypeName, OccurredAt)
{
    /// <summary>The event type, <c>organization.created</c>.</summary>
    public const string TypeName = "organization.created";
}
