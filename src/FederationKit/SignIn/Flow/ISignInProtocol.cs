namespace FederationKit.SignIn.Flow;

/// <summary>
/// One identity protocol (SAML 2.0 or OpenID Connect) as <see cref="FederatedSignInService"/> drives it: the request to the
/// IdP, the validation of its response, and sign-out. Implemented by the protocol packages; a host registers them with
/// their <c>Add…</c> call and never calls them directly.
/// </summary>
public interface ISignInProtocol
{
    /// <summary>The protocol implemented.</summary>
    IdentityProtocol Protocol { get; }

    /// <summary>
    /// Prepares the request to the profile's IdP for the transaction <see cref="SignInProtocolRequest.TransactionId"/> (sent
    /// as RelayState or <c>state</c>), and returns what the protocol must keep until the response.
    /// </summary>
    /// <param name="request">The profile, the transaction ID, a login hint and the edge's URLs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<SignInProtocolStart>> BeginAsync(SignInProtocolRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Validates the IdP's response against the profile and the transaction (null for an IdP-initiated SAML response, which
    /// the protocol accepts only when the profile allows it). Only protocol packages can create the returned identity.
    /// </summary>
    /// <param name="response">The profile, the transaction, the response parameters and the edge's URLs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<ValidatedSignIn>> CompleteAsync(SignInProtocolResponse response, CancellationToken cancellationToken = default);

    /// <summary>
    /// Prepares the IdP logout of a session this protocol signed in (SAML single logout, OIDC RP-initiated logout); null when
    /// the IdP offers none or the session lacks what it needs.
    /// </summary>
    /// <param name="request">The profile, the session data kept at sign-in and the edge's URLs.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<Result<BrowserStep?>> BeginSignOutAsync(SignOutProtocolRequest request, CancellationToken cancellationToken = default);
}
