namespace FederationKit.Http;

/// <summary>
/// The timeouts and retries of one of the <see cref="FederationKitHttpClients"/>, as named options (the name is the
/// client's): <c>services.Configure&lt;FederationKitHttpClientOptions&gt;(FederationKitHttpClients.OidcToken, o =&gt; o.Timeout = ...)</c>,
/// or in configuration under <c>FederationKit:Http:{client}</c> (<c>FederationKit:Http:OidcToken:Timeout</c>; see
/// <see cref="ConfigurationSectionOf"/>). Validated at start (<c>ValidateOnStart</c>) and when the client is first created.
/// </summary>
public sealed class FederationKitHttpClientOptions
{
    /// <summary>The default <see cref="Timeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The default <see cref="AttemptTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most one call may take, retries and their waits included: the resilience handler's total timeout on the GET
    /// clients, <see cref="HttpClient.Timeout"/> on the token client. A call that runs out fails like an unreachable host.
    /// Default 30 seconds.
    /// </summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>The most one attempt of a retried GET may take before it is abandoned and retried; at most <see cref="Timeout"/>. Default 10 seconds. Not used by the token client.</summary>
    public TimeSpan AttemptTimeout { get; set; } = DefaultAttemptTimeout;

    /// <summary>How many times a GET is retried after a transient failure (a network error, a timed-out attempt, HTTP 408, 429 or 5xx); 0 turns retries off. Default 2; at most 10. The token client is never retried.</summary>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>The wait before the first retry, doubled for each next one (with jitter). Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The section below <c>FederationKit</c> a client's settings are bound from: <c>Http:</c> and the client's name without its
    /// <c>FederationKit.</c> prefix and dots, such as <c>Http:OidcToken</c> for <see cref="FederationKitHttpClients.OidcToken"/>.
    /// </summary>
    /// <param name="name">The client's name.</param>
    public static string ConfigurationSectionOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var shortName = name.StartsWith("FederationKit.", StringComparison.Ordinal) ? name["FederationKit.".Length..] : name;
        return "Http:" + shortName.Replace(".", string.Empty, StringComparison.Ordinal);
    }

    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>Checks the settings; the message names the bad setting, or null when they are valid.</summary>
    /// <param name="name">The client's name, for the message.</param>
    internal string? Problem(string name)
    {
        var prefix = FederationKitConfiguration.PathOf(ConfigurationSectionOf(name)) + ":";
        if (Timeout < MinimumTimeout || Timeout > TimeSpan.FromDays(1))
        {
            return prefix + "Timeout must be between 10 milliseconds and one day.";
        }

        if (AttemptTimeout < MinimumTimeout || AttemptTimeout > Timeout)
        {
            return prefix + "AttemptTimeout must be at least 10 milliseconds and at most Timeout.";
        }

        if (MaxRetryAttempts is < 0 or > 10)
        {
            return prefix + "MaxRetryAttempts must be between 0 and 10.";
        }

        return RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromDays(1) ? prefix + "RetryDelay must be between zero and one day." : null;
    }
}
