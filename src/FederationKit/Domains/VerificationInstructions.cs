namespace FederationKit.Domains;

/// <summary>Exactly what an administrator publishes to prove ownership of a domain.</summary>
/// <param name="Domain">The normalized domain being proved.</param>
/// <param name="Type">The record type: always <c>TXT</c>.</param>
/// <param name="Host">The fully qualified host name of the record (the domain itself, or a prefix label plus the domain).</param>
/// <param name="Value">The record's exact value, <c>&lt;prefix&gt;=&lt;token&gt;</c>.</param>
public sealed record VerificationInstructions(string Domain, string Type, string Host, string Value)
{
    /// <summary>Builds the instructions for a domain and token under the given options.</summary>
    /// <param name="normalizedDomain">A normalized domain.</param>
    /// <param name="token">The owner's token value.</param>
    /// <param name="recordPrefix">The value prefix, such as <c>federationkit-verification</c>.</param>
    /// <param name="recordHostLabel">The host label in front of the domain, or null for the apex.</param>
    public static VerificationInstructions Build(string normalizedDomain, string token, string recordPrefix, string? recordHostLabel)
    {
        ArgumentNullException.ThrowIfNull(normalizedDomain);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(recordPrefix);
        var host = string.IsNullOrEmpty(recordHostLabel) ? normalizedDomain : recordHostLabel + "." + normalizedDomain;
        return new VerificationInstructions(normalizedDomain, "TXT", host, recordPrefix + "=" + token);
    }

    /// <summary>The instructions as text for an administrator.</summary>
    public string ToText() =>
        $"To prove that you own {Domain}, add this DNS record at your DNS provider:{Environment.NewLine}" +
        $"  Type:  {Type}{Environment.NewLine}" +
        $"  Host:  {Host}{Environment.NewLine}" +
        $"  Value: {Value}{Environment.NewLine}" +
        "Keep the record in place: the domain is re-checked regularly. DNS changes can take up to 72 hours to be visible.";
}
