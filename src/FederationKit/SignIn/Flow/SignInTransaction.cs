using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Flow;

/// <summary>
/// One sign-in in flight, for either protocol: kept in the shared one-time store from the redirect to the IdP until its
/// response, and consumed once. The SAML RelayState and the OIDC <c>state</c> carry only <see cref="Id"/>.
/// </summary>
public sealed record SignInTransaction
{
    /// <summary>The transaction's identifier: 256 random bits, base64url (43 characters).</summary>
    public required string Id { get; init; }

    /// <summary>The IdP profile the user was sent to.</summary>
    public required IdpProfileId ProfileId { get; init; }

    /// <summary>The directory of that profile.</summary>
    public required DirectoryId DirectoryId { get; init; }

    /// <summary>The profile's protocol.</summary>
    public required IdentityProtocol Protocol { get; init; }

    /// <summary>Sign in, or test the profile.</summary>
    public required SignInIntent Intent { get; init; }

    /// <summary>For <see cref="SignInIntent.TestProfile"/>: the administrator who started the test; null otherwise.</summary>
    public UserId? AdministratorId { get; init; }

    /// <summary>Where the browser goes afterwards: always a local path (checked by <see cref="SignInReturnUrl"/>).</summary>
    public required string ReturnUrl { get; init; }

    /// <summary>What the protocol keeps between its request and the response (SAML request ID; OIDC nonce and PKCE verifier).</summary>
    public ImmutableDictionary<string, string> ProtocolData { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>When the transaction was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The SHA-256 of the secret the browser that started the sign-in holds (base64url); the response must come with it.</summary>
    public required string BrowserBindingHash { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"SignInTransaction(Profile = {ProfileId}, Intent = {Intent})";
}
