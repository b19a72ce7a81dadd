using BenchmarkDotNet.Attributes;
using FederationKit.Domains;

namespace FederationKit.Benchmarks;

/// <summary>
/// Normalizing a domain and looking it up in the Public Suffix List and free-mail list, against the baseline a developer
/// would write by hand (lower-case it and look it up in a set).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DomainNormalizationBenchmarks
{
    private readonly HashSet<string> _handWrittenSet = new(StringComparer.Ordinal) { "co.uk", "com", "github.io", "gmail.com" };
    private readonly PublicSuffixList _publicSuffixes = PublicSuffixList.Embedded;
    private readonly DomainClaimRules _rules = new(DomainReferenceData.FromOptions(new DomainClaimOptions()));

    /// <summary>The ASCII input.</summary>
    public const string AsciiInput = " Mail.Acme.CO.UK. ";

    /// <summary>The internationalized input.</summary>
    public const string IdnInput = "Bücher.Example";

    /// <summary>Lower case and a set lookup: what a hand-written check does (no validation, no IDN).</summary>
    [Benchmark(Baseline = true)]
    public bool HandWritten_LowerAndSetLookup() => _handWrittenSet.Contains(AsciiInput.Trim().TrimEnd('.').ToLowerInvariant());

    /// <summary>Syntax normalization of an ASCII name.</summary>
    [Benchmark]
    public string Normalize_Ascii() => DomainNameNormalizer.Normalize(AsciiInput).Value;

    /// <summary>Syntax normalization of an internationalized name (IdnMapping).</summary>
    [Benchmark]
    public string Normalize_Idn() => DomainNameNormalizer.Normalize(IdnInput).Value;

    /// <summary>Public Suffix List lookup of a normalized name.</summary>
    [Benchmark]
    public bool PublicSuffix_Lookup() => _publicSuffixes.IsPublicSuffix("acme.co.uk");

    /// <summary>Everything <c>fedkit domain normalize</c> does: syntax, public suffix and free-mail rules.</summary>
    [Benchmark]
    public bool NormalizeAndCheck_Ascii() => _rules.NormalizeAndCheck(AsciiInput).IsSuccess;
}
