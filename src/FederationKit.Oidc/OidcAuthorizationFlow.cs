using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using FederationKit.OneTime;

namespace FederationKit.Oidc;

/// <summary>
/// Builds authorization requests (code flow, state, nonce, PKCE S256) and checks the callback: provider errors and the
/// RFC 9207 <c>iss</c> parameter. The transaction is either kept here (<see cref="CreateAsync"/> and
/// <see cref="HandleCallbackAsync"/>: the state consumed once through <see cref="FederationKit.OneTime.IOneTimeStore"/>)
/// or by the caller (<see cref="NewTransaction"/>, <see cref="CreateUrlAsync"/> and <see cref="CheckCallbackAsync"/>, as
/// <see cref="OidcSignInProtocol"/> does with the sign-in transaction of the core).
/// </summary>
public sealed class OidcAuthorizationFlow
{
    /// <summary>The one-time-store purpose under which transactions are kept.</summary>
    public const string StatePurpose = "oidc.state";

    /// <summary>The one-time-store purpose marking consumed states, so a replay is told apart from an unknown state.</summary>
    public const string UsedPurpose = "oidc.state.used";

    private readonly OidcProviderOptions _options;
    private readonly OidcProviderConfigurationSource _source;
    private readonly FederationKit.OneTime.IOneTimeStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates the flow for one provider.</summary>
    /// <param name="options">The provider settings.</param>
    /// <param name="source">The provider's discovery source.</param>
    /// <param name="store">The shared one-time store.</param>
    /// <param name="time">The clock.</param>
    public OidcAuthorizationFlow(OidcProviderOptions options, OidcProviderConfigurationSource source, FederationKit.OneTime.IOneTimeStore store, TimeProvider time)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Creates and stores a transaction and returns the URL to redirect the browser to.</summary>
    /// <param name="loginHint">The email the user typed, sent as <c>login_hint</c>.</param>
    /// <param name="returnUrl">The host's return URL, kept in the transaction.</param>
    /// <param name="prompt">Optional <c>prompt</c> value.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<OidcAuthorizationRequest>> CreateAsync(string? loginHint, string? returnUrl, string? prompt = null, CancellationToken cancellationToken = default)
    {
        var endpoint = await AuthorizationEndpointAsync(_options.RedirectUri, cancellationToken).ConfigureAwait(false);
        if (endpoint.IsFailure)
        {
            return endpoint.Error;
        }

        var transaction = NewTransaction(Random32(), returnUrl);
        bool stored;
        try
        {
            stored = await _store.TryAddAsync(StatePurpose, transaction.State, JsonSerializer.SerializeToUtf8Bytes(transaction),
                _time.GetUtcNow() + _options.TransactionLifetime, cancellationToken).ConfigureAwait(false);
        }
        catch (OneTimeStoreUnavailableException)
        {
            return OidcErrors.Of(StoreErrorCodes.OneTimeUnavailable, "The one-time store is unavailable, so the sign-in transaction could not be kept; retry the sign-in.");
        }

        if (!stored)
        {
            throw new InvalidOperationException("A freshly generated state collided in the one-time store.");
        }

        var url = BuildUrl(endpoint.Value, _options.RedirectUri!, transaction, loginHint, prompt);
        return url.IsFailure ? url.Error : new OidcAuthorizationRequest(url.Value, transaction);
    }

    /// <summary>
    /// A fresh transaction for <paramref name="state"/> (a fresh nonce and PKCE verifier) that the caller keeps itself, for
    /// <see cref="CreateUrlAsync"/> and <see cref="CheckCallbackAsync"/>; nothing is stored.
    /// </summary>
    /// <param name="state">The state to send: the caller's own transaction ID, at least 128 random bits.</param>
    /// <param name="returnUrl">The host's return URL, if the caller wants it kept in the transaction.</param>
    public static OidcTransaction NewTransaction(string state, string? returnUrl = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(state);
        return new OidcTransaction(state, Random32(), Pkce.CreateVerifier(), returnUrl);
    }

