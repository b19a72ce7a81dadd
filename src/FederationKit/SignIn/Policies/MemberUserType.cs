namespace FederationKit.SignIn.Policies;

/// <summary>The kind of identity a member has in an organization.</summary>
public enum MemberUserType
{
    /// <summary>A user of the organization's own directory.</summary>
    Enterprise = 1,

    /// <summary>A Business-ID user: reached through directory trust, signing in through another owner's IdP.</summary>
    Business = 2,
}
