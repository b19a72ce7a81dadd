using FederationKit.Directories;
using FederationKit.Saml;
using FederationKit.Saml.Logout;
using FederationKit.Saml.SignIn;
using FederationKit.Samples.AspNetCore.Admin;
using FederationKit.Samples.AspNetCore.Pages;
using FederationKit.SignIn.Provisioning;
using FederationKit.Stores;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace FederationKit.Samples.AspNetCore.SignIn;

/// <summary>SAML: SP-initiated redirect, the per-profile ACS endpoint (POST binding), SLO endpoint and SP metadata.</summary>
internal static class SamlEndpoints
{
    private const string TestRelayState = "test";

    public static void Map(WebApplication app)
    {
        app.MapGet("/admin/profiles/{id:guid}/saml-test", async (HttpContext context, SamlProfileSignIns signIns, Guid id) =>
            await AdminContext.LoadAsync(context) is null ? Results.Redirect("/admin/start") : await StartAsync(signIns, new IdpProfileId(id), TestRelayState, context.RequestAborted));

        // The profile's SP metadata: the encryption key is published only when the profile wants encrypted assertions.
        app.MapGet("/saml/metadata/{id:guid}", async (SamlProfileSignIns signIns, Guid id, CancellationToken cancellationToken) =>
        {
            var metadata = await signIns.MetadataAsync(new IdpProfileId(id), cancellationToken);
            return metadata.IsFailure ? Html.Error(metadata.Error, StatusCodes.Status404NotFound) : Results.Content(metadata.Value, "application/samlmetadata+xml");
        });

        app.MapGet("/saml/slo/{id:guid}", SingleLogoutAsync);

        app.MapPost("/saml/acs/{id:guid}", AcsAsync).DisableAntiforgery();
    }

    /// <summary>The redirect to the IdP of a SAML profile.</summary>
    public static async Task<IResult> StartAsync(SamlProfileSignIns signIns, IdpProfileId profileId, string relayState, CancellationToken cancellationToken)
    {
        var request = await signIns.StartAsync(profileId, relayState, cancellationToken);
        if (request.IsFailure && request.Error.Details.TryGetValue("setting", out var setting) && setting == "SingleSignOnUrlRedirect")
        {
            // The IdP publishes only a POST SSO URL: the browser posts the (XML-signed) request through an auto-submitting form.
            var post = await signIns.StartPostAsync(profileId, relayState, cancellationToken);
            return post.IsFailure ? Html.Error(post.Error) : Results.Content(post.Value.ToAutoSubmitHtml(), "text/html; charset=utf-8");
        }

        return request.IsFailure ? Html.Error(request.Error) : Results.Redirect(request.Value.RedirectUrl.ToString());
    }

    /// <summary>The redirect that ends the IdP session of a SAML sign-in (SP-initiated single logout), or null when the IdP has no SLO.</summary>
    public static async Task<string?> StartLogoutAsync(SamlProfileLogouts logouts, SampleSession session, CancellationToken cancellationToken)
    {
        if (session is not { SamlNameId: { } nameId, ProfileId: { } profile } || !Guid.TryParse(profile, out var profileId))
        {
            return null;
        }

        var request = await logouts.StartAsync(new IdpProfileId(profileId), new SamlLogoutRequestOptions { NameId = nameId, SessionIndex = session.SamlSessionIndex }, cancellationToken);
        return request.IsSuccess ? request.Value.RedirectUrl.ToString() : null;
    }

    /// <summary>The SLO endpoint: the IdP's answer to our LogoutRequest, or a LogoutRequest from the IdP (logout started elsewhere).</summary>
    private static async Task<IResult> SingleLogoutAsync(HttpContext context, SamlProfileLogouts logouts, Guid id)
    {
        var profileId = new IdpProfileId(id);
        var query = context.Request.QueryString.Value ?? string.Empty;
        if (!context.Request.Query.ContainsKey("SAMLRequest"))
        {
            var answer = await logouts.CompleteAsync(profileId, query, context.RequestAborted);
            return answer.IsFailure ? Html.Error(answer.Error) : Results.Redirect("/signed-out");
        }

        var request = await logouts.ReceiveAsync(profileId, query, context.RequestAborted);
        if (request.IsFailure)
        {
            return Html.Error(request.Error, StatusCodes.Status403Forbidden);
        }

        // End this browser's session when it belongs to the subject the IdP logs out (sessions elsewhere expire on their own:
        // the sample keeps no server-side session list).
        if (SampleSession.Read(context) is { SamlNameId: { } nameId } session && session.ProfileId == profileId.ToString() && nameId.Value == request.Value.NameId.Value)
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }

        var response = await logouts.AnswerAsync(profileId, request.Value, allSessionsEnded: true, context.RequestAborted);
        return response.IsFailure ? Html.Error(response.Error) : Results.Redirect(response.Value.ToString());
    }

    private static async Task<IResult> AcsAsync(HttpContext context, SamlProfileSignIns signIns, IIdpProfileStore profileStore, IdpProfileService profiles, JitProvisioner provisioner, Guid id,
        [FromForm(Name = "SAMLResponse")] string? samlResponse, [FromForm(Name = "RelayState")] string? relayState)
    {
        var profileId = new IdpProfileId(id);
        if (string.IsNullOrEmpty(samlResponse))
        {
            return Html.Error(new FederationError(SamlErrorCodes.ResponseMalformed, "The IdP posted no SAMLResponse."));
        }

        var completed = await signIns.CompleteAsync(profileId, samlResponse, context.RequestAborted);
        if (completed.IsFailure)
        {
            return Html.Error(completed.Error, StatusCodes.Status403Forbidden);
        }

        if (relayState == TestRelayState)
        {
            var test = await profiles.TestProfileAsync(profileId, completed.Value.Identity, context.RequestAborted);
            return test.IsFailure ? Html.Error(test.Error) : Results.Redirect("/admin");
        }

        var profile = await profileStore.FindAsync(profileId, context.RequestAborted);
        if (profile is null)
        {
            return Html.Error(new FederationError(DirectoryErrorCodes.ProfileNotFound, "The identity provider was removed."));
        }

        var outcome = await provisioner.SignInAsync(new SignInProfileContext(profile.DirectoryId, profileId), completed.Value.Identity, context.RequestAborted);
        if (outcome.IsFailure)
        {
            return Html.Error(outcome.Error, StatusCodes.Status403Forbidden);
        }

        var identity = completed.Value.Identity;
        var assertion = completed.Value.Assertion;
        await new SampleSession(outcome.Value.UserId, identity.Email ?? string.Empty, SampleSession.MemberKind, outcome.Value.Memberships.FirstOrDefault()?.OrganizationId, null, profileId.ToString())
        {
            SamlNameId = assertion.NameId,
            SamlSessionIndex = assertion.SessionIndex,
        }.SignInAsync(context);
        return Results.Redirect("/me");
    }
}
