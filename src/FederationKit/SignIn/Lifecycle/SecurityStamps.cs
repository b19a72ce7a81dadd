using System.Security.Cryptography;

namespace FederationKit.SignIn.Lifecycle;

/// <summary>Creates user security stamps: 128 random bits, hex encoded.</summary>
public static class SecurityStamps
{
    /// <summary>Returns a new random stamp.</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
