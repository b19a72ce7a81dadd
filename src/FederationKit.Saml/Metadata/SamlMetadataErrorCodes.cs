namespace FederationKit.Saml.Metadata;

/// <summary>Stable codes for IdP metadata that cannot be used; signature failures use the <c>saml.signature.*</c> codes.</summary>
public static class SamlMetadataErrorCodes
{
    /// <summary>The document is too large, not well-formed, carries a DTD or processing instruction, or is not SAML metadata.</summary>
    public const string Malformed = "saml.metadata.malformed";

    /// <summary>No IdP entity with the requested entity ID, or several IdPs and none requested.</summary>
    public const string EntityNotFound = "saml.metadata.entity_not_found";

    /// <summary>The metadata's <c>validUntil</c> has passed.</summary>
    public const string Expired = "saml.metadata.expired";

    /// <summary>Metadata signing keys are configured and the document carries no signature.</summary>
    public const string NotSigned = "saml.metadata.unsigned";

    /// <summary>The IdP lists no usable signing certificate (RSA 2048+ or ECDSA 256+).</summary>
    public const string NoSigningKey = "saml.metadata.no_signing_key";

    /// <summary>The metadata URL is not HTTPS (HTTP is allowed only on loopback).</summary>
    public const string UrlInsecure = "saml.metadata.url_insecure";

    /// <summary>The metadata URL could not be fetched (network error, timeout, or a non-success status; detail <c>status</c>).</summary>
    public const string FetchFailed = "saml.metadata.fetch_failed";
}
