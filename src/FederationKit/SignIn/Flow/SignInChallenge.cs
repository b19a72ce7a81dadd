using FederationKit.Directories;

namespace FederationKit.SignIn.Flow;

/// <summary>
/// A started sign-in: send the browser to <see cref="Step"/>, and give it <see cref="BrowserSecret"/> in a cookie scoped to
/// the edge (the response is accepted only from the browser that holds it).
/// </summary>
/// <param name="TransactionId">The transaction's ID (the RelayState or <c>state</c> the IdP returns).</param>
/// <param name="ProfileId">The IdP profile the user is sent to.</param>
/// <param name="Protocol">Its protocol.</param>
/// <param name="Step">The redirect or form post to the IdP.</param>
/// <param name="BrowserSecret">256 random bits (base64url) only the starting browser may hold; never log it.</param>
/// <param name="ExpiresAt">When the transaction stops being accepted.</param>
public sealed record SignInChallenge(string TransactionId, IdpProfileId ProfileId, IdentityProtocol Protocol, BrowserStep Step, string BrowserSecret, DateTimeOffset ExpiresAt)
{
    /// <inheritdoc />
    public override string ToString() => $"SignInChallenge(Profile = {ProfileId}, Protocol = {Protocol})";
}
