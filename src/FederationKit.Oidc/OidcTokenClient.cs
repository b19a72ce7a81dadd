using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FederationKit.Http;
using FederationKit.Oidc.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederationKit.Oidc;

/// <summary>
/// Exchanges an authorization code at the token endpoint (RFC 6749 4.1.3) with the configured client authentication:
/// <c>client_secret_basic</c>, <c>client_secret_post</c> or <c>private_key_jwt</c>, sending the PKCE <c>code_verifier</c>.
/// Every failure is a typed error; tokens and secrets never appear in messages.
/// </summary>
public sealed class OidcTokenClient
{
    private readonly OidcProviderOptions _options;
    private readonly OidcProviderConfigurationSource _source;
    private readonly OidcHttpClients _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the client for one provider.</summary>
    /// <param name="options">The provider settings.</param>
    /// <param name="source">The provider's discovery source (token endpoint).</param>
    /// <param name="http">The HTTP client (the host sets its timeout and handler).</param>
    /// <param name="time">The clock (client assertions).</param>
    /// <param name="logger">Where failed exchanges are logged (event 6010: codes only, never the code, verifier or secret); none when null.</param>
    public OidcTokenClient(OidcProviderOptions options, OidcProviderConfigurationSource source, HttpClient http, TimeProvider time, ILogger<OidcTokenClient>? logger = null)
        : this(options, source, OidcHttpClients.From(http ?? throw new ArgumentNullException(nameof(http))), time, logger)
    {
    }

    /// <summary>Creates the client for one provider whose token client comes from <paramref name="http"/>.</summary>
    internal OidcTokenClient(OidcProviderOptions options, OidcProviderConfigurationSource source, OidcHttpClients http, TimeProvider time, ILogger<OidcTokenClient>? logger = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Redeems <paramref name="code"/> for tokens.</summary>
    /// <param name="code">The authorization code from the callback.</param>
    /// <param name="codeVerifier">The transaction's PKCE verifier.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task<Result<OidcTokenResponse>> ExchangeCodeAsync(string code, string codeVerifier, CancellationToken cancellationToken = default) =>
        ExchangeCodeAsync(code, codeVerifier, _options.RedirectUri, cancellationToken);

    /// <summary>
    /// Redeems <paramref name="code"/> for tokens, naming <paramref name="redirectUri"/> (the redirect URI the authorization
    /// request carried) instead of <see cref="OidcProviderOptions.RedirectUri"/>.
    /// </summary>
    /// <param name="code">The authorization code from the callback.</param>
    /// <param name="codeVerifier">The transaction's PKCE verifier.</param>
    /// <param name="redirectUri">The redirect URI sent in the authorization request.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<OidcTokenResponse>> ExchangeCodeAsync(string code, string codeVerifier, string? redirectUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(codeVerifier);
        using var activity = OidcInstruments.Start(OidcInstruments.TokenSpan, _options.Issuer);
        activity?.SetTag("federationkit.oidc.client_authentication", _options.ClientAuthentication.ToString());
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await ExchangeCoreAsync(code, codeVerifier, redirectUri, cancellationToken).ConfigureAwait(false);
        var error = result.IsFailure ? result.Error : null;
        OidcInstruments.TokenDuration.Record(
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("outcome", error?.Code ?? OidcInstruments.Success));
        if (error is not null)
        {
            var providerError = OidcInstruments.ProviderErrorCode(error);
            activity?.SetTag("federationkit.oidc.provider_error", providerError);
            OidcLog.TokenExchangeFailed(_logger, _options.Issuer, error.Code, providerError);
        }

        OidcInstruments.Complete(activity, "token", error);
        return result;
    }

