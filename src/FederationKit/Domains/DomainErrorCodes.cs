namespace FederationKit.Domains;

/// <summary>Error codes of domain claims and DNS ownership verification.</summary>
public static class DomainErrorCodes
{
    /// <summary>The domain name is empty or only white space.</summary>
    public const string Empty = "domain.empty";

    /// <summary>The domain name contains a wildcard (<c>*</c>); only concrete names can be claimed.</summary>
    public const string Wildcard = "domain.wildcard";

    /// <summary>The internationalized name cannot be mapped to an ASCII (punycode) name, or a punycode label is malformed.</summary>
    public const string IdnInvalid = "domain.idn_invalid";

    /// <summary>A label is empty, uses characters other than letters, digits and hyphens, or starts or ends with a hyphen.</summary>
    public const string LabelInvalid = "domain.label_invalid";

    /// <summary>A label is longer than 63 characters.</summary>
    public const string LabelTooLong = "domain.label_too_long";

    /// <summary>The whole name is longer than 253 characters.</summary>
    public const string NameTooLong = "domain.name_too_long";

    /// <summary>The name has one label only (such as <c>localhost</c>); a claimable domain has at least two.</summary>
    public const string SingleLabel = "domain.single_label";

    /// <summary>The name is an IP address or ends in an all-numeric label; only domain names can be claimed.</summary>
    public const string IpAddress = "domain.ip_address";

    /// <summary>The name is a public suffix (<c>com</c>, <c>co.uk</c>, <c>github.io</c>) on the Public Suffix List.</summary>
    public const string PublicSuffix = "domain.public_suffix";

    /// <summary>
    /// A Public Suffix List a host supplies (<see cref="DomainClaimOptions.PublicSuffixList"/>) is not a whole list in the
    /// publicsuffix.org format: empty, without the ICANN section, or with a line that is not a rule.
    /// </summary>
    public const string PublicSuffixListInvalid = "domain.public_suffix_list_invalid";

    /// <summary>The name is (or is under) a public or free-mail provider's domain (<c>gmail.com</c>, <c>outlook.com</c>).</summary>
    public const string FreeMail = "domain.free_mail";

    /// <summary>More domains were sent in one add request than allowed (15 by default).</summary>
    public const string TooManyDomains = "domain.too_many_domains";

    /// <summary>The owner (parent organization or organization) does not exist.</summary>
    public const string OwnerNotFound = "domain.owner_not_found";

    /// <summary>The organization is linked to a parent organization; its parent claims domains for it.</summary>
    public const string OwnerHasParent = "domain.owner_has_parent";

    /// <summary>Another owner has already verified this domain; request access to that owner's directory instead.</summary>
    public const string ClaimedByOtherOwner = "domain.claimed_by_other_owner";

    /// <summary>Another owner has verified a parent of this domain, which covers it; request access to that owner's directory instead.</summary>
    public const string SubdomainOfOtherOwner = "domain.subdomain_of_other_owner";

    /// <summary>This pending claim lost: another owner verified the domain first. Request access to that owner's directory instead.</summary>
    public const string VerifiedByOtherOwner = "domain.verified_by_other_owner";

    /// <summary>The owner has no claim on this domain.</summary>
    public const string ClaimNotFound = "domain.claim_not_found";

    /// <summary>The claim expired before its record was found; add the domain again to restart the verification window.</summary>
    public const string ClaimExpired = "domain.claim_expired";

    /// <summary>The domain cannot be removed because something depends on it (users, directory links); the details name what.</summary>
    public const string InUse = "domain.in_use";

    // Issue 19 (trust branch): actors and authorization.

    /// <summary>The acting user is not an administrator or owner of the owner (organization or parent organization) whose domains it tried to change or read the proof of.</summary>
    public const string NotAuthorized = "domain.not_authorized";
}
