using FederationKit.Samples.AspNetCore.Admin;
using FederationKit.Samples.AspNetCore.Pages;

namespace FederationKit.Samples.AspNetCore.Security;

/// <summary>
/// The checks every request passes before its endpoint runs, in one place rather than per endpoint: the antiforgery token on
/// every state-changing request (<see cref="CsrfGuard"/>), required form fields (<see cref="RequiredFormFields"/>) and the
/// admin's ownership of the profile named in an <c>/admin/profiles/{id}/…</c> URL (<see cref="ProfileOwnershipGuard"/>).
/// A refusal is the sample's error page with a stable code; a request the binder cannot read is one too, never a developer
/// exception page.
/// </summary>
internal static class RequestGuards
{
    /// <summary>Adds the guards; call after <c>UseAuthentication</c> and <c>UseAntiforgery</c> (the token is bound to the signed-in user).</summary>
    public static void UseRequestGuards(this WebApplication app) => app.Use(async (context, next) =>
    {
        FederationError? refusal;
        try
        {
            refusal = await CsrfGuard.CheckAsync(context) ?? await RequiredFormFields.CheckAsync(context);
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException && !context.Response.HasStarted)
        {
            // A body that is not a readable form (a broken multipart boundary, an oversized field).
            refusal = new FederationError(RequestErrorCodes.Invalid, "The request's form could not be read.");
        }

        if (refusal is not null)
        {
            await Html.Error(refusal).ExecuteAsync(context);
            return;
        }

        if (await ProfileOwnershipGuard.CheckAsync(context) is { } notOwned)
        {
            await Html.Error(notOwned, StatusCodes.Status404NotFound).ExecuteAsync(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            // The binder's refusal (a malformed form, "force=maybe"): in Development it is thrown, which would show the developer exception page.
            context.Response.Clear();
            await Html.Error(new FederationError(RequestErrorCodes.Invalid, "The request could not be read: " + exception.Message), exception.StatusCode).ExecuteAsync(context);
        }
    });
}
