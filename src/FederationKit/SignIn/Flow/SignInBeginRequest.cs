using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Flow;

/// <summary>
/// How a sign-in starts: with the email the user typed (routed to the directory's active IdP, email-first) or with a
/// profile (a "Sign in with …" button, or an administrator's test of a profile). Set exactly one of <see cref="Email"/>
/// and <see cref="ProfileId"/>.
/// </summary>
public sealed record SignInBeginRequest
{
    /// <summary>The email the user typed; routed through the SDK's domain index.</summary>
    public string? Email { get; init; }

    /// <summary>The IdP profile to use; for <see cref="SignInIntent.SignIn"/> it must be its directory's active profile.</summary>
    public IdpProfileId? ProfileId { get; init; }

    /// <summary>Sign in (default) or test the profile.</summary>
    public SignInIntent Intent { get; init; } = SignInIntent.SignIn;

    /// <summary>For <see cref="SignInIntent.TestProfile"/>: the signed-in administrator who starts the test.</summary>
    public UserId? AdministratorId { get; init; }

    /// <summary>Where the browser goes afterwards: a local path (default <c>/</c>); anything else is refused.</summary>
    public string? ReturnUrl { get; init; }

    /// <summary>The edge's URLs.</summary>
    public required SignInCallbackUrls Urls { get; init; }
}
