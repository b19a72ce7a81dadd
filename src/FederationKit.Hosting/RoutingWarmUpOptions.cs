namespace FederationKit.Hosting;

/// <summary>Settings of the routing warm-up at host start (<c>AddRoutingWarmUp</c>).</summary>
public sealed class RoutingWarmUpOptions
{
    /// <summary>The longest the warm-up may delay the host's start; default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws when a setting is invalid.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException("Timeout must be above zero and at most 10 minutes.", nameof(Timeout));
        }
    }
}
