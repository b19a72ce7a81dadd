using FederationKit.Directories;
using Microsoft.AspNetCore.Authentication;

namespace FederationKit.AspNetCore;

/// <summary>
/// Builds the <see cref="AuthenticationProperties"/> of a challenge of the FederationKit scheme:
/// <c>await HttpContext.ChallengeAsync(FederationKitDefaults.AuthenticationScheme, FederationKitChallengeProperties.ForEmail(email, "/app"))</c>.
/// The return URL goes to <see cref="AuthenticationProperties.RedirectUri"/> and must be a local path; anything else is
/// refused with <c>signin.return_url_invalid</c>, never redirected to.
/// </summary>
public static class FederationKitChallengeProperties
{
    /// <summary>The item holding the email to route.</summary>
    public const string EmailKey = ".fedkit.email";

    /// <summary>The item holding the IdP profile ID.</summary>
    public const string ProfileKey = ".fedkit.profile";

    /// <summary>The item holding the intent; <see cref="TestIntent"/> for a profile test.</summary>
    public const string IntentKey = ".fedkit.intent";

    /// <summary>The value of <see cref="IntentKey"/> for an administrator's profile test.</summary>
    public const string TestIntent = "test";

    /// <summary>Sign in the user of <paramref name="email"/>: routed to the active IdP profile of the email's directory.</summary>
    /// <param name="email">The email the user typed.</param>
    /// <param name="returnUrl">A local path to go to afterwards; default <c>/</c>.</param>
    public static AuthenticationProperties ForEmail(string email, string? returnUrl = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        return With(EmailKey, email, returnUrl);
    }

    /// <summary>Sign in through <paramref name="profileId"/> (a "Sign in with …" button); it must be its directory's active profile.</summary>
    /// <param name="profileId">The IdP profile.</param>
    /// <param name="returnUrl">A local path to go to afterwards; default <c>/</c>.</param>
    public static AuthenticationProperties ForProfile(IdpProfileId profileId, string? returnUrl = null) => With(ProfileKey, profileId.ToString(), returnUrl);

    /// <summary>
    /// Test <paramref name="profileId"/> on behalf of the administrator signed in with the sign-in scheme: the result is
    /// recorded for the profile and nobody is signed in. Refused with <c>signin.test_not_allowed</c> for anyone who does not
    /// administer the profile's directory.
    /// </summary>
    /// <param name="profileId">The IdP profile to test.</param>
    /// <param name="returnUrl">A local path to go to afterwards (the admin page); <c>fedkit_test=passed|failed</c> is added.</param>
    public static AuthenticationProperties ForProfileTest(IdpProfileId profileId, string? returnUrl = null)
    {
        var properties = ForProfile(profileId, returnUrl);
        properties.Items[IntentKey] = TestIntent;
        return properties;
    }

    private static AuthenticationProperties With(string key, string value, string? returnUrl)
    {
        var properties = new AuthenticationProperties { RedirectUri = returnUrl ?? "/" };
        properties.Items[key] = value;
        return properties;
    }
}
