namespace FederationKit.Events;

/// <summary>What kind of actor caused an event.</summary>
public enum EventActorKind
{
    /// <summary>FederationKit itself: a scheduled check, a worker, or a service that was not told who acted.</summary>
    System = 0,

    /// <summary>A signed-in user of the host (an administrator or owner); the ID is a <see cref="Organizations.UserId"/>.</summary>
    User = 1,

    /// <summary>An IdP profile (a sign-in through it); the ID is an <see cref="Directories.IdpProfileId"/>.</summary>
    IdpProfile = 2,

    /// <summary>A SCIM bearer token, by its identifier (never the token itself).</summary>
    ScimToken = 3,
}
