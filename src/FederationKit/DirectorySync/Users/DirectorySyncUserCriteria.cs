namespace FederationKit.DirectorySync.Users;

/// <summary>
/// What a store query of directory users must match: every set property, combined with <c>and</c>; an empty criteria
/// matches every live user of the directory. It is what the SCIM adapter pushes down from a filter so a list request never
/// loads the whole directory.
/// </summary>
public sealed record DirectorySyncUserCriteria
{
    /// <summary>Matches every user.</summary>
    public static DirectorySyncUserCriteria All { get; } = new();

    /// <summary>SCIM <c>userName</c>, compared ignoring case.</summary>
    public string? UserName { get; init; }

    /// <summary>SCIM <c>externalId</c>, compared ordinally.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The primary email in canonical form, compared ignoring case.</summary>
    public string? Email { get; init; }

    /// <summary>SCIM <c>displayName</c>, compared ignoring case (ASCII letters in every store).</summary>
    public string? DisplayName { get; init; }

    /// <summary>True for users not suspended, false for suspended users.</summary>
    public bool? Active { get; init; }

    /// <summary>
    /// Only users whose last modification (their creation when never modified), truncated to the millisecond, is later than
    /// this instant truncated to the millisecond.
    /// </summary>
    public DateTimeOffset? ModifiedAfter { get; init; }
}
