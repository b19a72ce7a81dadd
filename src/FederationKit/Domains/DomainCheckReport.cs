namespace FederationKit.Domains;

/// <summary>The result of checking one claim.</summary>
/// <param name="Claim">The claim after the check was stored.</param>
/// <param name="Outcome">What the check saw.</param>
/// <param name="Detail">The lookup's explanation (such as <c>NXDOMAIN</c> or <c>timeout</c>).</param>
public sealed record DomainCheckReport(DomainClaim Claim, DomainCheckOutcome Outcome, string Detail);
