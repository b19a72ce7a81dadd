namespace FederationKit.AspNetCore;

/// <summary>
/// The claims the handler issues besides <see cref="System.Security.Claims.ClaimTypes.NameIdentifier"/> (the product's
/// user ID), <see cref="System.Security.Claims.ClaimTypes.Email"/> and <see cref="System.Security.Claims.ClaimTypes.Name"/>.
/// </summary>
public static class FederationKitClaimTypes
{
    /// <summary>The product's user ID again, under the short JWT name.</summary>
    public const string Subject = "sub";

    /// <summary>The IdP profile the user signed in through.</summary>
    public const string Profile = "fedkit:profile";

    /// <summary>The directory of that profile.</summary>
    public const string Directory = "fedkit:directory";

    /// <summary>One claim per organization the user is a member of through this directory.</summary>
    public const string Organization = "fedkit:organization";

    /// <summary>
    /// The user's security stamp when the session was issued: the cookie is rejected once it no longer matches the stored one
    /// (see <see cref="FederationKitSecurityStampValidator"/>).
    /// </summary>
    public const string SecurityStamp = "fedkit:security_stamp";

    /// <summary>The protocol (<c>Saml</c> or <c>Oidc</c>).</summary>
    public const string Protocol = "fedkit:protocol";
}
