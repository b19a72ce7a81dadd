using FederationKit.Outbound;

namespace FederationKit.Http;

/// <summary>
/// Turns an exception from an outbound request into the error an administrator sees. A refusal of the URL itself (its
/// scheme, or an address literal in it) keeps its <c>outbound.*</c> code; every network failure (refused connection, reset,
/// timeout, DNS failure, TLS failure) and a host name that resolved to a refused address get the caller's fetch-failure
/// code, so the answer does not tell which internal names exist. Refused addresses and network failures share one message,
/// <see cref="OutboundUrlPolicy.UnreachableMessage"/>, so the answer reveals no port state and no address.
/// Log the exception itself if the details are needed; never show them.
/// </summary>
public static class OutboundFailures
{
    /// <summary>The error for <paramref name="exception"/>.</summary>
    /// <param name="exception">What the request threw (<see cref="HttpRequestException"/>, <see cref="IOException"/>, a timeout).</param>
    /// <param name="failureCode">The caller's code for a fetch that failed, such as <c>saml.metadata.fetch_failed</c>.</param>
    public static FederationError ToError(Exception exception, string failureCode)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentException.ThrowIfNullOrEmpty(failureCode);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is OutboundRequestRefusedException refused)
            {
                return refused.AfterNameResolution ? new FederationError(failureCode, OutboundUrlPolicy.UnreachableMessage) : refused.Error;
            }
        }

        return new FederationError(failureCode, OutboundUrlPolicy.UnreachableMessage);
    }

    /// <summary>
    /// Whether <paramref name="exception"/> is a failure of the request rather than a programming error or the caller's
    /// own cancellation: an <see cref="HttpRequestException"/>, an <see cref="IOException"/>, a timeout, or a refusal by a
    /// resilience handler (its total timeout, a rate limiter or an open circuit: a <see cref="Polly.ExecutionRejectedException"/>).
    /// </summary>
    /// <param name="exception">What the request threw.</param>
    /// <param name="cancellationToken">The caller's token; a cancellation it asked for is not a failure.</param>
    public static bool IsRequestFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or IOException or Polly.ExecutionRejectedException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