    private async Task<Result<OidcTokenResponse>> ExchangeCoreAsync(string code, string codeVerifier, string? redirectUri, CancellationToken cancellationToken)
    {
        var configuration = await _source.GetAsync(cancellationToken).ConfigureAwait(false);
        if (configuration.IsFailure)
        {
            return configuration.Error;
        }

        if (configuration.Value.TokenEndpoint is not { } endpoint || string.IsNullOrEmpty(redirectUri))
        {
            return OidcErrors.Of(OidcErrorCodes.SettingsInvalid, "A token endpoint and a RedirectUri are required to redeem a code.");
        }

        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("code", code),
            new("redirect_uri", redirectUri),
        };
        if (_options.UsePkce)
        {
            form.Add(new("code_verifier", codeVerifier));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var authenticated = Authenticate(request, form, endpoint);
        if (authenticated.IsFailure)
        {
            return authenticated.Error;
        }

        request.Content = new FormUrlEncodedContent(form);
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private Result Authenticate(HttpRequestMessage request, List<KeyValuePair<string, string>> form, Uri endpoint)
    {
        switch (_options.ClientAuthentication)
        {
            case OidcClientAuthentication.ClientSecretBasic when !string.IsNullOrEmpty(_options.ClientSecret):
                // RFC 6749 2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
                var credentials = FormEncode(_options.ClientId) + ":" + FormEncode(_options.ClientSecret);
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
                return Result.Success;
            case OidcClientAuthentication.ClientSecretPost when !string.IsNullOrEmpty(_options.ClientSecret):
                form.Add(new("client_id", _options.ClientId));
                form.Add(new("client_secret", _options.ClientSecret));
                return Result.Success;
            case OidcClientAuthentication.PrivateKeyJwt:
                var assertion = OidcClientAssertion.Create(_options, endpoint, _time);
                if (assertion.IsFailure)
                {
                    return assertion.Error;
                }

                form.Add(new("client_id", _options.ClientId));
                form.Add(new("client_assertion_type", OidcClientAssertion.AssertionType));
                form.Add(new("client_assertion", assertion.Value));
                return Result.Success;
            default:
                return OidcErrors.Of(OidcErrorCodes.SettingsInvalid, "The client_secret methods need a ClientSecret.");
        }
    }

    private async Task<Result<OidcTokenResponse>> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body;
        System.Net.HttpStatusCode status;
        try
        {
            using var response = await _http.Token.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            status = response.StatusCode;
            body = await OidcHttp.ReadCappedAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (OutboundFailures.IsRequestFailure(exception, cancellationToken))
        {
            return OutboundFailures.ToError(exception, OidcErrorCodes.TokenRequestFailed);
        }

        if (body is null)
        {
            return OidcErrors.Of(OidcErrorCodes.TokenResponseInvalid, $"The token response is larger than {OidcHttp.MaxResponseBytes} bytes.");
        }

        JsonElement json;
        try
        {
            using var document = JsonDocument.Parse(body);
            json = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return OidcErrors.Of(OidcErrorCodes.TokenResponseInvalid, "The token response is not JSON.").WithDetail("status", ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            return OidcErrors.Of(OidcErrorCodes.TokenResponseInvalid, "The token response is not a JSON object.");
        }

        if ((int)status is < 200 or > 299 || json.TryGetProperty("error", out _))
        {
            return OidcErrors.Of(OidcErrorCodes.TokenRequestFailed, "The token endpoint refused the code.")
                .WithDetail("status", ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithDetail("error", Text(json, "error") ?? string.Empty)
                .WithDetail("error_description", Text(json, "error_description") ?? string.Empty);
        }

        var idToken = Text(json, "id_token");
        if (string.IsNullOrEmpty(idToken))
        {
            return OidcErrors.Of(OidcErrorCodes.TokenResponseInvalid, "The token response has no id_token (was the openid scope requested?).");
        }

        long? expiresIn = json.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var seconds) ? seconds : null;
        return new OidcTokenResponse(idToken, Text(json, "access_token"), Text(json, "token_type"), expiresIn);
    }

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string FormEncode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
}
