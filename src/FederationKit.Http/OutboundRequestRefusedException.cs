using FederationKit.Outbound;

namespace FederationKit.Http;

/// <summary>
/// Thrown by the policy-enforcing handler when a request's URL or one of its host's addresses is refused by the
/// <see cref="OutboundUrlPolicy"/>. It is an <see cref="HttpRequestException"/>, so code that already handles network
/// failures handles it too; <see cref="OutboundFailures.ToError"/> turns it into its typed error.
/// </summary>
public sealed class OutboundRequestRefusedException : HttpRequestException
{
    /// <summary>Creates the exception for a refusal.</summary>
    /// <param name="error">The refusal (<see cref="OutboundErrorCodes.SchemeRefused"/> or <see cref="OutboundErrorCodes.AddressRefused"/>).</param>
    public OutboundRequestRefusedException(FederationError error)
        : this(error, afterNameResolution: false)
    {
    }

    /// <summary>Creates the exception for a refusal.</summary>
    /// <param name="error">The refusal (<see cref="OutboundErrorCodes.SchemeRefused"/> or <see cref="OutboundErrorCodes.AddressRefused"/>).</param>
    /// <param name="afterNameResolution">Whether a host name was resolved to the refused address (not an address literal in the URL).</param>
    public OutboundRequestRefusedException(FederationError error, bool afterNameResolution)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Message)
    {
        Error = error;
        AfterNameResolution = afterNameResolution;
    }

    /// <summary>The typed refusal; its message carries no network detail.</summary>
    public FederationError Error { get; }

    /// <summary>
    /// Whether the refused address came from resolving a host name. Such a refusal is shown like an unreachable host, so
    /// that which internal names resolve cannot be learned from the answer.
    /// </summary>
    public bool AfterNameResolution { get; }
}
