namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>The table row of a secret: the reference, the purpose, and the value as Data Protection ciphertext (never plain).</summary>
internal sealed class SecretRow
{
    public string Reference { get; set; } = string.Empty;

    public string Purpose { get; set; } = string.Empty;

    public string ProtectedValue { get; set; } = string.Empty;
}
