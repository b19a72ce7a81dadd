using System.Globalization;
using System.Text;

namespace FederationKit.SignIn.Usernames;

/// <summary>
/// The username rules: 6 to 128 characters of letters, digits, <c>.</c>, <c>_</c> and <c>@</c>; every other character becomes
/// <c>_</c>; values shorter than 6 characters and values already taken get digits appended until unique; an optional
/// organization suffix is appended last. The rules are pure and deterministic, so the same input gives the same candidates everywhere.
/// </summary>
public static class UsernameRules
{
    /// <summary>The minimum length of a username (before the suffix).</summary>
    public const int MinLength = 6;

    /// <summary>The maximum length of a username (suffix included).</summary>
    public const int MaxLength = 128;

    /// <summary>The maximum length of an organization suffix.</summary>
    public const int MaxSuffixLength = 32;

    /// <summary>
    /// The raw source of a username: the configured username claim (or NameID) when present, else the email's local part,
    /// else the user id.
    /// </summary>
    /// <param name="identity">The validated identity.</param>
    public static string SelectSource(FederatedIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!string.IsNullOrWhiteSpace(identity.Username))
        {
            return identity.Username.Trim();
        }

        if (!string.IsNullOrWhiteSpace(identity.Email))
        {
            var at = identity.Email.LastIndexOf('@');
            var local = at > 0 ? identity.Email[..at].Trim() : string.Empty;
            if (local.Length > 0)
            {
                return local;
            }
        }

        return identity.Subject;
    }

    /// <summary>Replaces every character that is not a letter, a digit, '.', '_' or '@' by '_' (per text element), and cuts at <see cref="MaxLength"/>.</summary>
    /// <param name="raw">The raw value.</param>
    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var builder = new StringBuilder(Math.Min(raw.Length, MaxLength));
        foreach (var rune in raw.EnumerateRunes())
        {
            if (builder.Length >= MaxLength)
            {
                break;
            }

            var allowed = rune.Value is '.' or '_' or '@' or (>= '0' and <= '9') || (Rune.IsLetter(rune) && rune.IsBmp);
            builder.Append(allowed ? (char)rune.Value : '_');
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// The candidate number <paramref name="attempt"/> (0 first) for a normalized base and suffix: attempt 0 is the base itself
    /// when it is long enough; later attempts append the attempt number, zero-padded so the name reaches <see cref="MinLength"/>.
    /// The base is shortened so the whole name fits in <see cref="MaxLength"/>. Returns null for attempt 0 of a short base.
    /// </summary>
    /// <param name="normalizedBase">The normalized base (see <see cref="Normalize"/>).</param>
    /// <param name="suffix">The normalized suffix, or empty.</param>
    /// <param name="attempt">The attempt number.</param>
    public static string? Candidate(string normalizedBase, string suffix, int attempt)
    {
        ArgumentNullException.ThrowIfNull(normalizedBase);
        ArgumentNullException.ThrowIfNull(suffix);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        if (attempt == 0)
        {
            return normalizedBase.Length >= MinLength ? Fit(normalizedBase, string.Empty, suffix) : null;
        }

        var digits = attempt.ToString(CultureInfo.InvariantCulture);
        var missing = MinLength - normalizedBase.Length - digits.Length;
        if (missing > 0)
        {
            digits = digits.PadLeft(digits.Length + missing, '0');
        }

        return Fit(normalizedBase, digits, suffix);
    }

    /// <summary>The normalized suffix (same character rules, at most <see cref="MaxSuffixLength"/> characters), or empty.</summary>
    /// <param name="suffix">The configured suffix.</param>
    public static string NormalizeSuffix(string? suffix)
    {
        if (string.IsNullOrEmpty(suffix))
        {
            return string.Empty;
        }

        var normalized = Normalize(suffix);
        return normalized.Length > MaxSuffixLength ? normalized[..MaxSuffixLength] : normalized;
    }

    private static string Fit(string normalizedBase, string digits, string suffix)
    {
        var room = MaxLength - digits.Length - suffix.Length;
        var stem = normalizedBase.Length > room ? normalizedBase[..room] : normalizedBase;
        return string.Concat(stem, digits, suffix);
    }
}
