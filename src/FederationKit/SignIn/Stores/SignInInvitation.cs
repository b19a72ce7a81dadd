using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Stores;

/// <summary>An administrator's invitation to join an organization admitting members by invitation only.</summary>
/// <param name="Id">The invitation's identifier.</param>
/// <param name="OrganizationId">The organization.</param>
/// <param name="Role">The role the invited user receives.</param>
/// <param name="CreatedAt">When it was issued.</param>
public sealed record SignInInvitation(Guid Id, OrganizationId OrganizationId, OrganizationRole Role, DateTimeOffset CreatedAt)
{
    /// <summary>The invited email (matched by its <see cref="MemberEmail.Normalize"/> key), or null when invited by user id.</summary>
    public string? Email { get; init; }

    /// <summary>The directory of <see cref="Subject"/>, when invited by user id.</summary>
    public DirectoryId? DirectoryId { get; init; }

    /// <summary>The invited IdP user id (matched ordinally together with <see cref="DirectoryId"/>).</summary>
    public string? Subject { get; init; }
}
