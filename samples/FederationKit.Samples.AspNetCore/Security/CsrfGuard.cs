using Microsoft.AspNetCore.Antiforgery;

namespace FederationKit.Samples.AspNetCore.Security;

/// <summary>
/// Cross-site request forgery protection for every state-changing request, whether or not its endpoint binds a form: minimal
/// APIs only check the antiforgery token when a parameter comes from the form, so a forged POST without fields (accept,
/// revoke, sign out) would go through. Every unsafe method (POST, PUT, PATCH, DELETE) needs a valid token, except endpoints
/// that opt out with <c>.DisableAntiforgery()</c> because the protocol protects them (the SAML ACS, a cross-site POST by design).
/// </summary>
internal static class CsrfGuard
{
    /// <summary>The refusal, or null when the request is safe or carries a valid token.</summary>
    public static async Task<FederationError?> CheckAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            return null;
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: false })
        {
            return null;
        }

        // UseAntiforgery already checked endpoints that bind a form; check the others here, the same way.
        var valid = context.Features.Get<IAntiforgeryValidationFeature>() is { } checkedAlready
            ? checkedAlready.IsValid
            : await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
        return valid
            ? null
            : new FederationError(RequestErrorCodes.AntiforgeryFailed, "This request did not come from one of this app's own pages (its antiforgery token is missing or invalid), so nothing was changed. Reload the page and submit the form again.");
    }
}
