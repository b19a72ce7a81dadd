using FederationKit.SignIn.Routing;

namespace FederationKit.Organizations;

/// <summary>
/// The one email parser of the SDK: accepts only a plain addr-spec (RFC 5322 dot-atom local part of ASCII characters, one
/// <c>@</c>, a host name), never a quoted local part, a display-name form (<c>Name &lt;a@b&gt;</c>), a domain literal, a comment
/// or a second <c>@</c>. Every store that matches emails compares <see cref="Normalize"/> keys.
/// </summary>
public static class MemberEmail
{
    /// <summary>The longest email accepted (RFC 5321 path limit).</summary>
    public const int MaxLength = 254;

    /// <summary>The longest local part accepted (RFC 5321).</summary>
    public const int MaxLocalPartLength = 64;

    /// <summary>
    /// The canonical form of a plain addr-spec: surrounding white space removed, the local part as given, the domain in
    /// lower-case ASCII (punycode for an internationalized name) without a trailing dot. Null when it is not a plain addr-spec.
    /// </summary>
    /// <param name="email">The email as entered or asserted.</param>
    public static string? Canonicalize(string? email)
    {
        if (email is null)
        {
            return null;
        }

        var trimmed = email.Trim();
        if (trimmed.Length is 0 or > MaxLength)
        {
            return null;
        }

        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != trimmed.LastIndexOf('@') || at > MaxLocalPartLength || !IsDotAtom(trimmed.AsSpan(0, at)))
        {
            return null;
        }

        var domainPart = trimmed.AsSpan(at + 1);
        if (domainPart.EndsWith('.'))
        {
            domainPart = domainPart[..^1];
        }

        if (domainPart.IsEmpty || domainPart.StartsWith('.') || domainPart.EndsWith('.'))
        {
            return null;
        }

        var domain = EmailDomain.Normalize(domainPart);
        if (domain is null || domain.EndsWith('.'))
        {
            return null;
        }

        var canonical = string.Concat(trimmed.AsSpan(0, at + 1), domain);
        return canonical.Length > MaxLength ? null : canonical;
    }

    /// <summary>
    /// The comparison key of an email: <see cref="Canonicalize"/>d, then in lower case. Null when it is not a plain addr-spec.
    /// Two emails are the same address for the SDK when their keys are equal (ordinal).
    /// </summary>
    /// <param name="email">The email as entered or asserted.</param>
    public static string? Normalize(string? email)
    {
#pragma warning disable CA1308 // Emails and domains are compared in lower case, the form DNS and our domain claims use.
        return Canonicalize(email)?.ToLowerInvariant();
#pragma warning restore CA1308
    }

    /// <summary>The domain part (after '@') of a normalized email, or null when there is none.</summary>
    /// <param name="normalizedEmail">An email returned by <see cref="Normalize"/>.</param>
    public static string? DomainOf(string normalizedEmail)
    {
        ArgumentNullException.ThrowIfNull(normalizedEmail);
        var at = normalizedEmail.LastIndexOf('@');
        return at <= 0 || at == normalizedEmail.Length - 1 ? null : normalizedEmail[(at + 1)..];
    }

    private static bool IsDotAtom(ReadOnlySpan<char> local)
    {
        if (local.IsEmpty || local[0] == '.' || local[^1] == '.')
        {
            return false;
        }

        for (var i = 0; i < local.Length; i++)
        {
            var c = local[i];
            if (c == '.' ? local[i - 1] == '.' : !IsAtext(c))
            {
                return false;
            }
        }

        return true;
    }

    // RFC 5322 atext: ALPHA / DIGIT / "!" "#" "$" "%" "&" "'" "*" "+" "-" "/" "=" "?" "^" "_" "`" "{" "|" "}" "~".
    private static bool IsAtext(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal);
}
