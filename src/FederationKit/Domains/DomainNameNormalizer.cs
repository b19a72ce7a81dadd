using System.Globalization;

namespace FederationKit.Domains;

/// <summary>
/// Turns what an administrator typed into the one form FederationKit stores and compares: trimmed, lower case,
/// without a trailing dot, internationalized labels in punycode (ASCII), every label checked.
/// It applies syntax rules only; <see cref="DomainClaimRules"/> adds the public-suffix and free-mail refusals.
/// </summary>
public static class DomainNameNormalizer
{
    /// <summary>The longest name, without its trailing dot (RFC 1035).</summary>
    public const int MaxNameLength = 253;

    /// <summary>The longest label (RFC 1035).</summary>
    public const int MaxLabelLength = 63;

    // Input longer than this is refused before any IDN mapping work.
    private const int MaxInputLength = 1024;

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>Normalizes a domain name, or returns why it is not a valid, concrete domain name.</summary>
    /// <param name="input">What the user typed, such as <c> Acme.COM. </c> or <c>bücher.example</c>.</param>
    /// <returns>The normalized ASCII name, or a <see cref="DomainErrorCodes"/> error.</returns>
    public static Result<string> Normalize(string? input)
    {
        var name = input?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            return Error(DomainErrorCodes.Empty, "The domain name is empty.", input);
        }

        if (name.Length > MaxInputLength)
        {
            return Error(DomainErrorCodes.NameTooLong, $"The domain name is longer than {MaxNameLength} characters.", name[..64] + "…");
        }

        if (name.EndsWith('.'))
        {
            name = name[..^1];
        }

        if (name.Contains('*', StringComparison.Ordinal))
        {
            return Error(DomainErrorCodes.Wildcard, "Wildcard names cannot be claimed; claim the domain itself (it covers its subdomains).", input);
        }

        if (name.Length == 0 || name.Contains("..", StringComparison.Ordinal) || name.StartsWith('.'))
        {
            return Error(DomainErrorCodes.LabelInvalid, "The domain name has an empty label.", input);
        }

        string ascii;
        if (IsAscii(name))
        {
            ascii = name.ToLowerInvariant();
        }
        else
        {
            try
            {
                ascii = Idn.GetAscii(name).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                return Error(DomainErrorCodes.IdnInvalid, "The internationalized domain name cannot be converted to an ASCII (punycode) name.", input);
            }
        }

        if (ascii.Length > MaxNameLength)
        {
            return Error(DomainErrorCodes.NameTooLong, $"The domain name is longer than {MaxNameLength} characters.", input);
        }

        var labels = ascii.Split('.');
        foreach (var label in labels)
        {
            var labelError = CheckLabel(label, input);
            if (labelError is not null)
            {
                return labelError;
            }
        }

        if (labels.Length < 2)
        {
            return Error(DomainErrorCodes.SingleLabel, "A domain needs at least two labels (such as acme.com).", input);
        }

        if (labels[^1].All(char.IsAsciiDigit))
        {
            return Error(DomainErrorCodes.IpAddress, "IP addresses and names with an all-numeric top-level label cannot be claimed.", input);
        }

        return ascii;
    }

    private static FederationError? CheckLabel(string label, string? input)
    {
        if (label.Length == 0)
        {
            return Error(DomainErrorCodes.LabelInvalid, "The domain name has an empty label.", input);
        }

        if (label.Length > MaxLabelLength)
        {
            return Error(DomainErrorCodes.LabelTooLong, $"A label is longer than {MaxLabelLength} characters.", input);
        }

        foreach (var c in label)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return Error(DomainErrorCodes.LabelInvalid, "Labels may contain only letters, digits and hyphens.", input);
            }
        }

        if (label[0] == '-' || label[^1] == '-')
        {
            return Error(DomainErrorCodes.LabelInvalid, "A label may not start or end with a hyphen.", input);
        }

        if (label.Length >= 4 && label[2] == '-' && label[3] == '-')
        {
            if (!label.StartsWith("xn--", StringComparison.Ordinal))
            {
                return Error(DomainErrorCodes.LabelInvalid, "Labels with '--' in the third and fourth position are reserved (only 'xn--' is allowed).", input);
            }

            if (!IsValidPunycodeLabel(label))
            {
                return Error(DomainErrorCodes.IdnInvalid, "A punycode ('xn--') label does not decode to a valid internationalized label.", input);
            }
        }

        return null;
    }

    private static bool IsValidPunycodeLabel(string label)
    {
        try
        {
            var unicode = Idn.GetUnicode(label);
            return string.Equals(Idn.GetAscii(unicode), label, StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsAscii(string value)
    {
        foreach (var c in value)
        {
            if (c > 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    private static FederationError Error(string code, string message, string? input) =>
        new FederationError(code, message).WithDetail("input", input ?? string.Empty);
}
