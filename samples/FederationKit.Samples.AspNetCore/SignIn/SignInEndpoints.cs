using System.Globalization;
using System.Text;
using FederationKit.Directories;
using FederationKit.Oidc;
using FederationKit.OneTime;
using FederationKit.Organizations;
using FederationKit.Samples.AspNetCore.Admin;
using FederationKit.Samples.AspNetCore.Pages;
using FederationKit.SignIn;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace FederationKit.Samples.AspNetCore.SignIn;

/// <summary>
/// Email-first sign-in: the router decides; OIDC goes to the provider and comes back to one callback, where the SDK checks
/// everything and provisions the member just in time. An admin's "Test sign-in" uses the same path and records the test.
/// </summary>
internal static class SignInEndpoints
{
    private const string ProfilePurpose = "sample.oidc.profile";
    private const string TestPrefix = "test:";

    public static void Map(WebApplication app)
    {
        app.MapGet("/signin", (HttpContext context) => Html.Page("Sign in",
            "<p>Enter your work email: if your company connected its identity provider, you sign in there.</p>" +
            Forms.Post(context, "/signin", Forms.Text("email", "Work email", type: "email"), "Continue", "signin-form")));

        app.MapPost("/signin", async (HttpContext context, SignInRouter router, [FromForm] string email) =>
        {
            var decision = await router.RouteAsync(email, context.RequestAborted);
            return decision switch
            {
                RefusedRoute refused => Html.Error(refused.Error),
                FederatedRoute { Protocol: IdentityProtocol.Oidc } route => await StartOidcAsync(context, route.ProfileId, route.LoginHint, "/me"),
                FederatedRoute route => await SamlEndpoints.StartAsync(context.RequestServices.GetRequiredService<FederationKit.Saml.SignIn.SamlProfileSignIns>(), route.ProfileId, "me", context.RequestAborted),
                _ => Html.Page("No single sign-on", $"""<p id="local-route">{Html.Encode(email)} is not on a domain with single sign-on: this is where the product's own login would go.</p>"""),
            };
        });

        app.MapGet("/admin/profiles/{id:guid}/test", async (HttpContext context, Guid id) =>
            await AdminContext.LoadAsync(context) is null ? Results.Redirect("/admin/start") : await StartOidcAsync(context, new IdpProfileId(id), null, TestPrefix + id));

        app.MapGet("/signin/oidc/callback", CallbackAsync);
        app.MapGet("/me", MeAsync);
        app.MapPost("/signout", SignOutAsync);
    }

    private static async Task<IResult> StartOidcAsync(HttpContext context, IdpProfileId profileId, string? loginHint, string returnUrl)
    {
        var signIns = context.RequestServices.GetRequiredService<OidcProfileSignIns>();
        var signIn = await signIns.GetAsync(profileId, AdminContext.OidcRedirectUri(context), context.RequestAborted);
        if (signIn.IsFailure)
        {
            return Html.Error(signIn.Error);
        }

        var url = await signIn.Value.StartAsync(loginHint, returnUrl, context.RequestAborted);
        if (url.IsFailure)
        {
            return Html.Error(url.Error);
        }

        // One callback URL serves every provider: remember which profile this state belongs to.
        var state = System.Web.HttpUtility.ParseQueryString(url.Value.Query)["state"]!;
        var store = context.RequestServices.GetRequiredService<IOneTimeStore>();
        await store.TryAddAsync(ProfilePurpose, state, Encoding.UTF8.GetBytes(profileId.ToString()), context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().AddMinutes(10), context.RequestAborted);
        return Results.Redirect(url.Value.ToString());
    }

