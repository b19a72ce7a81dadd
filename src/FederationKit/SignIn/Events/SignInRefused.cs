using FederationKit.Directories;
using FederationKit.Events;

namespace FederationKit.SignIn.Events;

/// <summary>
/// A sign-in through a known IdP profile was refused (<c>signin.refused</c>): its response was not accepted, or provisioning
/// refused the user. It carries the error code and the profile, never the response, a token, a subject or an email. Its actor
/// is the IdP profile and it belongs to the profile's owner. Refusals before a profile is known (an email without SSO, an
/// unknown transaction) raise no event: anyone can cause those, and they belong to no owner.
/// </summary>
/// <param name="OccurredAt">When.</param>
/// <param name="Stage">Where it was refused: <c>complete</c> (the response), <c>host</c> (the host vetoed the validated identity) or <c>provision</c> (just-in-time provisioning).</param>
/// <param name="ErrorCode">The stable error code, such as <c>saml.signature.invalid</c>.</param>
/// <param name="DirectoryId">The profile's directory.</param>
/// <param name="ProfileId">The IdP profile.</param>
public sealed record SignInRefused(DateTimeOffset OccurredAt, string Stage, string ErrorCode, DirectoryId DirectoryId, IdpProfileId ProfileId)
    : FederationEvent(TypeName, OccurredAt)
{
    /// <summary><c>signin.refused</c>.</summary>
    public const string TypeName = "signin.refused";

    /// <summary>
    /// Refusals through the same profile that raised no event because more than 20 a minute arrived (anyone can post to a
    /// profile's endpoint); reported on the profile's next event. Zero normally.
    /// </summary>
    public int Unreported { get; init; }
}