    /// <summary>
    /// The authorization URL for a transaction the caller keeps (its <c>state</c>, nonce and PKCE verifier), with
    /// <paramref name="redirectUri"/> as the callback; nothing is stored in the one-time store.
    /// </summary>
    /// <param name="transaction">The transaction (see <see cref="NewTransaction"/>).</param>
    /// <param name="redirectUri">The callback registered at the provider.</param>
    /// <param name="loginHint">The email the user typed, sent as <c>login_hint</c>.</param>
    /// <param name="prompt">Optional <c>prompt</c> value.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Uri>> CreateUrlAsync(OidcTransaction transaction, string redirectUri, string? loginHint, string? prompt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var endpoint = await AuthorizationEndpointAsync(redirectUri, cancellationToken).ConfigureAwait(false);
        return endpoint.IsFailure ? endpoint.Error : BuildUrl(endpoint.Value, redirectUri, transaction, loginHint, prompt);
    }

    /// <summary>Checks the callback parameters and consumes the transaction (at most once).</summary>
    /// <param name="parameters">The callback's query or form parameters.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The transaction and the authorization code.</returns>
    public async Task<Result<(OidcTransaction Transaction, string Code)>> HandleCallbackAsync(IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!parameters.TryGetValue("state", out var state) || string.IsNullOrEmpty(state) || state.Length > 256)
        {
            return OidcErrors.Of(OidcErrorCodes.StateMismatch, "The callback carries no usable state.");
        }

        byte[]? taken;
        try
        {
            taken = await _store.TryTakeAsync(StatePurpose, state, cancellationToken).ConfigureAwait(false);
            if (taken is null)
            {
                var used = await _store.TryTakeAsync(UsedPurpose, state, cancellationToken).ConfigureAwait(false);
                if (used is not null)
                {
                    await _store.TryAddAsync(UsedPurpose, state, used, _time.GetUtcNow() + _options.TransactionLifetime, cancellationToken).ConfigureAwait(false);
                    return OidcErrors.Of(OidcErrorCodes.StateReplayed, "The state was already used: this callback is a replay.");
                }

                return OidcErrors.Of(OidcErrorCodes.StateMismatch, "The state is unknown or expired.");
            }

            await _store.TryAddAsync(UsedPurpose, state, new byte[] { 1 }, _time.GetUtcNow() + _options.TransactionLifetime, cancellationToken).ConfigureAwait(false);
        }
        catch (OneTimeStoreUnavailableException)
        {
            // Fail closed: the state cannot be consumed or checked for replay without the shared store.
            return OidcErrors.Of(StoreErrorCodes.OneTimeUnavailable, "The one-time store is unavailable, so the callback could not be checked; it was refused. Retry the sign-in.");
        }

        var transaction = JsonSerializer.Deserialize<OidcTransaction>(taken)!;
        var code = await CheckCallbackAsync(transaction, parameters, cancellationToken).ConfigureAwait(false);
        return code.IsFailure ? code.Error : (transaction, code.Value);
    }

    /// <summary>
    /// Checks a callback against a transaction the caller already took from its own store: the <c>state</c> equals the
    /// transaction's, the RFC 9207 <c>iss</c> is the issuer (required when the provider advertises it), the provider sent no
    /// <c>error</c>, and there is a code. Consuming the transaction once is the caller's job.
    /// </summary>
    /// <param name="transaction">The transaction the callback answers.</param>
    /// <param name="parameters">The callback's query or form parameters.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The authorization code.</returns>
    public async Task<Result<string>> CheckCallbackAsync(OidcTransaction transaction, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!parameters.TryGetValue("state", out var state) || state is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(transaction.State), Encoding.UTF8.GetBytes(state)))
        {
            return OidcErrors.Of(OidcErrorCodes.StateMismatch, "The state does not match the transaction.");
        }

        var configuration = await _source.GetAsync(cancellationToken).ConfigureAwait(false);
        if (configuration.IsFailure)
        {
            return configuration.Error;
        }

        var hasIss = parameters.TryGetValue("iss", out var iss);
        if ((hasIss || configuration.Value.AuthorizationResponseIssParameterSupported) && !string.Equals(iss, _options.Issuer, StringComparison.Ordinal))
        {
            return OidcErrors.Of(OidcErrorCodes.IssuerParameterMismatch, "The authorization response's iss is not the configured issuer (RFC 9207).");
        }

        if (parameters.TryGetValue("error", out var error))
        {
            parameters.TryGetValue("error_description", out var description);
            return OidcErrors.Of(OidcErrorCodes.ProviderError, "The provider refused the authorization request.")
                .WithDetail("error", error).WithDetail("error_description", description ?? string.Empty);
        }

        return parameters.TryGetValue("code", out var code) && !string.IsNullOrEmpty(code)
            ? code
            : OidcErrors.Of(OidcErrorCodes.CodeMissing, "The callback carries no authorization code.");
    }

    private async Task<Result<Uri>> AuthorizationEndpointAsync(string? redirectUri, CancellationToken cancellationToken)
    {
        var configuration = await _source.GetAsync(cancellationToken).ConfigureAwait(false);
        if (configuration.IsFailure)
        {
            return configuration.Error;
        }

        return configuration.Value.AuthorizationEndpoint is { } endpoint && !string.IsNullOrEmpty(redirectUri)
            ? endpoint
            : OidcErrors.Of(OidcErrorCodes.SettingsInvalid, "An authorization endpoint and a RedirectUri are required.");
    }

    private Result<Uri> BuildUrl(Uri endpoint, string redirectUri, OidcTransaction transaction, string? loginHint, string? prompt)
    {
        var challenge = Pkce.ComputeChallenge(transaction.CodeVerifier);
        if (challenge.IsFailure)
        {
            return challenge.Error;
        }

        var query = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", _options.ClientId),
            new("redirect_uri", redirectUri),
            new("scope", string.Join(' ', _options.EffectiveScopes)),
            new("state", transaction.State),
            new("nonce", transaction.Nonce),
            new("code_challenge", challenge.Value),
            new("code_challenge_method", Pkce.MethodS256),
        };
        if (!string.IsNullOrEmpty(loginHint))
        {
            query.Add(new("login_hint", loginHint));
        }

        if (!string.IsNullOrEmpty(prompt))
        {
            query.Add(new("prompt", prompt));
        }

        var text = endpoint.ToString();
        var separator = text.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return new Uri(text + separator + string.Join('&', query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))));
    }

    private static string Random32() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
}
