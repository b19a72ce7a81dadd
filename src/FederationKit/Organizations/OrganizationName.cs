namespace FederationKit.Organizations;

/// <summary>Validates display names of organizations and parent organizations.</summary>
public static class OrganizationName
{
    /// <summary>The longest name accepted.</summary>
    public const int MaxLength = 200;

    /// <summary>Returns the trimmed name, or null when it is empty, longer than <see cref="MaxLength"/> or has control characters.</summary>
    /// <param name="name">The name as entered.</param>
    public static string? Normalize(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || trimmed.Any(char.IsControl))
        {
            return null;
        }

        return trimmed;
    }
}
