using System.Collections.Immutable;
using FederationKit.Directories;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Invitations;

/// <summary>Whom to invite: an email, or an IdP user id (<see cref="DirectoryId"/> and <see cref="Subject"/>), never both.</summary>
public sealed record SignInInvitationRequest
{
    /// <summary>The email to invite (a plain addr-spec), or null when inviting by IdP user id.</summary>
    public string? Email { get; init; }

    /// <summary>The directory of <see cref="Subject"/>, when inviting by IdP user id.</summary>
    public DirectoryId? DirectoryId { get; init; }

    /// <summary>The IdP user id (the SAML NameID or OIDC <c>sub</c>), compared exactly.</summary>
    public string? Subject { get; init; }

    /// <summary>The role the user receives on joining. Default <see cref="OrganizationRole.Member"/>; only an owner may invite an owner.</summary>
    public OrganizationRole Role { get; init; } = OrganizationRole.Member;

    /// <summary>Product groups the user starts in.</summary>
    public ImmutableArray<string> Groups { get; init; } = [];
}
