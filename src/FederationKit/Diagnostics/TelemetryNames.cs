namespace FederationKit.Diagnostics;

/// <summary>
/// The names of the core's spans and of the tags on its spans and instruments (docs/observability.md lists them). Tags carry
/// identifiers, protocol names and stable error codes only: never an email, subject, token, transaction ID or secret.
/// </summary>
internal static class TelemetryNames
{
    /// <summary>Span: <c>FederatedSignInService.BeginAsync</c>.</summary>
    public const string SignInBegin = "signin.begin";

    /// <summary>Span: <c>FederatedSignInService.CompleteAsync</c>.</summary>
    public const string SignInComplete = "signin.complete";

    /// <summary>Span: <c>JitProvisioner.SignInAsync</c>.</summary>
    public const string SignInProvision = "signin.provision";

    /// <summary>Span: one domain ownership check (observation and stored result).</summary>
    public const string DomainCheck = "domain.check";

    /// <summary>Tag: <c>saml</c> or <c>oidc</c>.</summary>
    public const string Protocol = "federationkit.protocol";

    /// <summary>Tag: the IdP profile ID.</summary>
    public const string ProfileId = "federationkit.profile_id";

    /// <summary>Tag: the directory ID.</summary>
    public const string DirectoryId = "federationkit.directory_id";

    /// <summary>Tag: <c>sign_in</c> or <c>test_profile</c>.</summary>
    public const string Intent = "federationkit.intent";

    /// <summary>Tag: <c>success</c> (or a domain check's outcome) or the stable error code.</summary>
    public const string Outcome = "federationkit.outcome";

    /// <summary>Tag (OpenTelemetry convention): the stable error code of a refusal.</summary>
    public const string ErrorType = "error.type";

    /// <summary>Tag: whether JIT created the user.</summary>
    public const string UserCreated = "federationkit.user_created";

    /// <summary>Tag: how many memberships JIT provisioned.</summary>
    public const string Memberships = "federationkit.memberships";

    /// <summary>Tag: the claimed domain (a domain name, never an email).</summary>
    public const string Domain = "federationkit.domain";

    /// <summary>Tag: the claim's state after a check.</summary>
    public const string DomainState = "federationkit.domain.state";

    /// <summary>The outcome of whatever succeeded.</summary>
    public const string Success = "success";

    /// <summary>The tag value of a protocol.</summary>
    public static string Of(SignIn.IdentityProtocol protocol) => protocol switch
    {
        SignIn.IdentityProtocol.Saml => "saml",
        SignIn.IdentityProtocol.Oidc => "oidc",
        _ => "unknown",
    };

    /// <summary>The tag value of an intent.</summary>
    public static string Of(SignIn.Flow.SignInIntent intent) => intent == SignIn.Flow.SignInIntent.TestProfile ? "test_profile" : "sign_in";

    /// <summary>Marks a span refused with <paramref name="code"/>: error status (the code as description), outcome and error.type tags.</summary>
    public static void Refuse(System.Diagnostics.Activity? activity, string code)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(Outcome, code);
        activity.SetTag(ErrorType, code);
        activity.SetStatus(System.Diagnostics.ActivityStatusCode.Error, code);
    }
}
