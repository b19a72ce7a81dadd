using System.Collections.Concurrent;
using System.Net;
using System.Text;
using FederationKit.Directories;
using FederationKit.Http;

namespace FederationKit.Saml.Metadata;

/// <summary>
/// Fetches IdP metadata from a URL through an <see cref="HttpClient"/> (HTTPS required outside loopback), reads it with <see cref="SamlIdpMetadataReader"/>, and caches it: a copy is used until its <c>cacheDuration</c> (bounded by
/// <see cref="MaxCacheDuration"/>) or <c>validUntil</c>; when a refresh fails, the last good copy keeps serving while it is
/// still valid and younger than <see cref="MaxStaleness"/>, so an IdP outage does not lock every user out at once.
/// <c>AddSaml</c> registers one on the named client <see cref="FederationKitHttpClients.SamlMetadata"/> of
/// <see cref="IHttpClientFactory"/> (taken per fetch), so a metadata URL obeys the outbound URL policy (https only, public
/// addresses only unless the host opts in), each fetch has a timeout and a transient failure is retried. A host that
/// constructs it with its own client bypasses the factory and takes over that check. A refused address, a refused connection and a timeout give the same message.
/// </summary>
public sealed class SamlIdpMetadataClient
{
    private readonly Func<HttpClient> _http;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates the client.</summary>
    /// <param name="http">One client for every fetch, bypassing <see cref="IHttpClientFactory"/>: normally <c>OutboundHttp.CreateClient(policy)</c>; a client of the host's own must refuse internal addresses itself.</param>
    /// <param name="time">The clock.</param>
    public SamlIdpMetadataClient(HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = () => http;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Creates the client on the named client <see cref="FederationKitHttpClients.SamlMetadata"/> of <paramref name="http"/>, created per fetch.</summary>
    /// <param name="http">The factory (its named client is registered by <c>AddOutboundHttp</c>, which <c>AddSaml</c> calls).</param>
    /// <param name="time">The clock.</param>
    public SamlIdpMetadataClient(IHttpClientFactory http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = () => http.CreateClient(FederationKitHttpClients.SamlMetadata);
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>How long a copy is used when the metadata sets no <c>cacheDuration</c>, and the most it may set. Default 24 hours.</summary>
    public TimeSpan MaxCacheDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long after its fetch a copy may still serve while refreshes fail. Default 7 days.</summary>
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long to wait before trying again after a failed refresh. Default 5 minutes.</summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The metadata at <paramref name="url"/>, from the cache while it is fresh.</summary>
    /// <param name="url">The metadata URL.</param>
    /// <param name="options">Which entity and which metadata signing keys.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SamlIdpMetadata>> GetAsync(Uri url, SamlIdpMetadataReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(options);
        var key = url.AbsoluteUri + "\n" + options.EntityId;
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && now < cached.RefreshAt && Usable(cached, now))
        {
            return cached.Metadata;
        }

        var fetched = await FetchAsync(url, options, cancellationToken).ConfigureAwait(false);
        now = _time.GetUtcNow();
        if (fetched.IsSuccess)
        {
            // A negative cacheDuration (the IdP's to give) means refresh at once; never past the maximum.
            var lifetime = fetched.Value.CacheDuration is { } duration && duration < MaxCacheDuration ? (duration > TimeSpan.Zero ? duration : TimeSpan.Zero) : MaxCacheDuration;
            _cache[key] = new Entry(fetched.Value, now, now + lifetime);
            return fetched;
        }

        if (cached is not null && Usable(cached, now))
        {
            _cache[key] = cached with { RefreshAt = now + RetryAfterFailure };
            return cached.Metadata;
        }

        _cache.TryRemove(key, out _);
        return fetched;
    }

    /// <summary>Fetches and reads the metadata at <paramref name="url"/> now, bypassing the cache.</summary>
    /// <param name="url">The metadata URL.</param>
    /// <param name="options">Which entity and which metadata signing keys.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SamlIdpMetadata>> FetchAsync(Uri url, SamlIdpMetadataReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(options);
        using var activity = Diagnostics.SamlInstruments.Start(Diagnostics.SamlInstruments.MetadataSpan, null, options.EntityId);
        var fetched = await FetchCoreAsync(url, options, cancellationToken).ConfigureAwait(false);
        Diagnostics.SamlInstruments.Complete(activity, "metadata", fetched.IsFailure ? fetched.Error : null);
        return fetched;
    }

    private async Task<Result<SamlIdpMetadata>> FetchCoreAsync(Uri url, SamlIdpMetadataReadOptions options, CancellationToken cancellationToken)
    {
        if (!url.IsAbsoluteUri || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url))))
        {
            return new FederationError(SamlMetadataErrorCodes.UrlInsecure, "The metadata URL must use https (http is allowed only on a loopback address).");
        }

        string xml;
        try
        {
            using var response = await _http().GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new FederationError(SamlMetadataErrorCodes.FetchFailed, "The metadata URL did not answer with success.")
                    .WithDetail("status", ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var limit = (long)options.MaxLength * 4; // UTF-8 bytes for MaxLength characters at most
            if (response.Content.Headers.ContentLength > limit)
            {
                return new FederationError(SamlMetadataErrorCodes.Malformed, "The metadata is larger than the configured maximum.");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return new FederationError(SamlMetadataErrorCodes.Malformed, "The metadata is larger than the configured maximum.");
                }

                buffer.Write(chunk, 0, read);
            }

            xml = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (Exception exception) when (OutboundFailures.IsRequestFailure(exception, cancellationToken))
        {
            // One message for a refused address, a refused connection and a timeout: no port-scan oracle for the admin who types the URL.
            return OutboundFailures.ToError(exception, SamlMetadataErrorCodes.FetchFailed).WithDetail("status", string.Empty);
        }

        return SamlIdpMetadataReader.Read(xml, options, _time.GetUtcNow());
    }

    /// <summary>
    /// Imports an IdP from its metadata URL: fetches and reads the metadata now and returns the settings of a SAML profile that
    /// keep the URL (<see cref="SamlIdpSettings.MetadataUrl"/>), so <see cref="SamlMetadataRefresher"/> can follow the IdP's key
    /// rollovers. Pass them to <c>IdpProfileService.AddSamlProfileAsync</c> (or <c>UpdateSamlSettingsAsync</c> with the current
    /// settings as <paramref name="current"/>, whose SP-side choices are kept).
    /// </summary>
    /// <param name="url">The metadata URL.</param>
    /// <param name="options">Which entity and which metadata signing keys.</param>
    /// <param name="current">The profile's settings today, or null for a new profile.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SamlIdpSettings>> ImportAsync(Uri url, SamlIdpMetadataReadOptions options, SamlIdpSettings? current = null, CancellationToken cancellationToken = default)
    {
        var fetched = await FetchAsync(url, options, cancellationToken).ConfigureAwait(false);
        return fetched.IsFailure ? fetched.Error : fetched.Value.ToProfileSettings(current) with { MetadataUrl = url };
    }

    private bool Usable(Entry entry, DateTimeOffset now) =>
        (entry.Metadata.ValidUntil is not { } until || now < until) && now < entry.FetchedAt + MaxStaleness;

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    private sealed record Entry(SamlIdpMetadata Metadata, DateTimeOffset FetchedAt, DateTimeOffset RefreshAt);
}
