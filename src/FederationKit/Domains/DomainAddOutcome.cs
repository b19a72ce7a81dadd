namespace FederationKit.Domains;

/// <summary>What happened to one domain of an add request.</summary>
/// <param name="Input">The name as sent.</param>
/// <param name="Result">The claim (new, re-opened, or the owner's existing one), or why the domain was refused.</param>
/// <param name="Created">Whether this request created or re-opened the claim (false when the owner already held it, or on refusal).</param>
public sealed record DomainAddOutcome(string Input, Result<DomainClaim> Result, bool Created);
