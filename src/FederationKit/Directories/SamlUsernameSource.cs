using System.Text.Json.Serialization;

namespace FederationKit.Directories;

/// <summary>Where a SAML profile reads the username a first sign-in proposes (just-in-time provisioning then applies the username rules).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SamlUsernameSource>))]
public enum SamlUsernameSource
{
    /// <summary>The NameID value, as ArcGIS Enterprise Portal does. The default for new profiles.</summary>
    NameId,

    /// <summary>The first non-empty value of <see cref="SamlIdpSettings.UsernameAttribute"/>; when it is absent, the email's local part.</summary>
    Attribute,

    /// <summary>The email's local part (the behaviour before this setting existed, kept by profiles stored without it).</summary>
    EmailLocalPart,
}
