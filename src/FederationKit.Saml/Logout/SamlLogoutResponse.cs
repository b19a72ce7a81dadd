namespace FederationKit.Saml.Logout;

/// <summary>The IdP's verified answer to our LogoutRequest.</summary>
public sealed record SamlLogoutResponse
{
    /// <summary>The ID of our LogoutRequest it answers.</summary>
    public required string InResponseTo { get; init; }

    /// <summary>The IdP entity ID.</summary>
    public required string Issuer { get; init; }

    /// <summary>The top-level status code.</summary>
    public required string StatusCode { get; init; }

    /// <summary>The second-level status code (for example <c>PartialLogout</c>), or null.</summary>
    public string? SubStatusCode { get; init; }

    /// <summary>Whether the IdP ended every session (top-level Success without PartialLogout).</summary>
    public bool IsSuccess => StatusCode == "urn:oasis:names:tc:SAML:2.0:status:Success" && SubStatusCode is null;

    /// <summary>The RelayState we sent, returned by the IdP, or null.</summary>
    public string? RelayState { get; init; }
}
