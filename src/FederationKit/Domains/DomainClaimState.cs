namespace FederationKit.Domains;

/// <summary>Where a domain claim stands.</summary>
public enum DomainClaimState
{
    /// <summary>Waiting for the ownership record to appear, within the verification window.</summary>
    Pending = 1,

    /// <summary>The record was found; the owner owns the domain and its subdomains. At most one verified claim per domain worldwide.</summary>
    Verified = 2,

    /// <summary>The record was not found within the verification window. Adding the domain again restarts it.</summary>
    Expired = 3,

    /// <summary>The record of a verified domain was missing on every check through the grace period. Checks continue; it returns to verified when the record does.</summary>
    Lapsed = 4,

    /// <summary>Another owner verified the domain first; this claim ended.</summary>
    VerifiedByOtherOwner = 5,
}
