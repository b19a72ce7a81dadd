namespace FederationKit.Organizations;

/// <summary>Normalizes member emails (trimmed, lower case) and reads their domain.</summary>
public static class MemberEmail
{
    /// <summary>The longest email accepted (RFC 5321 path limit).</summary>
    public const int MaxLength = 254;

    /// <summary>Normalizes an email to trimmed lower case, or returns null when it is not a plausible address.</summary>
    /// <param name="email">The email as entered.</param>
    public static string? Normalize(string? email)
    {
        if (email is null)
        {
            return null;
        }

#pragma warning disable CA1308 // Emails and domains are compared in lower case, the form DNS and our domain claims use.
        var normalized = email.Trim().ToLowerInvariant();
#pragma warning restore CA1308
        if (normalized.Length is 0 or > MaxLength)
        {
            return null;
        }

        var at = normalized.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != normalized.LastIndexOf('@') || at == normalized.Length - 1 || at > 64)
        {
            return null;
        }

        foreach (var c in normalized)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return null;
            }
        }

        var domain = normalized[(at + 1)..];
        if (domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        return normalized;
    }

    /// <summary>The domain part (after '@') of a normalized email, or null when there is none.</summary>
    /// <param name="normalizedEmail">An email returned by <see cref="Normalize"/>.</param>
    public static string? DomainOf(string normalizedEmail)
    {
        ArgumentNullException.ThrowIfNull(normalizedEmail);
        var at = normalizedEmail.LastIndexOf('@');
        return at <= 0 || at == normalizedEmail.Length - 1 ? null : normalizedEmail[(at + 1)..];
    }
}
