using System.Globalization;

namespace FederationKit.SignIn.Routing;

/// <summary>Extracts and normalizes the domain of an email address (lower-case ASCII, punycode for IDN, no trailing dot).</summary>
public static class EmailDomain
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>The normalized domain of <paramref name="email"/>, or null when the address is not valid.</summary>
    /// <param name="email">The email address.</param>
    public static string? TryGetDomain(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 320)
        {
            return null;
        }

        var at = email.LastIndexOf('@');
        if (at <= 0 || at == email.Length - 1)
        {
            return null;
        }

        var domain = email.AsSpan(at + 1).Trim();
        if (domain.EndsWith('.'))
        {
            domain = domain[..^1];
        }

        return Normalize(domain);
    }

    /// <summary>Normalizes a domain; null when it is not a valid host name with at least two labels.</summary>
    /// <param name="domain">The domain.</param>
    public static string? Normalize(ReadOnlySpan<char> domain)
    {
        if (domain.IsEmpty || domain.Length > 253)
        {
            return null;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain.ToString()).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        return ascii.Contains('.', StringComparison.Ordinal) ? ascii : null;
    }
}
