using System.Net.Http.Headers;
using System.Text.Json;
using FederationKit.Http;
using FederationKit.Oidc.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FederationKit.Oidc;

/// <summary>
/// Calls the userinfo endpoint with the access token (in the Authorization header; in the query only when
/// <see cref="OidcProviderOptions.SendUserInfoTokenInQuery"/> is set, which logs a warning). A signed response
/// (<c>application/jwt</c>) is verified with the provider's keys, issuer and audience, which Microsoft.IdentityModel does not
/// do on its own. The returned <c>sub</c> must equal the ID token's.
/// </summary>
public sealed class OidcUserInfoClient
{
    private static readonly Action<ILogger, string, Exception?> TokenInQuery = LoggerMessage.Define<string>(
        LogLevel.Warning,
        new EventId(6001, "OidcUserInfoTokenInQuery"),
        "Sending the access token to the userinfo endpoint of {Issuer} in the URL query (opted in): RFC 9700 forbids tokens in URLs.");

    private readonly OidcProviderOptions _options;
    private readonly OidcProviderConfigurationSource _source;
    private readonly OidcHttpClients _http;
    private readonly ILogger _logger;

    /// <summary>Creates the client for one provider.</summary>
    /// <param name="options">The provider settings.</param>
    /// <param name="source">The provider's discovery source (userinfo endpoint, keys).</param>
    /// <param name="http">The HTTP client.</param>
    /// <param name="logger">Where the warning about tokens in URLs (6001) and refused answers (6013) go; none when null.</param>
    public OidcUserInfoClient(OidcProviderOptions options, OidcProviderConfigurationSource source, HttpClient http, ILogger<OidcUserInfoClient>? logger = null)
        : this(options, source, OidcHttpClients.From(http ?? throw new ArgumentNullException(nameof(http))), logger)
    {
    }

    /// <summary>Creates the client for one provider whose userinfo client comes from <paramref name="http"/>.</summary>
    internal OidcUserInfoClient(OidcProviderOptions options, OidcProviderConfigurationSource source, OidcHttpClients http, ILogger<OidcUserInfoClient>? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Reads the user's claims; null (success) when the provider has no userinfo endpoint or it is turned off.</summary>
    /// <param name="accessToken">The access token from the token response.</param>
    /// <param name="expectedSubject">The ID token's <c>sub</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<IReadOnlyDictionary<string, JsonElement>?>> GetAsync(string? accessToken, string expectedSubject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expectedSubject);
        using var activity = OidcInstruments.Start(OidcInstruments.UserInfoSpan, _options.Issuer);
        var result = await GetCoreAsync(accessToken, expectedSubject, cancellationToken).ConfigureAwait(false);
        var error = result.IsFailure ? result.Error : null;
        if (error is not null)
        {
            OidcLog.UserInfoRefused(_logger, _options.Issuer, error.Code);
        }

        activity?.SetTag("federationkit.oidc.userinfo_read", result.IsSuccess && result.Value is not null);
        OidcInstruments.Complete(activity, "userinfo", error);
        return result;
    }

    private async Task<Result<IReadOnlyDictionary<string, JsonElement>?>> GetCoreAsync(string? accessToken, string expectedSubject, CancellationToken cancellationToken)
    {
        var configuration = await _source.GetAsync(cancellationToken).ConfigureAwait(false);
        if (configuration.IsFailure)
        {
            return configuration.Error;
        }

        if (!_options.UseUserInfo || configuration.Value.UserInfoEndpoint is not { } endpoint || string.IsNullOrEmpty(accessToken))
        {
            return Result<IReadOnlyDictionary<string, JsonElement>?>.Success(null);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, _options.SendUserInfoTokenInQuery ? WithToken(endpoint, accessToken) : endpoint);
        if (_options.SendUserInfoTokenInQuery)
        {
            TokenInQuery(_logger, _options.Issuer, null);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        string? body;
        string? mediaType;
        int status;
        try
        {
            using var response = await _http.UserInfo.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            mediaType = response.Content.Headers.ContentType?.MediaType;
            body = await OidcHttp.ReadCappedAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (OutboundFailures.IsRequestFailure(exception, cancellationToken))
        {
            return OutboundFailures.ToError(exception, OidcErrorCodes.UserInfoRequestFailed);
        }

        if (status is < 200 or > 299)
        {
            return OidcErrors.Of(OidcErrorCodes.UserInfoRequestFailed, "The userinfo endpoint refused the access token.").WithDetail("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (body is null)
        {
            return OidcErrors.Of(OidcErrorCodes.UserInfoResponseInvalid, $"The userinfo response is larger than {OidcHttp.MaxResponseBytes} bytes.");
        }

        var claims = string.Equals(mediaType, "application/jwt", StringComparison.OrdinalIgnoreCase)
            ? await ReadSignedAsync(body, configuration.Value, cancellationToken).ConfigureAwait(false)
            : ReadJson(body);
        if (claims.IsFailure)
        {
            return claims.Error;
        }

        if (!claims.Value.TryGetValue("sub", out var sub) || sub.ValueKind != JsonValueKind.String || !string.Equals(sub.GetString(), expectedSubject, StringComparison.Ordinal))
        {
            return OidcErrors.Of(OidcErrorCodes.UserInfoSubjectMismatch, "The userinfo response is about another subject than the ID token.");
        }

        return Result<IReadOnlyDictionary<string, JsonElement>?>.Success(claims.Value);
    }

    private static Uri WithToken(Uri endpoint, string accessToken)
    {
        var separator = endpoint.Query.Length > 0 ? "&" : "?";
        return new Uri(endpoint.OriginalString + separator + "access_token=" + Uri.EscapeDataString(accessToken));
    }

    private static Result<IReadOnlyDictionary<string, JsonElement>> ReadJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return OidcErrors.Of(OidcErrorCodes.UserInfoResponseInvalid, "The userinfo response is not a JSON object.");
            }

            if (OidcJwtChecks.FindDuplicate(document.RootElement) is { } duplicate)
            {
                return OidcErrors.Of(OidcErrorCodes.ClaimDuplicated, $"The userinfo response has the claim '{duplicate}' more than once.").WithDetail("name", duplicate);
            }

            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return OidcErrors.Of(OidcErrorCodes.UserInfoResponseInvalid, "The userinfo response is not JSON.");
        }
    }

    private async Task<Result<IReadOnlyDictionary<string, JsonElement>>> ReadSignedAsync(string jwt, OidcProviderConfiguration configuration, CancellationToken cancellationToken)
    {
        var structure = OidcJwtChecks.Check(jwt.Trim(), OidcErrorCodes.UserInfoResponseInvalid, "signed userinfo response");
        if (structure.IsFailure)
        {
            return structure.Error;
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = _options.AllowedAlgorithms,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = true,
        };
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, parameters).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (!validation.IsValid || validation.SecurityToken is not JsonWebToken token)
        {
            return OidcErrors.Of(OidcErrorCodes.UserInfoResponseInvalid, "The signed userinfo response does not verify with the provider's keys, issuer and audience.");
        }

        return ReadJson(Base64UrlEncoder.Decode(token.EncodedPayload));
    }
}
