using FederationKit.Organizations;

namespace FederationKit.DirectorySync.Groups;

/// <summary>
/// What a store query of directory groups must match: every set property, combined with <c>and</c>; an empty criteria
/// matches every group of the directory.
/// </summary>
public sealed record DirectoryGroupCriteria
{
    /// <summary>Matches every group.</summary>
    public static DirectoryGroupCriteria All { get; } = new();

    /// <summary>Only the group with this id.</summary>
    public DirectoryGroupId? Id { get; init; }

    /// <summary>SCIM <c>displayName</c>, compared ignoring case (ASCII letters in every store).</summary>
    public string? DisplayName { get; init; }

    /// <summary>SCIM <c>externalId</c>, compared ordinally.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Only groups this user is a member of.</summary>
    public UserId? Member { get; init; }

    /// <summary>Only groups whose last change, truncated to the millisecond, is later than this instant truncated to the millisecond.</summary>
    public DateTimeOffset? ModifiedAfter { get; init; }
}
