namespace FederationKit.Domains;

/// <summary>The result of one TXT lookup through <see cref="IDnsTxtResolver"/>.</summary>
public sealed record DnsTxtLookup
{
    private DnsTxtLookup(DnsTxtLookupOutcome outcome, IReadOnlyList<DnsTxtRecord> records, string detail)
    {
        Outcome = outcome;
        Records = records;
        Detail = detail;
    }

    /// <summary>Found, not found, or failed.</summary>
    public DnsTxtLookupOutcome Outcome { get; }

    /// <summary>The records found (empty unless <see cref="DnsTxtLookupOutcome.Found"/>).</summary>
    public IReadOnlyList<DnsTxtRecord> Records { get; }

    /// <summary>A short explanation (such as <c>NXDOMAIN</c>, <c>NODATA</c> or <c>timeout after 2 tries</c>).</summary>
    public string Detail { get; }

    /// <summary>The name has these TXT records.</summary>
    /// <param name="records">At least one record.</param>
    public static DnsTxtLookup Found(IReadOnlyList<DnsTxtRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Count == 0
            ? NotFound("NODATA")
            : new DnsTxtLookup(DnsTxtLookupOutcome.Found, records, $"{records.Count} TXT record(s)");
    }

    /// <summary>The name does not exist or has no TXT records.</summary>
    /// <param name="detail">NXDOMAIN or NODATA.</param>
    public static DnsTxtLookup NotFound(string detail) => new(DnsTxtLookupOutcome.NotFound, [], detail);

    /// <summary>The lookup got no usable answer.</summary>
    /// <param name="reason">Why (timeout, SERVFAIL, REFUSED, network error).</param>
    public static DnsTxtLookup Failed(string reason) => new(DnsTxtLookupOutcome.Failed, [], reason);

    /// <summary>Whether one of the records, its strings joined, equals <paramref name="expectedValue"/> exactly (TXT data is case-sensitive).</summary>
    /// <param name="expectedValue">The value to find.</param>
    public bool ContainsValue(string expectedValue) =>
        Outcome == DnsTxtLookupOutcome.Found && Records.Any(r => string.Equals(r.Text, expectedValue, StringComparison.Ordinal));
}
