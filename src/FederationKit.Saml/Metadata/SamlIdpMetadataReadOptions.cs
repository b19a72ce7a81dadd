using System.Security.Cryptography.X509Certificates;

namespace FederationKit.Saml.Metadata;

/// <summary>How IdP metadata is read: which entity, which keys may sign the document, and limits.</summary>
public sealed class SamlIdpMetadataReadOptions
{
    /// <summary>The IdP entity to take from an EntitiesDescriptor; required when the document describes several IdPs.</summary>
    public string? EntityId { get; set; }

    /// <summary>
    /// Keys trusted to sign the metadata (a federation operator's, or the IdP's own pinned out of band). When any is set,
    /// an unsigned document or one signed by another key is refused.
    /// </summary>
    public IList<X509Certificate2> MetadataSigningCertificates { get; } = [];

    /// <summary>Whether SHA-1 signatures over the metadata are accepted. Default false.</summary>
    public bool AllowSha1 { get; set; }

    /// <summary>
    /// The smallest RSA signing key taken from the metadata, in bits; smaller ones are skipped. Default 2048; 1024 is a
    /// legacy opt-in (give the same value to <see cref="Settings.SamlIdentityProviderOptions.MinimumRsaKeySize"/>).
    /// </summary>
    public int MinimumRsaKeySize { get; set; } = 2048;

    /// <summary>The largest document accepted, in characters. Default 1 MiB (federation aggregates need more; raise it for them).</summary>
    public int MaxLength { get; set; } = 1024 * 1024;
}
