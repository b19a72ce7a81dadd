namespace FederationKit.StackExchangeRedis;

/// <summary>Settings of <see cref="RedisOneTimeStore"/>.</summary>
public sealed class RedisOneTimeStoreOptions
{
    /// <summary>
    /// A StackExchange.Redis configuration string (for example <c>redis.internal:6379,password=...</c>). When set, the store
    /// opens and owns its own connection; when <see langword="null"/>, it uses the host's <c>IConnectionMultiplexer</c> from
    /// dependency injection. The timeouts below, <c>abortConnect=false</c> and a fail-fast backlog (commands fail at once
    /// while disconnected) are applied on top of this string. A host connection keeps its own settings: give it
    /// <c>abortConnect=false</c> so it reconnects by itself; every call is still bounded by <see cref="OperationTimeout"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The prefix of every key the store writes; default <c>fedkit:onetime:</c>.</summary>
    public string KeyPrefix { get; set; } = "fedkit:onetime:";

    /// <summary>The Redis database number; default 0.</summary>
    public int Database { get; set; }

    /// <summary>
    /// The longest one operation may take before the store gives up and throws <c>OneTimeStoreUnavailableException</c>
    /// (also the connection's sync and async timeouts when the store opens it); default 3 seconds.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest a connection attempt may take when the store opens the connection; default 5 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The section below <c>FederationKit</c> these settings are bound from: <c>Redis</c>.</summary>
    public const string ConfigurationSection = "Redis";

    /// <summary>Throws when a setting is invalid; the message names it by its configuration path.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(FederationKitConfiguration.PathOf(ConfigurationSection));
        Check(this, check);
        check.ThrowIfInvalid();
    }

    /// <summary>The rules of these settings, run at host start and by <see cref="Validate"/>.</summary>
    internal static void Check(RedisOneTimeStoreOptions options, OptionsCheck check)
    {
        check.Require(!string.IsNullOrEmpty(options.KeyPrefix), nameof(KeyPrefix), "must not be empty: the store's keys must not mix with the host's.");
        check.Require(options.Database >= 0, nameof(Database), "must be 0 or more.");
        check.Require(options.OperationTimeout > TimeSpan.Zero && options.OperationTimeout <= TimeSpan.FromMinutes(1), nameof(OperationTimeout), "must be above zero and at most one minute.");
        check.Require(options.ConnectTimeout > TimeSpan.Zero && options.ConnectTimeout <= TimeSpan.FromMinutes(1), nameof(ConnectTimeout), "must be above zero and at most one minute.");
    }
}
