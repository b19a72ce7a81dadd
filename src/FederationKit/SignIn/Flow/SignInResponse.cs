using FederationKit.Directories;

namespace FederationKit.SignIn.Flow;

/// <summary>An IdP's response as it reached the edge.</summary>
public sealed record SignInResponse
{
    /// <summary>The protocol of the endpoint that received it (the SAML ACS or the OIDC callback).</summary>
    public required IdentityProtocol Protocol { get; init; }

    /// <summary>The transaction ID the response carries back (RelayState or <c>state</c>); null or unknown for IdP-initiated SAML.</summary>
    public string? TransactionId { get; init; }

    /// <summary>The profile named by the endpoint's path (a per-profile SAML ACS); null for the shared ACS and the OIDC callback.</summary>
    public IdpProfileId? ProfileId { get; init; }

    /// <summary>The response's parameters (form or query).</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The secret the browser presented (from the cookie the challenge set); null when it sent none.</summary>
    public string? BrowserSecret { get; init; }

    /// <summary>The edge's URLs.</summary>
    public required SignInCallbackUrls Urls { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"SignInResponse({Protocol})";
}
