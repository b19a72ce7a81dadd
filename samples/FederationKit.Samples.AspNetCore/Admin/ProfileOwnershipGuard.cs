using FederationKit.Directories;

namespace FederationKit.Samples.AspNetCore.Admin;

/// <summary>
/// Every endpoint under <c>/admin/profiles/{id}/</c> (activate, test sign-in, SAML test sign-in, and any added later) acts only
/// on a profile of a directory the signed-in admin's organization owns. Another organization's profile is answered like a
/// missing one (<see cref="DirectoryErrorCodes.ProfileNotFound"/>), so its existence is not revealed.
/// </summary>
internal static class ProfileOwnershipGuard
{
    private const string Prefix = "/admin/profiles/{id";

    /// <summary>The refusal, or null when the URL names no profile, nobody is signed in (the endpoint redirects), or the admin owns it.</summary>
    public static async Task<FederationError?> CheckAsync(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: { } pattern } || !pattern.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || !Guid.TryParse(context.Request.RouteValues["id"]?.ToString(), out var id))
        {
            return null;
        }

        var admin = await AdminContext.LoadAsync(context);
        return admin is null || await admin.OwnsProfileAsync(context, new IdpProfileId(id)) ? null : AdminContext.ProfileNotOwned();
    }
}
