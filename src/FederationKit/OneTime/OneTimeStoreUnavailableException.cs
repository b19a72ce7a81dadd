namespace FederationKit.OneTime;

/// <summary>
/// Thrown by an <see cref="IOneTimeStore"/> when its shared backing store (for example Redis) cannot be reached or does not
/// answer in time. The operation did not happen as far as the caller can tell: nothing is reported as stored and no value is
/// returned, so a caller must refuse the message it was protecting (fail closed). The SAML response validator and the OIDC
/// authorization flow turn it into <see cref="StoreErrorCodes.OneTimeUnavailable"/>.
/// </summary>
public sealed class OneTimeStoreUnavailableException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public OneTimeStoreUnavailableException()
        : base("The one-time store is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public OneTimeStoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying failure.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The client library's exception (connection, timeout).</param>
    public OneTimeStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The stable error code: <see cref="StoreErrorCodes.OneTimeUnavailable"/>.</summary>
    public static string Code => StoreErrorCodes.OneTimeUnavailable;
}
