namespace FederationKit.Samples.AspNetCore;

/// <summary>The sample's own settings (section "Sample" of appsettings.json, or Sample__X environment variables).</summary>
public sealed class SampleOptions
{
    /// <summary>Where the SQLite database and the data-protection keys live; relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>The address users reach the app at (used for the OIDC redirect URI); defaults to the request's own.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// A PEM file with the SP certificate and key shared by every instance (SAML request signing, response decryption and SP
    /// metadata). Required outside Development: the app refuses to start without it. In Development a missing file is
    /// generated (at this path, or under the data directory when unset).
    /// </summary>
    public string? SpCertificatePath { get; set; }

    /// <summary>
    /// Where FederationKit's traces and metrics go: <c>console</c> writes them to standard output through OpenTelemetry; empty
    /// (the default) exports nothing. Its log events go wherever the app's logging goes (the console by default).
    /// </summary>
    public string? Telemetry { get; set; }

    /// <summary>The DNS server used to verify domains (IP:port); empty uses the machine's resolvers.</summary>
    public string? DnsServer { get; set; }

    /// <summary>
    /// Whether IdPs on this machine (127.0.0.1, ::1, localhost), over http too, may be called for OIDC discovery, keys and
    /// SAML metadata. Default false: the outbound URL policy allows https to public addresses only, so an admin cannot make
    /// the app probe its own network. Turn it on for local development and tests with IdPs on loopback.
    /// </summary>
    public bool AllowLoopbackIdps { get; set; }

    /// <summary>The name the DNS health check (<c>/health/dns</c>) resolves; any answer, NXDOMAIN included, is healthy. Default <c>example.com</c>.</summary>
    public string HealthDnsQueryName { get; set; } = "example.com";

    /// <summary>How often the background service re-checks domains that are due. Default one minute.</summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long "Verify now" waits for the DNS check before answering the page (default 3 s). A slower check continues in the
    /// background and the page says so; the DNS client's own timeout and retries can take much longer.
    /// </summary>
    public TimeSpan VerifyNowWait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Where FederationKit's data lives: <c>sqlite</c> (the default, a file under <see cref="DataDirectory"/>, one instance) or
    /// <c>postgres</c> (<see cref="PostgresConnectionString"/>; several instances can share it).
    /// </summary>
    public string Database { get; set; } = "sqlite";

    /// <summary>The PostgreSQL connection string when <see cref="Database"/> is <c>postgres</c>.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// A Redis configuration string (for example <c>redis.internal:6379</c>): one-time state (sign-in transactions, OIDC state,
    /// the SAML replay cache) and route invalidation then go through Redis. Empty: one-time state in the database, and route
    /// invalidation over PostgreSQL LISTEN/NOTIFY when <see cref="Database"/> is <c>postgres</c>.
    /// </summary>
    public string? Redis { get; set; }
}
