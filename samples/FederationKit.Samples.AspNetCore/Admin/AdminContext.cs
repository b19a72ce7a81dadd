using FederationKit.Organizations;
using FederationKit.Samples.AspNetCore.SignIn;
using FederationKit.Stores;

namespace FederationKit.Samples.AspNetCore.Admin;

/// <summary>The signed-in local owner and their organization, or null when the request has none (the page redirects).</summary>
internal sealed record AdminContext(SampleSession Session, Organization Organization)
{
    /// <summary>Who owns domains and directories: the parent organization when there is one, else the organization.</summary>
    public OwnerRef Owner => Organization.EffectiveOwner;

    public static async Task<AdminContext?> LoadAsync(HttpContext context)
    {
        var session = SampleSession.Read(context);
        if (session is not { Kind: SampleSession.OwnerKind, Organization: { } orgId })
        {
            return null;
        }

        var organization = await context.RequestServices.GetRequiredService<IOrganizationStore>().FindAsync(orgId, context.RequestAborted);
        return organization is null ? null : new AdminContext(session, organization);
    }

    /// <summary>Runs an admin action: back to the dashboard on success, the error page (code and message) on failure.</summary>
    public static async Task<IResult> RunAsync<T>(HttpContext context, Func<AdminContext, Task<Result<T>>> action)
    {
        var admin = await LoadAsync(context);
        if (admin is null)
        {
            return Results.Redirect("/admin/start");
        }

        var result = await action(admin);
        return result.IsFailure ? Pages.Html.Error(result.Error) : Results.Redirect("/admin");
    }

    /// <summary>The OIDC redirect URI to register at every provider.</summary>
    public static string OidcRedirectUri(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<SampleOptions>().PublicBaseUrl;
        var root = configured?.ToString().TrimEnd('/') ?? $"{context.Request.Scheme}://{context.Request.Host}";
        return root + "/signin/oidc/callback";
    }
}
