namespace FederationKit.Domains;

/// <summary>
/// The reference lists the claim rules read: the Public Suffix List and the free-mail list. Starts with the lists shipped
/// in the package (plus the host's additions from <see cref="DomainClaimOptions"/>); a host may replace either at run time,
/// for example after downloading a fresh Public Suffix List. Thread-safe: readers see the old or the new list, never a mix.
/// </summary>
public sealed class DomainReferenceData
{
    private PublicSuffixList _publicSuffixes;
    private FreeMailDomainList _freeMail;

    /// <summary>Creates the reference data.</summary>
    /// <param name="publicSuffixes">The Public Suffix List.</param>
    /// <param name="freeMail">The free-mail list.</param>
    public DomainReferenceData(PublicSuffixList publicSuffixes, FreeMailDomainList freeMail)
    {
        _publicSuffixes = publicSuffixes ?? throw new ArgumentNullException(nameof(publicSuffixes));
        _freeMail = freeMail ?? throw new ArgumentNullException(nameof(freeMail));
    }

    /// <summary>
    /// The embedded lists, with a host's free-mail additions and removals; the host's
    /// <see cref="DomainClaimOptions.PublicSuffixList"/> replaces the embedded Public Suffix List when set.
    /// </summary>
    /// <param name="options">The claim options.</param>
    /// <exception cref="ArgumentException">The host's Public Suffix List is invalid.</exception>
    public static DomainReferenceData FromOptions(DomainClaimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DomainReferenceData(
            options.ResolvePublicSuffixList(),
            FreeMailDomainList.Embedded.With(options.AdditionalFreeMailDomains, options.AllowedFreeMailDomains));
    }

    /// <summary>The Public Suffix List in use.</summary>
    public PublicSuffixList PublicSuffixes => Volatile.Read(ref _publicSuffixes);

    /// <summary>The free-mail list in use.</summary>
    public FreeMailDomainList FreeMail => Volatile.Read(ref _freeMail);

    /// <summary>Replaces the Public Suffix List (for example with a freshly downloaded one).</summary>
    /// <param name="list">The new list.</param>
    public void ReplacePublicSuffixes(PublicSuffixList list) =>
        Volatile.Write(ref _publicSuffixes, list ?? throw new ArgumentNullException(nameof(list)));

    /// <summary>Replaces the free-mail list.</summary>
    /// <param name="list">The new list.</param>
    public void ReplaceFreeMail(FreeMailDomainList list) =>
        Volatile.Write(ref _freeMail, list ?? throw new ArgumentNullException(nameof(list)));
}
