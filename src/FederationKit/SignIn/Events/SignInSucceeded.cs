using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Events;

/// <summary>
/// A user signed in through an IdP profile and was provisioned (<c>signin.succeeded</c>). Its actor is the IdP profile and it
/// belongs to the profile's owner.
/// </summary>
/// <param name="OccurredAt">When.</param>
/// <param name="DirectoryId">The profile's directory.</param>
/// <param name="ProfileId">The IdP profile the user signed in through.</param>
/// <param name="UserId">The user.</param>
/// <param name="UserCreated">Whether this sign-in created the user.</param>
public sealed record SignInSucceeded(DateTimeOffset OccurredAt, DirectoryId DirectoryId, IdpProfileId ProfileId, UserId UserId, bool UserCreated)
    : FederationEvent(TypeName, OccurredAt)
{
    /// <summary><c>signin.succeeded</c>.</summary>
    public const string TypeName = "signin.succeeded";
}
