using System.Globalization;
using System.Text;
using FederationKit.AspNetCore;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.Samples.AspNetCore.Admin;
using FederationKit.Samples.AspNetCore.Pages;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace FederationKit.Samples.AspNetCore.SignIn;

/// <summary>
/// The product's sign-in pages. Everything between the email and the signed-in member (routing, the IdP round trip,
/// validation, provisioning, the session) is the FederationKit authentication scheme's; this file only asks for it.
/// </summary>
internal static class SignInPages
{
    private static readonly string[] Scheme = [FederationKitDefaults.AuthenticationScheme];

    public static void Map(WebApplication app)
    {
        app.MapGet("/signin", (HttpContext context) => Html.Page("Sign in",
            "<p>Enter your work email: if your company connected its identity provider, you sign in there.</p>" +
            Forms.Post(context, "/signin", Forms.Text("email", "Work email", type: "email"), "Continue", "signin-form")));

        // Email-first: the scheme routes the email to its directory's active IdP, or to /signin/local when the domain has no SSO.
        app.MapPost("/signin", ([FromForm] string email) => Results.Challenge(FederationKitChallengeProperties.ForEmail(email, "/me"), Scheme));

        app.MapGet("/signin/local", (string? email) => Html.Page("No single sign-on",
            $"""<p id="local-route">{Html.Encode(email)} is not on a domain with single sign-on: this is where the product's own login would go.</p>"""));

        // An admin's test of a profile before activation: a POST with the antiforgery token (a forged navigation cannot start
        // one); the guard checks ownership, the scheme checks the admin's rights again.
        app.MapPost("/admin/profiles/{id:guid}/test", async (HttpContext context, Guid id) => await AdminContext.LoadAsync(context) is null
            ? Results.Redirect("/admin/start")
            : Results.Challenge(FederationKitChallengeProperties.ForProfileTest(new IdpProfileId(id), "/admin"), Scheme));

        app.MapGet("/me", MeAsync);

        // Ends the app session and, for a federated member, the IdP session (SAML single logout or OIDC RP-initiated logout).
        app.MapPost("/signout", () => Results.SignOut(new AuthenticationProperties { RedirectUri = "/signed-out" }, Scheme));
    }

    private static async Task<IResult> MeAsync(HttpContext context, IMembershipStore members, IOrganizationStore organizations)
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
            var role = member.Role.ToString();
            body.Append(CultureInfo.InvariantCulture, $"""<tr><td class="org">{Html.Encode(organization?.Name)}</td><td class="role">{Html.Encode(role)}</td><td class="username">{Html.Encode(member.Username)}</td><td class="groups">{Html.Encode(string.Join(", ", member.Groups))}</td></tr>""");
        }

        body.Append("</table>");
        body.Append(Forms.Post(context, "/signout", string.Empty, "Sign out", "signout-form"));
        return Html.Page("Your account", body.ToString());
    }
}
