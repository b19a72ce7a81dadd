using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using FederationKit.Directories;
using FederationKit.Saml.Settings;

namespace FederationKit.Saml.Metadata;

/// <summary>What an IdP's SAML 2.0 metadata says about it: identity, signing keys, endpoints, and how long the document holds.</summary>
public sealed record SamlIdpMetadata
{
    /// <summary>The IdP entity ID.</summary>
    public required string EntityId { get; init; }

    /// <summary>The signing certificates (KeyDescriptor <c>use="signing"</c> or without <c>use</c>), several during a rollover.</summary>
    public required ImmutableArray<X509Certificate2> SigningCertificates { get; init; }

    /// <summary>The SingleSignOnService for the HTTP-Redirect binding, if offered.</summary>
    public Uri? SingleSignOnUrlRedirect { get; init; }

    /// <summary>The SingleSignOnService for the HTTP-POST binding, if offered.</summary>
    public Uri? SingleSignOnUrlPost { get; init; }

    /// <summary>The SingleLogoutService for the HTTP-Redirect binding, if offered.</summary>
    public Uri? SingleLogoutUrlRedirect { get; init; }

    /// <summary>The SingleLogoutService for the HTTP-POST binding, if offered.</summary>
    public Uri? SingleLogoutUrlPost { get; init; }

    /// <summary>The NameID formats the IdP lists, in document order.</summary>
    public ImmutableArray<string> NameIdFormats { get; init; } = [];

    /// <summary>Whether the IdP asks for signed AuthnRequests (<c>WantAuthnRequestsSigned</c>).</summary>
    public bool WantAuthnRequestsSigned { get; init; }

    /// <summary>The earliest <c>validUntil</c> of the entity and its enclosing elements; the metadata must not be used after it.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>The shortest <c>cacheDuration</c>: how long a copy may be used before it is fetched again.</summary>
    public TimeSpan? CacheDuration { get; init; }

    /// <summary>Whether a signature over the metadata was verified against a configured key.</summary>
    public bool SignatureVerified { get; init; }

    /// <summary>The validator settings for this IdP.</summary>
    public SamlIdentityProviderOptions ToIdentityProviderOptions()
    {
        var options = new SamlIdentityProviderOptions
        {
            EntityId = EntityId,
            SingleSignOnUrlRedirect = SingleSignOnUrlRedirect,
            SingleSignOnUrlPost = SingleSignOnUrlPost,
            SingleLogoutUrl = SingleLogoutUrlRedirect ?? SingleLogoutUrlPost,
        };
        foreach (var certificate in SigningCertificates)
        {
            options.SigningCertificates.Add(certificate);
        }

        return options;
    }

    /// <summary>The settings of a directory's SAML IdP profile, keeping the SP-side choices of <paramref name="current"/> when given.</summary>
    /// <param name="current">The profile's settings today (its NameID format, request signing, encryption and validation policy are kept), or null for a new profile.</param>
    public SamlIdpSettings ToProfileSettings(SamlIdpSettings? current = null) => (current ?? new SamlIdpSettings { EntityId = EntityId }) with
    {
        EntityId = EntityId,
        SsoUrlRedirect = SingleSignOnUrlRedirect,
        SsoUrlPost = SingleSignOnUrlPost,
        LogoutUrl = SingleLogoutUrlRedirect ?? SingleLogoutUrlPost,
        SigningCertificates = [.. SigningCertificates.Select(c => Convert.ToBase64String(c.RawData))],
        NameIdFormat = current?.NameIdFormat ?? (NameIdFormats.Length == 1 ? NameIdFormats[0] : null),
        SignRequests = current?.SignRequests ?? true,
        WantEncryptedAssertions = current?.WantEncryptedAssertions ?? false,
    };
}
