using System.Text;

namespace FederationKit.Oidc;

/// <summary>Reads provider responses with a size cap, so a hostile or broken provider cannot exhaust memory.</summary>
internal static class OidcHttp
{
    /// <summary>The largest token or userinfo response read (64 KiB).</summary>
    public const int MaxResponseBytes = 64 * 1024;

    /// <summary>Reads the body as UTF-8, or null when it is larger than <see cref="MaxResponseBytes"/>.</summary>
    public static async Task<string?> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is > MaxResponseBytes)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[MaxResponseBytes + 1];
        var total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > MaxResponseBytes)
            {
                return null;
            }
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }
}
