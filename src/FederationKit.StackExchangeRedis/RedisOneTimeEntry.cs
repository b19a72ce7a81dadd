using System.Globalization;
using System.Text;

namespace FederationKit.StackExchangeRedis;

/// <summary>
/// The stored form of an entry: the absolute expiry in Unix milliseconds as ASCII digits, a colon, then the value's bytes.
/// The expiry travels with the value so that expiry is decided by the host's <see cref="TimeProvider"/>, not Redis's
/// clock; the Redis TTL only collects entries that nobody takes.
/// </summary>
internal static class RedisOneTimeEntry
{
    public static byte[] Encode(long expiresAtMs, ReadOnlySpan<byte> value)
    {
        var head = Encoding.ASCII.GetBytes(expiresAtMs.ToString(CultureInfo.InvariantCulture) + ":");
        var bytes = new byte[head.Length + value.Length];
        head.CopyTo(bytes, 0);
        value.CopyTo(bytes.AsSpan(head.Length));
        return bytes;
    }

    /// <summary>Returns the value when <paramref name="stored"/> is well formed and still live at <paramref name="nowMs"/>.</summary>
    public static byte[]? LiveValue(byte[] stored, long nowMs)
    {
        var separator = Array.IndexOf(stored, (byte)':');
        if (separator <= 0
            || !long.TryParse(stored.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAtMs)
            || expiresAtMs <= nowMs)
        {
            return null;
        }

        return stored.AsSpan(separator + 1).ToArray();
    }
}