    private static async Task<IResult> CallbackAsync(HttpContext context, IOneTimeStore store, OidcProfileSignIns signIns, IIdpProfileStore profileStore, IdpProfileService profiles, JitProvisioner provisioner)
    {
        var parameters = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var state = parameters.GetValueOrDefault("state") ?? string.Empty;
        var profileBytes = state.Length is > 0 and <= 256 ? await store.TryTakeAsync(ProfilePurpose, state, context.RequestAborted) : null;
        if (profileBytes is null || !Guid.TryParse(Encoding.UTF8.GetString(profileBytes), out var profileGuid))
        {
            return Html.Error(new FederationError(OidcErrorCodes.StateMismatch, "This sign-in response is unknown, expired or was already used. Start again."));
        }

        var profileId = new IdpProfileId(profileGuid);
        var signIn = await signIns.GetAsync(profileId, AdminContext.OidcRedirectUri(context), context.RequestAborted);
        if (signIn.IsFailure)
        {
            return Html.Error(signIn.Error);
        }

        var result = await signIn.Value.CompleteAsync(parameters, context.RequestAborted);
        if (result.IsFailure)
        {
            return Html.Error(result.Error);
        }

        var identity = result.Value.ToFederatedIdentity();
        if (result.Value.ReturnUrl is { } returnUrl && returnUrl.StartsWith(TestPrefix, StringComparison.Ordinal))
        {
            var test = await profiles.TestProfileAsync(profileId, identity, context.RequestAborted);
            return test.IsFailure ? Html.Error(test.Error) : Results.Redirect("/admin");
        }

        var profile = await profileStore.FindAsync(profileId, context.RequestAborted);
        if (profile is null)
        {
            return Html.Error(new FederationError(DirectoryErrorCodes.ProfileNotFound, "The identity provider was removed."));
        }

        var outcome = await provisioner.SignInAsync(new SignInProfileContext(profile.DirectoryId, profileId), identity, context.RequestAborted);
        if (outcome.IsFailure)
        {
            return Html.Error(outcome.Error, StatusCodes.Status403Forbidden);
        }

        var organization = outcome.Value.Memberships.FirstOrDefault()?.OrganizationId;
        await new SampleSession(outcome.Value.UserId, identity.Email ?? string.Empty, SampleSession.MemberKind, organization, result.Value.IdToken, profileId.ToString()).SignInAsync(context);
        return Results.Redirect("/me");
    }

    private static async Task<IResult> MeAsync(HttpContext context, IMemberProfileStore members, IOrganizationStore organizations)
    {
        var session = SampleSession.Read(context);
        if (session is null)
        {
            return Results.Redirect("/signin");
        }

        var body = new StringBuilder($"""<p>Signed in as <b id="me-email">{Html.Encode(session.Email)}</b> ({Html.Encode(session.Kind)}).</p>""");
        body.Append("<table id=\"memberships\"><tr><th>organization</th><th>role</th><th>username</th><th>groups</th></tr>");
        foreach (var member in await members.ListByUserAsync(session.UserId, context.RequestAborted))
        {
            var organization = await organizations.FindAsync(member.OrganizationId, context.RequestAborted);
            var role = organization?.FindMember(session.UserId)?.Role.ToString() ?? "-";
            body.Append(CultureInfo.InvariantCulture, $"""<tr><td class="org">{Html.Encode(organization?.Name)}</td><td class="role">{Html.Encode(role)}</td><td class="username">{Html.Encode(member.Username)}</td><td class="groups">{Html.Encode(string.Join(", ", member.Groups))}</td></tr>""");
        }

        body.Append("</table>");
        body.Append(Forms.Post(context, "/signout", string.Empty, "Sign out", "signout-form"));
        return Html.Page("Your account", body.ToString());
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, OidcProfileSignIns signIns, FederationKit.Saml.SignIn.SamlProfileLogouts samlLogouts)
    {
        var session = SampleSession.Read(context);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (session is { SamlNameId: not null } && await SamlEndpoints.StartLogoutAsync(samlLogouts, session, context.RequestAborted) is { } samlLogout)
        {
            return Results.Redirect(samlLogout);
        }

        if (session is { IdToken: { } idToken, ProfileId: { } profile } && Guid.TryParse(profile, out var profileGuid))
        {
            var signIn = await signIns.GetAsync(new IdpProfileId(profileGuid), AdminContext.OidcRedirectUri(context), context.RequestAborted);
            if (signIn.IsSuccess)
            {
                var root = AdminContext.OidcRedirectUri(context).Replace("/signin/oidc/callback", "/signed-out", StringComparison.Ordinal);
                var logout = await signIn.Value.CreateLogoutUrlAsync(idToken, new Uri(root), null, context.RequestAborted);
                if (logout.IsSuccess && logout.Value is { } url)
                {
                    return Results.Redirect(url.ToString());
                }
            }
        }

        return Results.Redirect("/signed-out");
    }
}
