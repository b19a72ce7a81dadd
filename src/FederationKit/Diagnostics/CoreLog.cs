using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Flow;
using Microsoft.Extensions.Logging;

namespace FederationKit.Diagnostics;

/// <summary>
/// The core's log events (IDs 1000–1999, listed in docs/observability.md): stable error codes, identifiers, domain names and
/// counts; never an email (only its domain), a subject, a token, a transaction ID, a secret or a key.
/// </summary>
internal static partial class CoreLog
{
    [LoggerMessage(EventId = 1000, EventName = "SignInRefused", Level = LogLevel.Information,
        Message = "Sign-in refused at {Stage} with {Code} (profile {ProfileId}, {Protocol}).")]
    public static partial void SignInRefused(ILogger logger, string stage, string code, IdpProfileId? profileId, IdentityProtocol? protocol);

    [LoggerMessage(EventId = 1001, EventName = "SignInNotFederated", Level = LogLevel.Debug,
        Message = "Sign-in for an email on {EmailDomain} has no single sign-on; the product's own sign-in applies.")]
    public static partial void SignInNotFederated(ILogger logger, string? emailDomain);

    [LoggerMessage(EventId = 1002, EventName = "SignInStarted", Level = LogLevel.Debug,
        Message = "Sign-in started through profile {ProfileId} ({Protocol}, {Intent}).")]
    public static partial void SignInStarted(ILogger logger, IdpProfileId profileId, IdentityProtocol protocol, SignInIntent intent);

    [LoggerMessage(EventId = 1003, EventName = "SignInResponseAccepted", Level = LogLevel.Debug,
        Message = "Sign-in response accepted for profile {ProfileId} ({Protocol}, {Intent}).")]
    public static partial void SignInResponseAccepted(ILogger logger, IdpProfileId profileId, IdentityProtocol protocol, SignInIntent intent);

    [LoggerMessage(EventId = 1010, EventName = "UserProvisioned", Level = LogLevel.Information,
        Message = "User {UserId} provisioned through profile {ProfileId} of directory {DirectoryId}: created = {Created}, {Memberships} membership(s).")]
    public static partial void UserProvisioned(ILogger logger, UserId userId, IdpProfileId profileId, DirectoryId directoryId, bool created, int memberships);

    [LoggerMessage(EventId = 1011, EventName = "ConcurrencyRetriesExhausted", Level = LogLevel.Warning,
        Message = "The {Kind} kept changing concurrently; gave up after {Attempts} attempt(s).")]
    public static partial void ConcurrencyRetriesExhausted(ILogger logger, string kind, int attempts);

    [LoggerMessage(EventId = 1020, EventName = "DomainVerified", Level = LogLevel.Information,
        Message = "Domain {Domain} verified (claim {ClaimId}, owner {Owner}).")]
    public static partial void DomainVerified(ILogger logger, string domain, DomainClaimId claimId, OwnerRef owner);

    [LoggerMessage(EventId = 1021, EventName = "DomainAtRisk", Level = LogLevel.Warning,
        Message = "Verified domain {Domain} is at risk: {Reason} (claim {ClaimId}, {Failures} failed lookup(s) in a row).")]
    public static partial void DomainAtRisk(ILogger logger, string domain, string reason, DomainClaimId claimId, int failures);

    [LoggerMessage(EventId = 1022, EventName = "DomainLapsed", Level = LogLevel.Warning,
        Message = "Domain {Domain} lapsed: its record stayed missing through the grace period (claim {ClaimId}).")]
    public static partial void DomainLapsed(ILogger logger, string domain, DomainClaimId claimId);

    [LoggerMessage(EventId = 1023, EventName = "DomainExpired", Level = LogLevel.Information,
        Message = "The claim on {Domain} expired before its record was found (claim {ClaimId}).")]
    public static partial void DomainExpired(ILogger logger, string domain, DomainClaimId claimId);

    [LoggerMessage(EventId = 1024, EventName = "DomainLostToOtherOwner", Level = LogLevel.Information,
        Message = "The claim on {Domain} was lost: {BlockingDomain} is verified by another owner (claim {ClaimId}).")]
    public static partial void DomainLostToOtherOwner(ILogger logger, string domain, string blockingDomain, DomainClaimId claimId);

    [LoggerMessage(EventId = 1025, EventName = "DomainRestored", Level = LogLevel.Information,
        Message = "Domain {Domain} is no longer at risk: its record was seen again (claim {ClaimId}).")]
    public static partial void DomainRestored(ILogger logger, string domain, DomainClaimId claimId);

    [LoggerMessage(EventId = 1026, EventName = "DomainCheckNotStored", Level = LogLevel.Warning,
        Message = "The check of {Domain} could not be stored: {Code} (claim {ClaimId}).")]
    public static partial void DomainCheckNotStored(ILogger logger, string domain, string code, DomainClaimId claimId);
}
