namespace FederationKit.SignIn.Policies;

/// <summary>How a user who is not yet a member joins an organization on first sign-in.</summary>
public enum JoinMode
{
    /// <summary>Any user of the directory joins automatically.</summary>
    Automatic = 1,

    /// <summary>Only users an administrator invited (matched by email or by IdP user id) may join.</summary>
    InvitationOnly = 2,
}
