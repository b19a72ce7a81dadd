using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.Events;

/// <summary>Who caused an event: an administrator, an IdP profile, a SCIM token or the system.</summary>
/// <param name="Kind">The kind of actor.</param>
/// <param name="Id">Its identifier in text form (empty for the system); never a secret.</param>
public sealed record EventActor(EventActorKind Kind, string Id)
{
    /// <summary>FederationKit itself.</summary>
    public static EventActor System { get; } = new(EventActorKind.System, string.Empty);

    /// <summary>A user of the host, such as the administrator who made a change.</summary>
    /// <param name="userId">The user.</param>
    public static EventActor User(UserId userId) => new(EventActorKind.User, userId.ToString());

    /// <summary>An IdP profile, for what a sign-in through it did.</summary>
    /// <param name="profileId">The profile.</param>
    public static EventActor IdpProfile(IdpProfileId profileId) => new(EventActorKind.IdpProfile, profileId.ToString());

    /// <summary>A SCIM token, by its identifier.</summary>
    /// <param name="tokenId">The token's identifier (not the token).</param>
    public static EventActor ScimToken(string tokenId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenId);
        return new(EventActorKind.ScimToken, tokenId);
    }

    /// <summary><c>system</c>, <c>user:{id}</c>, <c>idp_profile:{id}</c> or <c>scim_token:{id}</c>.</summary>
    public override string ToString() => Kind switch
    {
        EventActorKind.User => "user:" + Id,
        EventActorKind.IdpProfile => "idp_profile:" + Id,
        EventActorKind.ScimToken => "scim_token:" + Id,
        _ => "system",
    };
}
