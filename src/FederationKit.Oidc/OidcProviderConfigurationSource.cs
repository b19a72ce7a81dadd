using System.Text.Json;
using FederationKit.Http;
using FederationKit.Oidc.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc;

/// <summary>
/// Fetches and caches the provider's discovery document and keys through an <see cref="HttpClient"/> (by default the one of
/// <c>FederationKit.Http</c>, which enforces the outbound URL policy; a host that passes its own client owns that check).
/// A refresh for an unknown <c>kid</c> completes before the caller's verdict, is shared by concurrent callers (one fetch),
/// and happens at most once per <see cref="OidcProviderOptions.KeyRefreshInterval"/>, so a flood of forged tokens cannot
/// hammer the provider. One instance per provider; thread-safe.
/// </summary>
public sealed class OidcProviderConfigurationSource : IDisposable
{
    private const int MaxDocumentBytes = 512 * 1024;
    private readonly OidcProviderOptions _options;
    private readonly OidcHttpClients _http;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OidcProviderConfiguration? _current;
    private readonly ILogger _logger;
    private DateTimeOffset _lastFetchAttempt = DateTimeOffset.MinValue;

    /// <summary>Creates a source for one provider.</summary>
    /// <param name="options">The provider settings.</param>
    /// <param name="http">The HTTP client used for discovery and JWKS.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where refreshes and failures are logged (events 6020-6022: issuer, codes and key IDs); none when null.</param>
    public OidcProviderConfigurationSource(OidcProviderOptions options, HttpClient http, TimeProvider time, ILogger<OidcProviderConfigurationSource>? logger = null)
        : this(options, OidcHttpClients.From(http ?? throw new ArgumentNullException(nameof(http))), time, logger)
    {
    }

    /// <summary>Creates a source for one provider whose discovery and JWKS clients come from <paramref name="http"/>.</summary>
    internal OidcProviderConfigurationSource(OidcProviderOptions options, OidcHttpClients http, TimeProvider time, ILogger<OidcProviderConfigurationSource>? logger = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _http = http;
        _time = time;
    }

    /// <summary>How many times the provider was asked for its documents (discovery and JWKS count as one); for diagnostics.</summary>
    public int FetchCount { get; private set; }

    /// <summary>The cached configuration, fetched when missing or older than <see cref="OidcProviderOptions.ConfigurationLifetime"/>.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<OidcProviderConfiguration>> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = _current;
        if (current is not null && _time.GetUtcNow() - current.FetchedAt < _options.ConfigurationLifetime)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _current;
            if (current is not null && _time.GetUtcNow() - current.FetchedAt < _options.ConfigurationLifetime)
            {
                return current;
            }

