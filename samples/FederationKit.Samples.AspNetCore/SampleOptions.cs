namespace FederationKit.Samples.AspNetCore;

/// <summary>The sample's own settings (section "Sample" of appsettings.json, or Sample__X environment variables).</summary>
public sealed class SampleOptions
{
    /// <summary>Where the SQLite database and generated keys live; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>The address users reach the app at (used for the SAML entity ID, ACS URL and OIDC redirect URI); defaults to the request's own.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>A PEM file with the SP certificate and key shared by every instance; generated in DataDirectory when empty.</summary>
    public string? SpCertificatePath { get; set; }

    /// <summary>The DNS server used to verify domains (IP:port); empty uses the machine's resolvers.</summary>
    public string? DnsServer { get; set; }
}
