using FederationKit.Organizations;
using FederationKit.Samples.AspNetCore.Pages;
using FederationKit.Samples.AspNetCore.SignIn;
using Microsoft.AspNetCore.Mvc;

namespace FederationKit.Samples.AspNetCore.Admin;

/// <summary>Starting as a local owner and creating the organization (and optionally its parent organization).</summary>
internal static class OwnerEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/admin/start", (HttpContext context) => Html.Page("Start as owner",
            "<p>The sample has no user database of its own: start as the owner of a new organization with your email.</p>" +
            Forms.Post(context, "/admin/start", Forms.Text("email", "Your email", type: "email"), "Start", "start-form")));

        app.MapPost("/admin/start", async (HttpContext context, [FromForm] string email) =>
        {
            if (FederationKit.SignIn.Routing.EmailDomain.TryGetDomain(email) is null)
            {
                return Html.Error(new FederationError("sample.email_invalid", "Enter an email address such as you@example.com."));
            }

            await new SampleSession(UserId.New(), email.Trim(), SampleSession.OwnerKind, null).SignInAsync(context);
            return Results.Redirect("/admin");
        });

        app.MapPost("/admin/organization", async (HttpContext context, OrganizationService organizations, [FromForm] string name, [FromForm] string? parentName) =>
        {
            var session = SampleSession.Read(context);
            if (session is not { Kind: SampleSession.OwnerKind })
            {
                return Results.Redirect("/admin/start");
            }

            var created = await organizations.CreateOrganizationAsync(name, session.UserId, session.Email, context.RequestAborted);
            if (created.IsFailure)
            {
                return Html.Error(created.Error);
            }

            if (!string.IsNullOrWhiteSpace(parentName))
            {
                var parent = await organizations.CreateParentOrganizationAsync(parentName, session.UserId, session.Email, context.RequestAborted);
                if (parent.IsFailure)
                {
                    return Html.Error(parent.Error);
                }

                var linked = await organizations.LinkToParentAsync(created.Value.Id, parent.Value.Id, context.RequestAborted);
                if (linked.IsFailure)
                {
                    return Html.Error(linked.Error);
                }
            }

            await (session with { Organization = created.Value.Id }).SignInAsync(context);
            return Results.Redirect("/admin");
        });
    }
}
