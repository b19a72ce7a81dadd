using System.Globalization;

namespace FederationKit.Directories;

/// <summary>Light normalization of domain names given to directory operations (the domain-claims part does the full job).</summary>
internal static class DomainNameText
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>Lower case, trailing dot removed, IDN to punycode; null when not a plain host name.</summary>
    public static string? Normalize(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return null;
        }

        var text = domain.Trim().TrimEnd('.');
        if (text.Length is 0 or > 253 || text.Contains('*', StringComparison.Ordinal) || !text.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return Idn.GetAscii(text).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="host"/> equals <paramref name="domain"/> or is under it, by whole labels.</summary>
    public static bool IsCoveredBy(string host, string domain) =>
        string.Equals(host, domain, StringComparison.Ordinal) || host.EndsWith("." + domain, StringComparison.Ordinal);
}
