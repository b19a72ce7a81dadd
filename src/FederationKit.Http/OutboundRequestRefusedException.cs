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
        : base((error ?? throw new ArgumentNullException(nameof(error))).Message) => Error = error;

    /// <summary>The typed refusal; its message carries no network detail.</summary>
    public FederationError Error { get; }
}
