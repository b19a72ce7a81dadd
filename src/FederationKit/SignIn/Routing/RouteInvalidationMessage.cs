using System.Text;
using FederationKit.Directories;

namespace FederationKit.SignIn.Routing;

/// <summary>
/// The text a route invalidation travels as between instances: a header line <c>fedkit-routes/1 &lt;sender&gt;</c>, then one
/// line per item: <c>d &lt;domain&gt;</c>, <c>r &lt;directory id&gt;</c> or <c>*</c> (every route). Domains are normalized
/// (lower-case ASCII), so a line never holds a line break. Anything that does not parse is read as <c>*</c>: an instance that
/// cannot tell what changed drops everything rather than keep a stale route.
/// </summary>
internal sealed record RouteInvalidationMessage(string Sender, IReadOnlyList<string> Domains, DirectoryId? Directory, bool All)
{
    /// <summary>Whether this message stands for a payload that did not parse (it then drops every route).</summary>
    public bool Unreadable { get; init; }

    private const string Header = "fedkit-routes/1 ";

    /// <summary>The payloads that carry this message, each at most <paramref name="maxBytes"/> UTF-8 bytes (split by whole items).</summary>
    public IReadOnlyList<string> Encode(int maxBytes)
    {
        var header = Header + Sender;
        var items = new List<string>();
        if (All)
        {
            items.Add("*");
        }

        if (Directory is { } directory)
        {
            items.Add("r " + directory);
        }

        items.AddRange(Domains.Select(d => "d " + d));
        var payloads = new List<string>();
        var current = new StringBuilder(header);
        var count = 0;
        foreach (var item in items)
        {
            var headerBytes = Encoding.UTF8.GetByteCount(header) + 1;
            if (headerBytes + Encoding.UTF8.GetByteCount(item) > maxBytes)
            {
                // An item that cannot fit even alone (never for a domain of at most 253 characters): every route goes.
                return [header + "\n*"];
            }

            if (count > 0 && Encoding.UTF8.GetByteCount(current.ToString()) + 1 + Encoding.UTF8.GetByteCount(item) > maxBytes)
            {
                payloads.Add(current.ToString());
                current.Clear().Append(header);
                count = 0;
            }

            current.Append('\n').Append(item);
            count++;
        }

        if (count > 0)
        {
            payloads.Add(current.ToString());
        }

        return payloads;
    }

    /// <summary>Reads a payload; a payload that does not parse becomes a message that drops every route (from no known sender).</summary>
    public static RouteInvalidationMessage Decode(string? payload)
    {
        var everything = new RouteInvalidationMessage(string.Empty, [], null, All: true) { Unreadable = true };
        if (string.IsNullOrEmpty(payload) || !payload.StartsWith(Header, StringComparison.Ordinal))
        {
            return everything;
        }

        var lines = payload.Split('\n');
        var sender = lines[0][Header.Length..];
        var domains = new List<string>();
        DirectoryId? directory = null;
        var all = false;
        foreach (var line in lines.Skip(1))
        {
            if (line == "*")
            {
                all = true;
            }
            else if (line.StartsWith("d ", StringComparison.Ordinal) && line.Length > 2)
            {
                domains.Add(line[2..]);
            }
            else if (line.StartsWith("r ", StringComparison.Ordinal) && directory is null && Guid.TryParseExact(line[2..], "D", out var id))
            {
                directory = new DirectoryId(id);
            }
            else
            {
                return everything with { Sender = sender };
            }
        }

        return new RouteInvalidationMessage(sender, domains, directory, all);
    }
}
