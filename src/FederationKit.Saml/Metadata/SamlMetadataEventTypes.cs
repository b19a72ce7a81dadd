namespace FederationKit.Saml.Metadata;

/// <summary>The event type names raised by the SAML metadata refresher.</summary>
public static class SamlMetadataEventTypes
{
    /// <summary>A refresh found other signing certificates in a profile's metadata and stored them (<see cref="SamlSigningKeysChanged"/>).</summary>
    public const string SigningKeysChanged = "saml.metadata.signing_keys_changed";
}
