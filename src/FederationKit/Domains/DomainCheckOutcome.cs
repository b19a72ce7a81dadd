namespace FederationKit.Domains;

/// <summary>What one ownership check saw.</summary>
public enum DomainCheckOutcome
{
    /// <summary>The expected record was present (or a verified parent domain of the same owner covers the domain).</summary>
    Present = 1,

    /// <summary>The name answered without the expected record (NXDOMAIN, NODATA, or other TXT records only).</summary>
    Absent = 2,

    /// <summary>The lookup failed (timeout, SERVFAIL, REFUSED, network); nothing was concluded.</summary>
    LookupFailed = 3,
}
