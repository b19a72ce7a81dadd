using System.Globalization;
using StackExchange.Redis;

namespace FederationKit.StackExchangeRedis;

/// <summary>
/// The Redis key of a (purpose, key) pair: <c>prefix + purpose length + ':' + purpose + ':' + key</c>. The length prefix
/// fixes where the purpose ends, so a colon inside a purpose or key can never make two pairs share a Redis key.
/// </summary>
internal static class RedisOneTimeKeys
{
    public static RedisKey Of(string prefix, string purpose, string key) =>
        prefix + purpose.Length.ToString(CultureInfo.InvariantCulture) + ":" + purpose + ":" + key;
}
