namespace FederationKit.SignIn.Routing;

/// <summary>A sign-in method of the product itself, which domain capture may refuse.</summary>
public enum LocalSignInMethod
{
    /// <summary>The product's own password (or passkey) login.</summary>
    Password = 1,

    /// <summary>A social login (Google, GitHub, …) not bound to the directory.</summary>
    Social = 2,
}
