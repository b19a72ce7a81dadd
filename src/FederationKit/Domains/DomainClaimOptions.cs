namespace FederationKit.Domains;

/// <summary>Settings of domain claims and DNS ownership verification. Defaults follow the consoles admins know.</summary>
public sealed class DomainClaimOptions
{
    /// <summary>The text before <c>=</c> in the TXT value, so each product can brand it. Default <c>federationkit-verification</c>.</summary>
    public string RecordPrefix { get; set; } = "federationkit-verification";

    /// <summary>
    /// A label put in front of the domain to form the record's host name, such as <c>_federationkit-challenge</c>
    /// (record at <c>_federationkit-challenge.acme.com</c>). Null (default) publishes the record at the domain itself (apex).
    /// </summary>
    public string? RecordHostLabel { get; set; }

    /// <summary>The most domains one add request may carry. Default 15.</summary>
    public int MaxDomainsPerRequest { get; set; } = 15;

    /// <summary>How long a pending claim waits for its record before it expires. Default 7 days (DNS can take 72 hours).</summary>
    public TimeSpan VerificationWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often a pending claim is checked by <see cref="DomainClaimService.RunDueChecksAsync"/>. Default 1 hour.</summary>
    public TimeSpan PendingCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a verified (or lapsed) domain is re-checked. Default 6 hours.</summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a verified domain's record must be missing on every check before the domain lapses. Default 72 hours.</summary>
    public TimeSpan LapseGracePeriod { get; set; } = TimeSpan.FromHours(72);

    /// <summary>When the next check runs after a lookup failed (timeout, SERVFAIL, network). Default 30 minutes.</summary>
    public TimeSpan FailedLookupRetryInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How many failed lookups in a row mark a verified domain at risk (<see cref="DomainClaim.IsAtRisk"/>, event
    /// <c>domain.lookup_failing</c>). Failed lookups never unverify a domain: only checks that got an answer without the record
    /// count towards <see cref="LapseGracePeriod"/>. Default 4 (with the default retry interval, about 1.5 hours of failures).
    /// </summary>
    public int LookupFailuresBeforeAtRisk { get; set; } = 4;

    /// <summary>How long a runner holds a due check before another runner may take it over (a crashed runner's lease expires). Default 5 minutes.</summary>
    public TimeSpan CheckLeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Free-mail domains to refuse beyond the shipped list.</summary>
    public IList<string> AdditionalFreeMailDomains { get; } = [];

    /// <summary>Domains to take off the shipped free-mail list (a host whose customers legitimately own one).</summary>
    public IList<string> AllowedFreeMailDomains { get; } = [];

    /// <summary>
    /// The text of a Public Suffix List in the publicsuffix.org format to use instead of the copy embedded in the package, for
    /// example a fresher list the host read at start: <c>File.ReadAllText("/usr/share/publicsuffix/public_suffix_list.dat")</c>
    /// (Debian's <c>publicsuffix</c> package). Null (default) uses the embedded list. A text that is not a whole list is refused
    /// by <see cref="Validate"/> (<see cref="DomainErrorCodes.PublicSuffixListInvalid"/>), so a bad file fails at start.
    /// </summary>
    public string? PublicSuffixList
    {
        get => _publicSuffixListText;
        set
        {
            _publicSuffixListText = value;
            _parsedPublicSuffixList = null;
        }
    }

    private string? _publicSuffixListText;
    private Result<Domains.PublicSuffixList>? _parsedPublicSuffixList;

    /// <summary>The configuration path of these settings: <c>FederationKit:Domains</c>.</summary>
    public const string ConfigurationPath = "FederationKit:Domains";

    /// <summary>Checks every setting and throws <see cref="ArgumentException"/> naming the first bad one by its configuration path.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(ConfigurationPath);
        Check(this, check);
        check.ThrowIfInvalid();
    }

    /// <summary>The rules of these settings, run at host start and by <see cref="Validate"/>.</summary>
    internal static void Check(DomainClaimOptions options, OptionsCheck check)
    {
        if (options._publicSuffixListText is not null && options.ParsePublicSuffixList() is { IsFailure: true } parsed)
        {
            check.Fail(nameof(PublicSuffixList), $"is not a Public Suffix List ({parsed.Error.Code}): {parsed.Error.Message}");
        }

        var prefix = options.RecordPrefix;
        check.Require(
            !string.IsNullOrWhiteSpace(prefix) && !prefix.Contains('=', StringComparison.Ordinal) && !prefix.Any(c => c <= ' ' || c > '~'),
            nameof(RecordPrefix),
            "must be printable ASCII without spaces or '='.");
        check.Require(
            options.RecordHostLabel is null || IsHostLabel(options.RecordHostLabel),
            nameof(RecordHostLabel),
            "must be one DNS label of letters, digits, '-' or '_' (such as _federationkit-challenge), or null for the apex.");
        check.Require(options.MaxDomainsPerRequest >= 1, nameof(MaxDomainsPerRequest), "must be at least 1.");
        check.Require(options.LookupFailuresBeforeAtRisk >= 1, nameof(LookupFailuresBeforeAtRisk), "must be at least 1.");
        check.RequirePositive(options.VerificationWindow, nameof(VerificationWindow));
        check.RequirePositive(options.PendingCheckInterval, nameof(PendingCheckInterval));
        check.RequirePositive(options.RecheckInterval, nameof(RecheckInterval));
        check.RequirePositive(options.LapseGracePeriod, nameof(LapseGracePeriod));
        check.RequirePositive(options.FailedLookupRetryInterval, nameof(FailedLookupRetryInterval));
        check.RequirePositive(options.CheckLeaseDuration, nameof(CheckLeaseDuration));
    }

    /// <summary>The list to use: the host's <see cref="PublicSuffixList"/> (parsed once) or the embedded one.</summary>
    /// <exception cref="ArgumentException">The host's list is invalid; the message names the setting.</exception>
    internal Domains.PublicSuffixList ResolvePublicSuffixList()
    {
        if (_publicSuffixListText is null)
        {
            return Domains.PublicSuffixList.Embedded;
        }

        var parsed = ParsePublicSuffixList();
        return parsed.IsSuccess
            ? parsed.Value
            : throw new ArgumentException($"PublicSuffixList is invalid ({parsed.Error.Code}): {parsed.Error.Message}", nameof(PublicSuffixList));
    }

    private Result<Domains.PublicSuffixList> ParsePublicSuffixList() =>
        _parsedPublicSuffixList ??= Domains.PublicSuffixList.ParseChecked(_publicSuffixListText!);

    private static bool IsHostLabel(string label) =>
        label.Length is > 0 and <= 63 && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && label[0] != '-' && label[^1] != '-';
}
