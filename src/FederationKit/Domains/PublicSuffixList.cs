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
    /// <returns>The list. Rules that cannot be mapped to punycode are skipped.</returns>
    public static PublicSuffixList Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var idn = new IdnMapping();
        var rules = new HashSet<string>(StringComparer.Ordinal);
        var wildcards = new HashSet<string>(StringComparer.Ordinal);
        var exceptions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            var space = line.IndexOfAny([' ', '\t']);
            if (space >= 0)
            {
                line = line[..space];
            }

            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
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

            string ascii;
            try
            {
                ascii = idn.GetAscii(line.ToLowerInvariant()).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                continue;
            }

            target.Add(ascii);
        }

        return new PublicSuffixList(rules, wildcards, exceptions);
    }

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
        return Parse(reader.ReadToEnd());
    }
}
