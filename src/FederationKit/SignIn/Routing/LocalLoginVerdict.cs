namespace FederationKit.SignIn.Routing;

/// <summary>How <see cref="LocalLoginPolicy"/> allowed the product's own login.</summary>
public enum LocalLoginVerdict
{
    /// <summary>Nothing restricts the product's own login for this user.</summary>
    Allowed = 1,

    /// <summary>SSO alone would be required, but the user is a break-glass account; <see cref="Events.BreakGlassLoginUsed"/> was raised.</summary>
    BreakGlass = 2,
}
