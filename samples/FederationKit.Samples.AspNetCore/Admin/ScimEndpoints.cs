using FederationKit.Directories;
using FederationKit.DirectorySync.Tokens;
using FederationKit.Samples.AspNetCore.Pages;

namespace FederationKit.Samples.AspNetCore.Admin;

/// <summary>
/// A directory's SCIM page (<c>/admin/directories/{id}/scim</c>) and its token actions: create, rotate and revoke the bearer
/// tokens the customer's IdP provisions with. Only an administrator of the directory's owner gets here (the sample checks the
/// directory is among the admin's, and <see cref="DirectorySyncTokenService"/> checks the admin's rights again); the forms carry
/// the antiforgery token like every admin form. A new token's secret is in the answer to the POST that created it and nowhere
/// else: the page never shows it again.
/// </summary>
internal static class ScimEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/admin/directories/{id:guid}/scim", (HttpContext context, Guid id, int? offset) =>
            WithDirectoryAsync(context, id, (admin, directory) => ScimPage.RenderAsync(context, admin, directory, Math.Max(offset ?? 0, 0), issued: null)));

        // The token actions' URLs opened from the address bar (a GET never issues a token): to the page.
        app.MapGet("/admin/directories/{id:guid}/scim/tokens/{**rest}", (Guid id) => Results.Redirect(ScimPage.Path(new DirectoryId(id))));

        app.MapPost("/admin/directories/{id:guid}/scim/tokens", (HttpContext context, DirectorySyncTokenService tokens, Guid id) =>
            WithDirectoryAsync(context, id, async (admin, directory) =>
            {
                var issued = await tokens.IssueAsync(directory.Id, admin.Actor, context.RequestAborted);
                return issued.IsFailure ? Html.Error(issued.Error) : await ScimPage.RenderAsync(context, admin, directory, 0, issued.Value);
            }));

        // Rotation: a new token, and the directory's other valid tokens keep working until the overlap ends.
        app.MapPost("/admin/directories/{id:guid}/scim/tokens/rotate", (HttpContext context, DirectorySyncTokenService tokens, Guid id) =>
            WithDirectoryAsync(context, id, async (admin, directory) =>
            {
                var issued = await tokens.RotateAsync(directory.Id, admin.Actor, context.RequestAborted);
                return issued.IsFailure ? Html.Error(issued.Error) : await ScimPage.RenderAsync(context, admin, directory, 0, issued.Value);
            }));

        app.MapPost("/admin/directories/{id:guid}/scim/tokens/{tokenId}/revoke", (HttpContext context, DirectorySyncTokenService tokens, Guid id, string tokenId) =>
            WithDirectoryAsync(context, id, async (admin, directory) =>
            {
                var revoked = await tokens.RevokeAsync(directory.Id, tokenId, admin.Actor, context.RequestAborted);
                return revoked.IsFailure ? Html.Error(revoked.Error) : Results.Redirect(ScimPage.Path(directory.Id));
            }));
    }

    /// <summary>Runs <paramref name="action"/> for a signed-in owner and a directory of theirs; another one is answered like a missing one.</summary>
    private static async Task<IResult> WithDirectoryAsync(HttpContext context, Guid id, Func<AdminContext, IdentityDirectory, Task<IResult>> action)
    {
        var admin = await AdminContext.LoadAsync(context);
        if (admin is null)
        {
            return Results.Redirect("/admin/start");
        }

        var directory = await context.RequestServices.GetRequiredService<DirectoryService>().GetDirectoryAsync(new DirectoryId(id), admin.Actor, context.RequestAborted);
        if (directory.IsFailure || directory.Value.Owner != admin.Owner)
        {
            return Html.Error(new FederationError(DirectoryErrorCodes.NotFound, "No such directory among yours."), StatusCodes.Status404NotFound);
        }

        return await action(admin, directory.Value);
    }
}
