namespace FederationKit.SignIn.Lifecycle;

/// <summary>Error codes returned by <see cref="UserLifecycleService"/>.</summary>
public static class UserLifecycleErrorCodes
{
    /// <summary>No user with the given id exists (or it was deleted).</summary>
    public const string NotFound = "user.not_found";

    /// <summary>
    /// The acting user may not change this user: it must be an administrator (an owner when the user is an owner) of every
    /// organization the user belongs to, and may not act on itself.
    /// </summary>
    public const string NotAuthorized = "user.not_authorized";

    /// <summary>The user is already suspended.</summary>
    public const string AlreadySuspended = "user.already_suspended";

    /// <summary>The user is not suspended.</summary>
    public const string NotSuspended = "user.not_suspended";

    /// <summary>The user is the last owner of an organization; make another member owner first.</summary>
    public const string LastOwner = "user.last_owner";

    /// <summary>The user kept changing concurrently; retry.</summary>
    public const string Contended = "user.contended";
}
