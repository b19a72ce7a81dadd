using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Samples.AspNetCore.SignIn;
using FederationKit.Stores;

namespace FederationKit.Samples.AspNetCore.Admin;

/// <summary>The signed-in local owner and their organization, or null when the request has none (the page redirects).</summary>
internal sealed record AdminContext(SampleSession Session, Organization Organization)
{
    /// <summary>Who owns domains and directories: the parent organization when there is one, else the organization.</summary>
    public OwnerRef Owner => Organization.EffectiveOwner;

    /// <summary>The acting user every FederationKit admin operation takes (the services check that it administers <see cref="Owner"/>).</summary>
    public UserId Actor => Session.UserId;

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

    /// <summary>
    /// Whether <paramref name="profileId"/> is a profile of a directory this admin's organization owns (through its effective
    /// owner). Call it before anything that acts on a profile ID from a URL or form: activation, test sign-in.
    /// </summary>
    public async Task<bool> OwnsProfileAsync(HttpContext context, IdpProfileId profileId)
    {
        var profile = await context.RequestServices.GetRequiredService<IdpProfileService>().GetProfileAsync(profileId, Actor, context.RequestAborted);
        return profile.IsSuccess && await OwnsDirectoryAsync(context, profile.Value.DirectoryId);
    }

    /// <summary>Whether this admin's organization owns <paramref name="directoryId"/> (through its effective owner).</summary>
    public async Task<bool> OwnsDirectoryAsync(HttpContext context, DirectoryId directoryId)
    {
        var directory = await context.RequestServices.GetRequiredService<DirectoryService>().GetDirectoryAsync(directoryId, Actor, context.RequestAborted);
        return directory.IsSuccess && directory.Value.Owner == Owner;
    }

    /// <summary>The refusal for a profile this admin does not own: the same as for a missing one, revealing nothing.</summary>
    public static FederationError ProfileNotOwned() => new(DirectoryErrorCodes.ProfileNotFound, "No such identity provider profile in your directories.");

    /// <summary>The URLs the FederationKit scheme serves, to show to whoever configures an IdP.</summary>
    public static FederationKit.SignIn.Flow.SignInCallbackUrls EdgeUrls(HttpContext context) =>
        FederationKit.AspNetCore.FederationKitUrls.For(context) ?? throw new InvalidOperationException("The request has no host and Sample:PublicBaseUrl is not set.");
}
