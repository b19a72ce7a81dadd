using FederationKit.Directories;
using FederationKit.SignIn.Flow;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace FederationKit.AspNetCore.Events;

/// <summary>
/// Raised after an administrator's profile test was recorded (nobody is signed in). By default the browser then goes to the
/// return URL with <c>fedkit_test=passed</c> or <c>failed</c> added; call <see cref="FederationKitEventContext.HandleResponse"/>
/// to answer yourself.
/// </summary>
public sealed class ProfileTestedContext : FederationKitEventContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The FederationKit scheme.</param>
    /// <param name="options">Its settings.</param>
    /// <param name="completion">The validated response.</param>
    /// <param name="result">The recorded test result.</param>
    public ProfileTestedContext(HttpContext context, AuthenticationScheme scheme, FederationKitAuthenticationOptions options, SignInCompletion completion, ProfileTestResult result)
        : base(context, scheme, options)
    {
        Completion = completion ?? throw new ArgumentNullException(nameof(completion));
        Result = result ?? throw new ArgumentNullException(nameof(result));
    }

    /// <summary>The validated response (profile, directory, administrator in its transaction).</summary>
    public SignInCompletion Completion { get; }

    /// <summary>The recorded result.</summary>
    public ProfileTestResult Result { get; }
}
