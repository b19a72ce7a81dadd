namespace FederationKit.SignIn.Stores;

/// <summary>The state of a <see cref="SignInInvitation"/> that was not consumed yet.</summary>
public enum SignInInvitationStatus
{
    /// <summary>It matches a first sign-in.</summary>
    Open = 1,

    /// <summary>Its lifetime passed; it never matches (an administrator may resend it, which renews it).</summary>
    Expired = 2,

    /// <summary>An administrator revoked it; it never matches again.</summary>
    Revoked = 3,
}
