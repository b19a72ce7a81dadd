using System.Collections.Immutable;
using FederationKit.SignIn;
using FederationKit.SignIn.Flow;
using FederationKit.Tests.Directories;

namespace FederationKit.Tests.SignIn.Flow;

/// <summary>
/// A stand-in protocol for the flow tests: begin answers a redirect that carries the transaction ID, complete "validates"
/// a response whose <c>subject</c> parameter names the user, and records what the service handed it.
/// </summary>
internal sealed class FakeSignInProtocol(IdentityProtocol protocol = IdentityProtocol.Saml) : ISignInProtocol
{
    public IdentityProtocol Protocol => protocol;

    public List<SignInProtocolResponse> Completed { get; } = [];

    public Task<Result<SignInProtocolStart>> BeginAsync(SignInProtocolRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult<Result<SignInProtocolStart>>(new SignInProtocolStart(
            BrowserStep.Redirect(new Uri("https://idp.acme.example/sso?relay=" + request.TransactionId + "&hint=" + request.LoginHint)),
            ImmutableDictionary<string, string>.Empty.Add("fake.request", "request-1")));

    public Task<Result<ValidatedSignIn>> CompleteAsync(SignInProtocolResponse response, CancellationToken cancellationToken = default)
    {
        Completed.Add(response);
        if (response.Transaction is null && !response.Parameters.ContainsKey("idp_initiated_allowed"))
        {
            return Task.FromResult<Result<ValidatedSignIn>>(new FederationError(SignInErrorCodes.IdpInitiatedNotAllowed, "IdP-initiated sign-in is off."));
        }

        var subject = response.Parameters.TryGetValue("subject", out var value) ? value : "alice@acme.com";
        var identity = DirectoryTestContext.SamlIdentity(subject: subject, issuer: response.Profile.ExpectedIssuer);
        return Task.FromResult<Result<ValidatedSignIn>>(ValidatedSignIn.Create(identity, ImmutableDictionary<string, string>.Empty.Add("fake.session", subject)));
    }

    public Task<Result<BrowserStep?>> BeginSignOutAsync(SignOutProtocolRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(Result<BrowserStep?>.Success(BrowserStep.Redirect(new Uri("https://idp.acme.example/slo?state=" + request.State + "&who=" + request.SessionData["fake.session"]))));
}
