using Microsoft.Extensions.Configuration;

namespace FederationKit;

/// <summary>
/// The configuration section FederationKit binds its options from (<c>FederationKit</c> in appsettings.json; the layout is in
/// docs/configuration.md). <c>AddFederationKit(configuration)</c> registers it; without it every option keeps its default and
/// its <c>Action&lt;T&gt;</c> overloads.
/// </summary>
public sealed class FederationKitConfiguration
{
    /// <summary>The name of the section: <c>FederationKit</c>.</summary>
    public const string SectionName = "FederationKit";

    /// <summary>Holds the <c>FederationKit</c> section to bind from; null binds nothing.</summary>
    /// <param name="section">The section.</param>
    public FederationKitConfiguration(IConfiguration? section)
    {
        Section = section;
    }

    /// <summary>The <c>FederationKit</c> section, or null when options come from code only.</summary>
    public IConfiguration? Section { get; }

    /// <summary>The full configuration path of a part's section: <c>FederationKit:{relativePath}</c>.</summary>
    /// <param name="relativePath">The part's path below <c>FederationKit</c> (such as <c>SignIn</c> or <c>Saml:MetadataRefresh</c>); empty for the section itself.</param>
    public static string PathOf(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        return relativePath.Length == 0 ? SectionName : SectionName + ":" + relativePath;
    }

    /// <summary>Binds the values under <c>FederationKit:{relativePath}</c> onto <paramref name="options"/> (nothing when the section is absent).</summary>
    /// <param name="relativePath">The part's path below <c>FederationKit</c>; empty for the section itself.</param>
    /// <param name="options">The options to fill.</param>
    public void Bind(string relativePath, object options)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        ArgumentNullException.ThrowIfNull(options);
        if (Section is null)
        {
            return;
        }

        var section = relativePath.Length == 0 ? Section : Section.GetSection(relativePath);
        section.Bind(options);
    }
}
