using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace FederationKit.AspNetCore.Events;

/// <summary>The base of every FederationKit event context: the request, the scheme, its settings, and whether the host wrote the response.</summary>
public abstract class FederationKitEventContext : BaseContext<FederationKitAuthenticationOptions>
{
    /// <summary>Creates the context.</summary>
    /// <param name="context">The request.</param>
    /// <param name="scheme">The FederationKit scheme.</param>
    /// <param name="options">Its settings.</param>
    protected FederationKitEventContext(HttpContext context, AuthenticationScheme scheme, FederationKitAuthenticationOptions options)
        : base(context, scheme, options)
    {
    }

    /// <summary>Whether the host wrote the response itself (<see cref="HandleResponse"/>); the handler then writes nothing.</summary>
    public bool IsResponseHandled { get; private set; }

    /// <summary>Tells the handler that the host wrote the response (a redirect, a page); the handler skips its own.</summary>
    public void HandleResponse() => IsResponseHandled = true;
}
