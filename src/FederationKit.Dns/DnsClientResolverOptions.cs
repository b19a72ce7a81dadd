using System.Net;

namespace FederationKit.Dns;

/// <summary>Settings of <see cref="DnsClientTxtResolver"/>.</summary>
public sealed class DnsClientResolverOptions
{
    /// <summary>The default DNS port.</summary>
    public const int DefaultPort = 53;

    /// <summary>
    /// Name servers to ask, each <c>IP</c> or <c>IP:port</c> (<c>[IPv6]:port</c> for IPv6), in order of preference.
    /// Empty (default): the machine's configured resolvers.
    /// </summary>
    public IList<string> NameServers { get; } = [];

    /// <summary>How long to wait for each answer. Default 5 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many times to retry a query that got no answer (timeout). Default 2.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>
    /// Whether TXT records reached through a CNAME count as the queried name's own. Default false: whoever controls the CNAME's
    /// target could otherwise satisfy the check. Turn on only when your customers delegate the record on purpose.
    /// </summary>
    public bool FollowCnames { get; set; }

    /// <summary>The section below <c>FederationKit</c> these settings are bound from: <c>Dns</c>.</summary>
    public const string ConfigurationSection = "Dns";

    /// <summary>Checks every setting and throws <see cref="ArgumentException"/> naming the first bad one by its configuration path.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(FederationKitConfiguration.PathOf(ConfigurationSection));
        Check(this, check);
        check.ThrowIfInvalid();
    }

    /// <summary>The rules of these settings, run at host start and by <see cref="Validate"/>.</summary>
    internal static void Check(DnsClientResolverOptions options, OptionsCheck check)
    {
        check.Require(options.Timeout > TimeSpan.Zero && options.Timeout <= TimeSpan.FromMinutes(1), nameof(Timeout), "must be positive and at most one minute.");
        check.Require(options.Retries is >= 0 and <= 10, nameof(Retries), "must be between 0 and 10.");
        foreach (var server in options.NameServers)
        {
            check.Require(TryParseNameServer(server) is not null, nameof(NameServers), $"contains '{server}', which is not a name server address (IP, IP:port or [IPv6]:port).");
        }
    }

    /// <summary>Parses <c>IP</c>, <c>IP:port</c> or <c>[IPv6]:port</c>; the port defaults to 53.</summary>
    /// <param name="value">The name server.</param>
    /// <exception cref="ArgumentException">The value is not an IP address with an optional port.</exception>
    public static IPEndPoint ParseNameServer(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParseNameServer(value) ?? throw new ArgumentException($"'{value}' is not a name server address (IP, IP:port or [IPv6]:port).", nameof(value));
    }

    private static IPEndPoint? TryParseNameServer(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.Trim();
        var hasPort = text.StartsWith('[') ? text.Contains("]:", StringComparison.Ordinal) : text.Count(c => c == ':') == 1;
        if (hasPort)
        {
            if (IPEndPoint.TryParse(text, out var endPoint) && endPoint.Port > 0)
            {
                return endPoint;
            }
        }
        else if (IPAddress.TryParse(text.Trim('[', ']'), out var address))
        {
            return new IPEndPoint(address, DefaultPort);
        }

        return null;
    }
}
