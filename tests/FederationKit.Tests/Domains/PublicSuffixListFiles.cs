using FederationKit.Domains;

namespace FederationKit.Tests.Domains;

/// <summary>The text of the Public Suffix List embedded in the package, and a "newer" list made from it.</summary>
internal static class PublicSuffixListFiles
{
    /// <summary>A suffix on <see cref="NewerText"/> only (no list has it: <c>.example</c> is reserved).</summary>
    public const string SuffixOnlyInNewerList = "cloud-sites.example";

    /// <summary>The embedded <c>public_suffix_list.dat</c>, as shipped.</summary>
    public static string EmbeddedText()
    {
        using var stream = typeof(PublicSuffixList).Assembly.GetManifestResourceStream("FederationKit.Domains.Data.public_suffix_list.dat")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The embedded list with <see cref="SuffixOnlyInNewerList"/> added to its private section, as a later release would.</summary>
    public static string NewerText()
    {
        const string end = "// ===END PRIVATE DOMAINS===";
        var text = EmbeddedText();
        Assert.That(text, Does.Contain(end));
        return text.Replace(end, $"// Cloud Sites (test entry)\n{SuffixOnlyInNewerList}\n\n{end}", StringComparison.Ordinal);
    }
}
