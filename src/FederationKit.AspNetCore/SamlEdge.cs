using FederationKit.Directories;
using FederationKit.SignIn.Flow;
using Microsoft.AspNetCore.Http;

namespace FederationKit.AspNetCore;

/// <summary>The SAML-only endpoints: SP metadata and single logout (they need the SAML package's sign-in protocol).</summary>
internal static class SamlEdge
{
    /// <summary>SP metadata at the entity ID URL (<paramref name="profileId"/> null) or of one profile.</summary>
    public static Task MetadataAsync(FederationKitHandler handler, IdpProfileId? profileId, SignInCallbackUrls urls)
    {
        _ = profileId;
        _ = urls;
        handler.HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <summary>Single logout of one profile: an IdP LogoutResponse to our request, or an IdP-initiated LogoutRequest.</summary>
    public static Task SingleLogoutAsync(FederationKitHandler handler, IdpProfileId profileId, SignInCallbackUrls urls)
    {
        _ = profileId;
        _ = urls;
        handler.HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
