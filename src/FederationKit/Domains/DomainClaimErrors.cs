using FederationKit.Organizations;

namespace FederationKit.Domains;

/// <summary>Builds the domain errors that carry details.</summary>
public static class DomainClaimErrors
{
    /// <summary>The hint every "another owner has it" error carries.</summary>
    public const string RequestAccessHint = "Ask the domain's owner for access to its directory (directory trust) instead of claiming the domain.";

    /// <summary>This pending claim lost to another owner that verified the domain first.</summary>
    /// <param name="domain">The domain.</param>
    public static FederationError VerifiedByOtherOwner(string domain) =>
        new FederationError(DomainErrorCodes.VerifiedByOtherOwner, $"Another owner verified '{domain}' first. {RequestAccessHint}")
            .WithDetail("domain", domain).WithDetail("hint", "request_directory_access");

    /// <summary>Another owner has verified the domain already.</summary>
    /// <param name="domain">The domain.</param>
    public static FederationError ClaimedByOtherOwner(string domain) =>
        new FederationError(DomainErrorCodes.ClaimedByOtherOwner, $"'{domain}' is already verified by another owner. {RequestAccessHint}")
            .WithDetail("domain", domain).WithDetail("hint", "request_directory_access");

    /// <summary>Another owner has verified a parent domain that covers this one.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="verifiedParent">The other owner's verified parent domain.</param>
    public static FederationError SubdomainOfOtherOwner(string domain, string verifiedParent) =>
        new FederationError(DomainErrorCodes.SubdomainOfOtherOwner, $"'{domain}' is under '{verifiedParent}', which another owner has verified. {RequestAccessHint}")
            .WithDetail("domain", domain).WithDetail("verified_parent", verifiedParent).WithDetail("hint", "request_directory_access");

    /// <summary>The owner has no claim on the domain.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="domain">The domain.</param>
    public static FederationError ClaimNotFound(OwnerRef owner, string domain) =>
        new FederationError(DomainErrorCodes.ClaimNotFound, $"The owner has no claim on '{domain}'.")
            .WithDetail("owner", owner.ToString()).WithDetail("domain", domain);
}
