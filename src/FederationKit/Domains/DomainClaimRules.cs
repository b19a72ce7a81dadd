namespace FederationKit.Domains;

/// <summary>
/// Every refusal rule that needs no store: syntax (<see cref="DomainNameNormalizer"/>), public suffixes and free-mail providers.
/// </summary>
public sealed class DomainClaimRules
{
    private readonly DomainReferenceData _referenceData;

    /// <summary>Creates the rules over the given reference data.</summary>
    /// <param name="referenceData">The Public Suffix List and the free-mail list.</param>
    public DomainClaimRules(DomainReferenceData referenceData) =>
        _referenceData = referenceData ?? throw new ArgumentNullException(nameof(referenceData));

    /// <summary>Normalizes a name and refuses public suffixes and free-mail domains.</summary>
    /// <param name="input">What the user typed.</param>
    /// <returns>The normalized name, or a <see cref="DomainErrorCodes"/> error.</returns>
    public Result<string> NormalizeAndCheck(string? input)
    {
        var normalized = DomainNameNormalizer.Normalize(input);
        if (!normalized.TryGetValue(out var name, out var error))
        {
            return error;
        }

        var publicSuffixes = _referenceData.PublicSuffixes;
        if (publicSuffixes.IsPublicSuffix(name))
        {
            return new FederationError(DomainErrorCodes.PublicSuffix, $"'{name}' is a public suffix: anyone can register names under it, so nobody can own it.")
                .WithDetail("domain", name);
        }

        var provider = _referenceData.FreeMail.FindCoveringProvider(name, publicSuffixes.IsPublicSuffix);
        if (provider is not null)
        {
            return new FederationError(DomainErrorCodes.FreeMail, $"'{name}' belongs to the public email provider '{provider}'; it cannot be claimed.")
                .WithDetail("domain", name).WithDetail("provider", provider);
        }

        return name;
    }
}
