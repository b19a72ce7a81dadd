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

    /// <summary>Checks every setting and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException("Timeout must be positive and at most one minute.", nameof(Timeout));
        }

        if (Retries is < 0 or > 10)
        {
            throw new ArgumentException("Retries must be between 0 and 10.", nameof(Retries));
        }

        foreach (var server in NameServers)
        {
            _ = ParseNameServer(server);
        }
    }

    /// <summary>Parses <c>IP</c>, <c>IP:port</c> or <c>[IPv6]:port</c>; the port defaults to 53.</summary>
    /// <param name="value">The name server.</param>
    /// <exception cref="ArgumentException">The value is not an IP address with an optional port.</exception>
    public static IPEndPoint ParseNameServer(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
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

        throw new ArgumentException($"'{value}' is not a name server address (IP, IP:port or [IPv6]:port).", nameof(value));
    }
}
