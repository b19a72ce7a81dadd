namespace FederationKit.Cli;

/// <summary>The exit codes of every fedkit command; other programs rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>Valid, normalized, found: the check passed.</summary>
    public const int Success = 0;

    /// <summary>Invalid, refused, not found or failed: the check ran and did not pass.</summary>
    public const int Refused = 1;

    /// <summary>The command line or the configuration is wrong.</summary>
    public const int Usage = 2;
}