            return await FetchLockedAsync(current is null ? "initial" : "expired", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Refreshes the keys because a token named a <c>kid</c> that <paramref name="seen"/> lacks. Returns a newer configuration
    /// when another caller already refreshed, the same one when the refresh interval has not passed, or a fresh fetch.
    /// </summary>
    /// <param name="seen">The configuration in which the key was not found.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<OidcProviderConfiguration>> RefreshForUnknownKeyAsync(OidcProviderConfiguration seen, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seen);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is not null && !ReferenceEquals(_current, seen))
            {
                return _current;
            }

            if (_time.GetUtcNow() - _lastFetchAttempt < _options.KeyRefreshInterval)
            {
                return seen;
            }

            return await FetchLockedAsync("unknown_kid", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Result<OidcProviderConfiguration>> FetchLockedAsync(string reason, CancellationToken cancellationToken)
    {
        using var activity = OidcInstruments.Start(OidcInstruments.DiscoverySpan, _options.Issuer);
        activity?.SetTag("federationkit.oidc.refresh_reason", reason);
        _lastFetchAttempt = _time.GetUtcNow();
        FetchCount++;
        var fetched = await FetchAsync(cancellationToken).ConfigureAwait(false);
        if (fetched.IsSuccess)
        {
            var previous = _current;
            _current = fetched.Value;
            var keyIds = KeyIds(fetched.Value);
            activity?.SetTag("federationkit.oidc.key_count", fetched.Value.SigningKeys.Count);
            OidcLog.DiscoveryRefreshed(_logger, _options.Issuer, reason, fetched.Value.SigningKeys.Count, keyIds);
            if (previous is not null)
            {
                var before = KeyIds(previous);
                if (!before.SetEquals(keyIds))
                {
                    var added = keyIds.Except(before, StringComparer.Ordinal);
                    var removed = before.Except(keyIds, StringComparer.Ordinal);
                    OidcLog.SigningKeysChanged(_logger, _options.Issuer, added, removed);
                }
            }
        }
        else
        {
            OidcLog.DiscoveryFailed(_logger, _options.Issuer, reason, fetched.Error.Code);
        }

        OidcInstruments.Complete(activity, "discovery", fetched.IsFailure ? fetched.Error : null);
        return fetched;
    }

    /// <summary>The key IDs of the configuration's signing keys (a key without one counts as <c>(none)</c>); public key names, not keys.</summary>
    private static HashSet<string> KeyIds(OidcProviderConfiguration configuration) =>
        configuration.SigningKeys.Select(k => string.IsNullOrEmpty(k.KeyId) ? "(none)" : k.KeyId).ToHashSet(StringComparer.Ordinal);

    private async Task<Result<OidcProviderConfiguration>> FetchAsync(CancellationToken cancellationToken)
    {
        var discovered = new OpenIdConnectConfiguration();
        var issParameterSupported = false;
        if (_options.UseDiscovery)
        {
            var address = new Uri(_options.Issuer.TrimEnd('/') + "/.well-known/openid-configuration");
            var document = await GetDocumentAsync(_http.Discovery, address, cancellationToken).ConfigureAwait(false);
            if (document.IsFailure)
            {
                return document.Error;
            }

            try
            {
                discovered = OpenIdConnectConfiguration.Create(document.Value);
                using var json = JsonDocument.Parse(document.Value);
                issParameterSupported = json.RootElement.TryGetProperty("authorization_response_iss_parameter_supported", out var flag)
                    && flag.ValueKind == JsonValueKind.True;
            }
            catch (Exception ex) when (ex is ArgumentException or JsonException or InvalidOperationException)
            {
                return OidcErrors.Of(OidcErrorCodes.DiscoveryFailed, $"The discovery document at {address} is not valid JSON metadata.");
            }

            if (!string.Equals(discovered.Issuer, _options.Issuer, StringComparison.Ordinal))
            {
                return OidcErrors.Of(OidcErrorCodes.DiscoveryIssuerMismatch, $"The discovery document names issuer '{discovered.Issuer}', not the configured '{_options.Issuer}'.");
            }
        }

        var keys = await LoadKeysAsync(discovered, cancellationToken).ConfigureAwait(false);
        if (keys.IsFailure)
        {
            return keys.Error;
        }

        return new OidcProviderConfiguration
        {
            Issuer = _options.Issuer,
            AuthorizationEndpoint = _options.AuthorizationEndpoint ?? ToUri(discovered.AuthorizationEndpoint),
            TokenEndpoint = _options.TokenEndpoint ?? ToUri(discovered.TokenEndpoint),
            UserInfoEndpoint = _options.UserInfoEndpoint ?? ToUri(discovered.UserInfoEndpoint),
            EndSessionEndpoint = _options.EndSessionEndpoint ?? ToUri(discovered.EndSessionEndpoint),
            SigningKeys = keys.Value,
            AuthorizationResponseIssParameterSupported = issParameterSupported,
            FetchedAt = _time.GetUtcNow(),
        };
    }

    private async Task<Result<IReadOnlyList<SecurityKey>>> LoadKeysAsync(OpenIdConnectConfiguration discovered, CancellationToken cancellationToken)
    {
        var jwksJson = _options.JwksJson;
        if (jwksJson is null)
        {
            var jwksUri = _options.JwksUri ?? ToUri(discovered.JwksUri);
            if (jwksUri is null)
            {
                return OidcErrors.Of(OidcErrorCodes.DiscoveryFailed, "The provider publishes no jwks_uri and none is configured.");
            }

            var document = await GetDocumentAsync(_http.Jwks, jwksUri, cancellationToken).ConfigureAwait(false);
            if (document.IsFailure)
            {
                return document.Error;
            }

            jwksJson = document.Value;
        }

        try
        {
            var set = new JsonWebKeySet(jwksJson) { SkipUnresolvedJsonWebKeys = true };
            return Result<IReadOnlyList<SecurityKey>>.Success([.. set.GetSigningKeys()]);
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or InvalidOperationException)
        {
            return OidcErrors.Of(OidcErrorCodes.DiscoveryFailed, "The provider's JWKS is not a valid JSON Web Key Set.");
        }
    }

    private static async Task<Result<string>> GetDocumentAsync(HttpClient http, Uri address, CancellationToken cancellationToken)
    {
        if (!OidcUrls.IsSecureOrLoopback(address.OriginalString, out var problem))
        {
            return OidcErrors.Of(OidcErrorCodes.DiscoveryFailed, $"{address} {problem}");
        }

        try
        {
            using var response = await http.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return OidcErrors.Of(OidcErrorCodes.DiscoveryFailed, $"{address} answered HTTP {(int)response.StatusCode}.");
            }

            if (response.Content.Headers.ContentLength > MaxDocumentBytes)
            {
                return OidcErrors.Of(OidcErrorCodes.DiscoveryFailed, $"{address} sent more than {MaxDocumentBytes} bytes.");
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return body.Length > MaxDocumentBytes
                ? OidcErrors.Of(OidcErrorCodes.DiscoveryFailed, $"{address} sent more than {MaxDocumentBytes} bytes.")
                : body;
        }
        catch (Exception exception) when (OutboundFailures.IsRequestFailure(exception, cancellationToken))
        {
            // One message for a refused address, a refused connection and a timeout: no port-scan oracle for whoever sets the URL.
            return OutboundFailures.ToError(exception, OidcErrorCodes.DiscoveryFailed).WithDetail("url", address.ToString());
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private static Uri? ToUri(string? value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
}
