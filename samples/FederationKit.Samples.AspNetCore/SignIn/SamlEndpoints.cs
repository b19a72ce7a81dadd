using FederationKit.Directories;
using FederationKit.Saml;
using FederationKit.Saml.Metadata;
using FederationKit.Saml.Settings;
using FederationKit.Saml.SignIn;
using FederationKit.Samples.AspNetCore.Admin;
using FederationKit.Samples.AspNetCore.Pages;
using FederationKit.SignIn.Provisioning;
using FederationKit.Stores;
using Microsoft.AspNetCore.Mvc;

namespace FederationKit.Samples.AspNetCore.SignIn;

/// <summary>SAML: SP-initiated redirect, the per-profile ACS endpoint (POST binding) and the per-profile SP metadata.</summary>
internal static class SamlEndpoints
{
    private const string TestRelayState = "test";

    public static void Map(WebApplication app)
    {
        app.MapGet("/admin/profiles/{id:guid}/saml-test", async (HttpContext context, SamlProfileSignIns signIns, Guid id) =>
            await AdminContext.LoadAsync(context) is null ? Results.Redirect("/admin/start") : await StartAsync(signIns, new IdpProfileId(id), TestRelayState, context.RequestAborted));

        app.MapGet("/saml/metadata/{id:guid}", (SamlSignInOptions options, Guid id) =>
        {
            var sp = new SamlServiceProviderOptions { EntityId = options.EntityId };
            sp.AssertionConsumerServiceUrls.Add(options.AssertionConsumerServiceUrl(new IdpProfileId(id)));
            return Results.Content(SamlSpMetadata.Create(sp, options.SigningCertificate is { } certificate ? [certificate] : []), "application/samlmetadata+xml");
        });

        app.MapPost("/saml/acs/{id:guid}", AcsAsync).DisableAntiforgery();
    }

    /// <summary>The redirect to the IdP of a SAML profile.</summary>
    public static async Task<IResult> StartAsync(SamlProfileSignIns signIns, IdpProfileId profileId, string relayState, CancellationToken cancellationToken)
    {
        var request = await signIns.StartAsync(profileId, relayState, cancellationToken);
        return request.IsFailure ? Html.Error(request.Error) : Results.Redirect(request.Value.RedirectUrl.ToString());
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
        await new SampleSession(outcome.Value.UserId, identity.Email ?? string.Empty, SampleSession.MemberKind, outcome.Value.Memberships.FirstOrDefault()?.OrganizationId, null, null).SignInAsync(context);
        return Results.Redirect("/me");
    }
}
