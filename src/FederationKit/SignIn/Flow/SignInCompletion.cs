namespace FederationKit.SignIn.Flow;

/// <summary>
/// A validated response: the transaction it answered (null for IdP-initiated SAML), the directory and profile, and the
/// identity. Pass it to <see cref="FederatedSignInService.ProvisionAsync"/> (sign-in) or
/// <see cref="FederatedSignInService.RecordTestAsync"/> (profile test), as <see cref="Intent"/> says.
/// </summary>
/// <param name="Transaction">The consumed transaction; null for an IdP-initiated SAML response.</param>
/// <param name="Profile">The IdP profile that validated the identity.</param>
/// <param name="Directory">Its directory.</param>
/// <param name="Validated">The validated identity and the data sign-out needs.</param>
public sealed record SignInCompletion(SignInTransaction? Transaction, Directories.IdpProfile Profile, Directories.IdentityDirectory Directory, ValidatedSignIn Validated)
{
    /// <summary>Sign in, or test the profile.</summary>
    public SignInIntent Intent => Transaction?.Intent ?? SignInIntent.SignIn;

    /// <summary>
    /// For an IdP-initiated sign-in: the RelayState the IdP sent when it is a local path (an IdP's "default RelayState" deep
    /// link), else null. Never an absolute URL.
    /// </summary>
    public string? IdpInitiatedReturnUrl { get; init; }

    /// <summary>Where the browser goes afterwards (a local path): the transaction's, else a local IdP-initiated RelayState, else <c>/</c>.</summary>
    public string ReturnUrl => Transaction?.ReturnUrl ?? IdpInitiatedReturnUrl ?? "/";

    /// <summary>Whether the response came without a transaction (IdP-initiated SAML, allowed by the profile).</summary>
    public bool IsIdpInitiated => Transaction is null;

    /// <inheritdoc />
    public override string ToString() => $"SignInCompletion(Profile = {Profile.Id}, Intent = {Intent})";
}
