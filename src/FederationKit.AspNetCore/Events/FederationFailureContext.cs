using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace FederationKit.AspNetCore.Events;

/// <summary>
/// Raised on every refusal (challenge, response, sign-out). By default the handler answers <see cref="StatusCode"/> with a
/// small HTML page showing the error's code and message; render or redirect yourself and call
/// <see cref="FederationKitEventContext.HandleResponse"/> to replace it.
/// </summary>
public sealed class FederationFailureContext : FederationKitEventContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The FederationKit scheme.</param>
    /// <param name="options">Its settings.</param>
    /// <param name="error">The refusal.</param>
    /// <param name="statusCode">The status the default page answers with.</param>
    public FederationFailureContext(HttpContext context, AuthenticationScheme scheme, FederationKitAuthenticationOptions options, FederationError error, int statusCode)
        : base(context, scheme, options)
    {
        Error = error ?? throw new ArgumentNullException(nameof(error));
        StatusCode = statusCode;
    }

    /// <summary>The refusal: a stable dotted code (see docs/errors.md) and a message for the user.</summary>
    public FederationError Error { get; }

    /// <summary>The status of the default page: 400 for a malformed request, 503 when the one-time store is down, else 403.</summary>
    public int StatusCode { get; set; }
}
