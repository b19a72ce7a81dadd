using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.SignIn;

namespace FederationKit.Directories;

/// <summary>An IdP profile was added, changed, tested, activated or deleted. Carries no settings and no secrets.</summary>
/// <param name="Type">One of the profile event types in <see cref="DirectoryEventTypes"/>.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="DirectoryId">The directory.</param>
/// <param name="ProfileId">The profile.</param>
/// <param name="Protocol">The profile's protocol.</param>
public sealed record IdpProfileChanged(string Type, DateTimeOffset OccurredAt, DirectoryId DirectoryId, IdpProfileId ProfileId, IdentityProtocol Protocol)
    : FederationEvent(Type, OccurredAt)
{
    /// <summary>For <c>directory.profile.tested</c>: the test result.</summary>
    public ProfileTestResult? TestResult { get; init; }

    /// <summary>For <c>directory.profile.activated</c>: the profile that was active before, if any.</summary>
    public IdpProfileId? PreviousActiveProfileId { get; init; }

    /// <summary>For <c>directory.profile.activated</c>: whether the activation skipped the passed-test requirement.</summary>
    public bool Forced { get; init; }

    /// <summary>The profile's owner, whose audit trail lists the change (null only in events stored before it was recorded).</summary>
    public OwnerRef? Owner { get; init; }
}
