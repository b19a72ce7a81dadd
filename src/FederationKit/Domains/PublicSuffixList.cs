using System.Collections.Frozen;
using System.Globalization;

namespace FederationKit.Domains;

/// <summary>
/// The Public Suffix List (https://publicsuffix.org, MPL-2.0): names under which anyone can register a domain
/// (<c>com</c>, <c>co.uk</c>) or publish a site (<c>github.io</c>). Both the ICANN and the private sections are loaded,
/// with wildcard (<c>*.ck</c>) and exception (<c>!www.ck</c>) rules. Rules are stored in punycode, like normalized names.
/// </summary>
public sealed class PublicSuffixList
{
    private static readonly Lazy<PublicSuffixList> EmbeddedList = new(LoadEmbedded);
    private readonly FrozenSet<string> _rules;
    private readonly FrozenSet<string> _wildcardParents;
    private readonly FrozenSet<string> _exceptions;

    private enum IcannSection
    {
        Before,
        Inside,
        After,
    }

    private PublicSuffixList(HashSet<string> rules, HashSet<string> wildcardParents, HashSet<string> exceptions)
    {
        _rules = rules.ToFrozenSet(StringComparer.Ordinal);
        _wildcardParents = wildcardParents.ToFrozenSet(StringComparer.Ordinal);
        _exceptions = exceptions.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The list shipped inside this package (a copy of public_suffix_list.dat; see THIRD-PARTY-NOTICES).</summary>
    public static PublicSuffixList Embedded => EmbeddedList.Value;

    /// <summary>How many rules the list holds (plain, wildcard and exception rules together).</summary>
    public int RuleCount => _rules.Count + _wildcardParents.Count + _exceptions.Count;

    /// <summary>Parses a list in the publicsuffix.org format (one rule per line, <c>//</c> comments, UTF-8 rules).</summary>
    /// <param name="text">The whole file.</param>
    /// <returns>The list. Rules that are not valid names (once mapped to punycode) are skipped; see <see cref="ParseChecked"/>.</returns>
    public static PublicSuffixList Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Read(text, strict: false).Value;
    }

    /// <summary>
    /// Parses a list a host supplies (for example a fresher <c>public_suffix_list.dat</c>) and refuses anything that is not a
    /// whole list in the publicsuffix.org format: the ICANN section markers must be present with at least one rule between them,
    /// and every rule must be a valid name (letters, digits and hyphens once mapped to punycode, optionally behind <c>*.</c> or
    /// <c>!</c>). Unlike <see cref="Parse"/>, no rule is skipped silently.
    /// </summary>
    /// <param name="text">The whole file.</param>
    /// <returns>The list, or <see cref="DomainErrorCodes.PublicSuffixListInvalid"/> naming the first problem.</returns>
    public static Result<PublicSuffixList> ParseChecked(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Invalid("the text is empty") : Read(text, strict: true);

    private static Result<PublicSuffixList> Read(string text, bool strict)
    {
        var idn = new IdnMapping();
        var rules = new HashSet<string>(StringComparer.Ordinal);
        var wildcards = new HashSet<string>(StringComparer.Ordinal);
        var exceptions = new HashSet<string>(StringComparer.Ordinal);
        var section = IcannSection.Before;
        var icannRules = 0;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.StartsWith("//", StringComparison.Ordinal))
            {
                section = NextSection(section, line);
                continue;
            }

            var space = line.IndexOfAny([' ', '\t']);
            if (space >= 0)
            {
                line = line[..space];
            }

            if (line.Length == 0)
            {
                continue;
            }

            var target = rules;
            if (line.StartsWith('!'))
            {
                target = exceptions;
                line = line[1..];
            }
            else if (line.StartsWith("*.", StringComparison.Ordinal))
            {
                target = wildcards;
                line = line[2..];
            }

            var ascii = ToAscii(idn, line);
            if (ascii is null)
            {
                if (strict)
                {
                    return Invalid($"line {lineNumber} is not a rule");
                }

                continue;
            }

            target.Add(ascii);
            if (section == IcannSection.Inside)
            {
                icannRules++;
            }
        }

        if (strict && (section != IcannSection.After || icannRules == 0))
        {
            return Invalid("it lacks the '===BEGIN ICANN DOMAINS===' and '===END ICANN DOMAINS===' section with rules between them");
        }

        return new PublicSuffixList(rules, wildcards, exceptions);
    }

    private static string? ToAscii(IdnMapping idn, string rule)
    {
        string ascii;
        try
        {
            ascii = idn.GetAscii(rule.ToLowerInvariant()).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        foreach (var label in ascii.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return null;
            }
        }

        return ascii;
    }

    private static IcannSection NextSection(IcannSection section, string comment) => section switch
    {
        IcannSection.Before when comment.Contains("===BEGIN ICANN DOMAINS===", StringComparison.Ordinal) => IcannSection.Inside,
        IcannSection.Inside when comment.Contains("===END ICANN DOMAINS===", StringComparison.Ordinal) => IcannSection.After,
        _ => section,
    };

    private static FederationError Invalid(string problem) =>
        new(DomainErrorCodes.PublicSuffixListInvalid, $"This is not a Public Suffix List in the publicsuffix.org format: {problem}.");

    /// <summary>Whether a normalized name is itself a public suffix (so nobody can own it).</summary>
    /// <param name="normalizedDomain">A name from <see cref="DomainNameNormalizer"/>.</param>
    public bool IsPublicSuffix(string normalizedDomain)
    {
        ArgumentNullException.ThrowIfNull(normalizedDomain);
        if (_exceptions.Contains(normalizedDomain))
        {
            return false;
        }

        if (_rules.Contains(normalizedDomain))
        {
            return true;
        }

        var dot = normalizedDomain.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            // The default rule "*": every top-level label is a public suffix.
            return true;
        }

        return _wildcardParents.Contains(normalizedDomain[(dot + 1)..]);
    }

    private static PublicSuffixList LoadEmbedded()
    {
        using var stream = typeof(PublicSuffixList).Assembly.GetManifestResourceStream("FederationKit.Domains.Data.public_suffix_list.dat")
            ?? throw new InvalidOperationException("The embedded Public Suffix List is missing from the FederationKit assembly.");
        using var reader = new StreamReader(stream);
        var list = ParseChecked(reader.ReadToEnd());
        return list.IsSuccess ? list.Value : throw new InvalidOperationException(list.Error.Message);
    }
}
