using System.Collections.Immutable;
using System.Reflection;
using FederationKit.Directories;
using FederationKit.SignIn;
using FederationKit.SignIn.Flow;

namespace FederationKit.AspNetCore.Tests;

/// <summary>
/// A stand-in protocol so every handler path can be driven without an IdP: begin answers a redirect (or, with
/// <see cref="PostBinding"/>, a form post) carrying the transaction ID; complete "validates" a response whose <c>subject</c>
/// parameter names the user (email unverified with <c>email_unverified</c>), refuses with the code in <c>refuse</c>, and takes a response without a transaction only when
/// it carries <c>idp_initiated_allowed</c>. Sign-out answers a redirect carrying the state, unless <see cref="NoLogout"/>.
/// </summary>
internal sealed class FakeSignInProtocol(IdentityProtocol protocol) : ISignInProtocol
{
    // ValidatedSignIn is created only by the protocol packages; this test-only stand-in reaches its internal factory.
    private static readonly MethodInfo Create = typeof(ValidatedSignIn).GetMethod("Create", BindingFlags.NonPublic | BindingFlags.Static)!;

    public IdentityProtocol Protocol => protocol;

    public bool PostBinding { get; set; }

    public bool NoLogout { get; set; }

    public List<SignInProtocolResponse> Completed { get; } = [];

    public List<SignOutProtocolRequest> SignOuts { get; } = [];

    public Task<Result<SignInProtocolStart>> BeginAsync(SignInProtocolRequest request, CancellationToken cancellationToken = default)
    {
        var key = protocol == IdentityProtocol.Saml ? "RelayState" : "state";
        var step = PostBinding
            ? BrowserStep.Post(new Uri("https://idp.acme.example/sso/post"), new Dictionary<string, string> { ["SAMLRequest"] = "<req a=\"1\">&'", [key] = request.TransactionId })
            : BrowserStep.Redirect(new Uri("https://idp.acme.example/sso?" + key + "=" + request.TransactionId + "&hint=" + Uri.EscapeDataString(request.LoginHint ?? "")));
        return Task.FromResult<Result<SignInProtocolStart>>(new SignInProtocolStart(step, ImmutableDictionary<string, string>.Empty.Add("fake.request", "request-1")));
    }

    public Task<Result<ValidatedSignIn>> CompleteAsync(SignInProtocolResponse response, CancellationToken cancellationToken = default)
    {
        Completed.Add(response);
        if (response.Parameters.TryGetValue("refuse", out var code))
        {
            return Task.FromResult<Result<ValidatedSignIn>>(new FederationError(code, "The fake IdP's response was refused."));
        }

        if (response.Transaction is null && !response.Parameters.ContainsKey("idp_initiated_allowed"))
        {
            return Task.FromResult<Result<ValidatedSignIn>>(new FederationError(SignInErrorCodes.IdpInitiatedNotAllowed, "IdP-initiated sign-in is off."));
        }

        var subject = response.Parameters.GetValueOrDefault("subject") ?? "alice@acme.com";
        var identity = new FederatedIdentity(protocol, response.Profile.ExpectedIssuer, subject, protocol == IdentityProtocol.Saml ? EdgeHost.EmailFormat : "sub",
            new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero))
        {
            Email = subject.Contains('@') ? subject : null,
            EmailVerified = !response.Parameters.ContainsKey("email_unverified"),
            GivenName = "Alice",
            FamilyName = "<Smith>",
        };
        var validated = (ValidatedSignIn)Create.Invoke(null, [identity, ImmutableDictionary<string, string>.Empty.Add("fake.session", subject)])!;
        return Task.FromResult<Result<ValidatedSignIn>>(validated);
    }

    public Task<Result<BrowserStep?>> BeginSignOutAsync(SignOutProtocolRequest request, CancellationToken cancellationToken = default)
    {
        SignOuts.Add(request);
        return Task.FromResult(Result<BrowserStep?>.Success(NoLogout ? null : BrowserStep.Redirect(new Uri("https://idp.acme.example/logout?state=" + request.State + "&who=" + request.SessionData["fake.session"]))));
    }
}
