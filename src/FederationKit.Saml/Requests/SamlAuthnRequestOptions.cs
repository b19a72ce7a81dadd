namespace FederationKit.Saml.Requests;

/// <summary>What to ask the IdP for in one AuthnRequest.</summary>
public sealed record SamlAuthnRequestOptions
{
    /// <summary>An opaque value the IdP returns with the response (the host's return URL or a reference to it). At most 80 bytes, as the bindings specification recommends.</summary>
    public string? RelayState { get; init; }

    /// <summary>Asks the IdP to authenticate the user again even with a session.</summary>
    public bool ForceAuthn { get; init; }

    /// <summary>The NameID format to ask for (NameIDPolicy Format), if any.</summary>
    public string? NameIdFormat { get; init; }

    /// <summary>Whether the IdP may create a new identifier for the user (NameIDPolicy AllowCreate). Default true.</summary>
    public bool AllowCreate { get; init; } = true;

    /// <summary>The email the user typed; sent as a Subject NameID hint only when the IdP is known to accept it. Default none.</summary>
    public string? LoginHint { get; init; }
}
