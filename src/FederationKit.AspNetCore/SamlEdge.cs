using FederationKit.Directories;
using FederationKit.Saml.SignIn;
using FederationKit.SignIn.Flow;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.AspNetCore;

/// <summary>
/// The SAML-only endpoints, served through <see cref="SamlSignInProtocol"/> (registered by <c>AddSaml</c>; without it they
/// answer 404): SP metadata, and single logout in both directions.
/// </summary>
internal static class SamlEdge
{
    /// <summary>The SP metadata at the entity ID URL (<paramref name="profileId"/> null: the shared ACS) or of one profile.</summary>
    public static async Task MetadataAsync(FederationKitHandler handler, IdpProfileId? profileId, SignInCallbackUrls urls)
    {
        var context = handler.HttpContext;
        var saml = context.RequestServices.GetService<SamlSignInProtocol>();
        if (saml is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var metadata = await saml.MetadataAsync(profileId, urls, context.RequestAborted);
        if (metadata.IsFailure)
        {
            await handler.FailAsync(metadata.Error);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/samlmetadata+xml; charset=utf-8";
        await context.Response.WriteAsync(metadata.Value, context.RequestAborted);
    }

    /// <summary>
    /// Single logout at a profile's SLO URL (Redirect binding by GET, POST binding). The protocol verifies the message
    /// (signature, destination, freshness, once). An IdP LogoutResponse to our request sends the browser to the return URL
    /// kept at sign-out. An IdP LogoutRequest ends this browser's session when it is the subject's (same profile, NameID
    /// and SessionIndex) and is answered: Success when the subject has no session left here, PartialLogout when this browser
    /// holds another FederationKit session (the subject's may live in another browser; end it there through your own
    /// session store if you keep one).
    /// </summary>
    public static async Task SingleLogoutAsync(FederationKitHandler handler, IdpProfileId profileId, SignInCallbackUrls urls)
    {
        var context = handler.HttpContext;
        var saml = context.RequestServices.GetService<SamlSignInProtocol>();
        if (saml is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var isPost = HttpMethods.IsPost(context.Request.Method);
        IReadOnlyDictionary<string, string> form = new Dictionary<string, string>();
        if (isPost)
        {
            var parameters = await handler.ReadParametersAsync(fromForm: true);
            if (parameters is null)
            {
                await handler.FailAsync(new FederationError(SignIn.SignInErrorCodes.RequestInvalid, "The logout message is malformed: a form was expected, each parameter once."));
                return;
            }

            if (await handler.RepostedSameSiteAsync(parameters))
            {
                return;
            }

            form = parameters;
        }

        // The Redirect binding's signature covers the query string exactly as sent: pass it raw.
        var received = await saml.ReceiveLogoutAsync(profileId, new SamlLogoutMessage(isPost, context.Request.QueryString.Value ?? string.Empty, form), urls, context.RequestAborted);
        if (received.IsFailure)
        {
            await handler.FailAsync(received.Error);
            return;
        }

        if (received.Value.IsResponse)
        {
            await handler.ReturnAfterSignOutAsync(received.Value.RelayState);
            return;
        }

        var signInScheme = handler.Settings.SignInScheme;
        var session = await context.AuthenticateAsync(signInScheme);
        var federated = session.Succeeded && FederationKitSessionItems.TryRead(session.Properties, out var sessionProfile, out var sessionData) ? (sessionProfile, sessionData) : default;
        var matches = federated.sessionData is not null && federated.sessionProfile == profileId && received.Value.Matches(federated.sessionData);
        if (matches)
        {
            await context.SignOutAsync(signInScheme);
        }

        var answer = await saml.AnswerLogoutAsync(profileId, received.Value, allSessionsEnded: matches || federated.sessionData is null, urls, context.RequestAborted);
        if (answer.IsFailure)
        {
            await handler.FailAsync(answer.Error);
            return;
        }

        await BrowserPages.SendAsync(context.Response, answer.Value);
    }
}
