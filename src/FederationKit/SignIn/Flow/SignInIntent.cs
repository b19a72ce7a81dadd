namespace FederationKit.SignIn.Flow;

/// <summary>What a sign-in transaction is for.</summary>
public enum SignInIntent
{
    /// <summary>A user signs in: the identity is provisioned just in time and the host signs the user in.</summary>
    SignIn = 1,

    /// <summary>
    /// An administrator tests an IdP profile before activating it: the identity is recorded as the profile's test result and
    /// nobody is signed in. Honoured only for the administrator named in the transaction, with rights on the directory.
    /// </summary>
    TestProfile = 2,
}
