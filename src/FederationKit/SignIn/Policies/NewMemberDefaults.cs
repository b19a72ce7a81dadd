using System.Collections.Immutable;
using FederationKit.Organizations;

namespace FederationKit.SignIn.Policies;

/// <summary>What a new member receives on first sign-in only; later sign-ins never re-apply them.</summary>
public sealed record NewMemberDefaults
{
    /// <summary>The role. Default <see cref="OrganizationRole.Member"/>.</summary>
    public OrganizationRole Role { get; init; } = OrganizationRole.Member;

    /// <summary>The user type. Default <see cref="MemberUserType.Enterprise"/> (trustee organizations always use Business).</summary>
    public MemberUserType UserType { get; init; } = MemberUserType.Enterprise;

    /// <summary>Product groups the member starts in.</summary>
    public ImmutableArray<string> Groups { get; init; } = [];

    /// <summary>Host-defined settings (a bag of named values) the member starts with.</summary>
    public ImmutableDictionary<string, string> Settings { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
}
