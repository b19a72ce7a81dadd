namespace FederationKit.Domains;

/// <summary>What a TXT lookup found.</summary>
public enum DnsTxtLookupOutcome
{
    /// <summary>The name has TXT records.</summary>
    Found = 1,

    /// <summary>The name does not exist (NXDOMAIN) or has no TXT records (NODATA): evidence that the record is absent.</summary>
    NotFound = 2,

    /// <summary>The lookup did not get an answer (timeout, SERVFAIL, REFUSED, network): never evidence of absence.</summary>
    Failed = 3,
}
