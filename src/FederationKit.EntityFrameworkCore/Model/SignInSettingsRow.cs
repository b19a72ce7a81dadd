namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>The table row of a directory's sign-in settings; the settings are one JSON document, written in one statement.</summary>
internal sealed class SignInSettingsRow
{
    public Guid DirectoryId { get; set; }

    public bool SsoEnforced { get; set; }

    public string SettingsJson { get; set; } = "{}";

    public long Version { get; set; }
}
