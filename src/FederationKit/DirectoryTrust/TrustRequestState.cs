namespace FederationKit.DirectoryTrust;

/// <summary>The life cycle of a directory trust request.</summary>
public enum TrustRequestState
{
    /// <summary>Waiting for the directory owner.</summary>
    Pending = 1,

    /// <summary>Accepted: the trustee may add users of the directory's domains.</summary>
    Accepted = 2,

    /// <summary>Rejected by the owner, with a reason.</summary>
    Rejected = 3,

    /// <summary>Cancelled by the requester while pending.</summary>
    Cancelled = 4,

    /// <summary>Revoked by the owner after acceptance.</summary>
    Revoked = 5,

    /// <summary>Withdrawn by the trustee after acceptance.</summary>
    Withdrawn = 6,
}
