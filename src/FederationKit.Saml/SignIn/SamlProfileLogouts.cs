using FederationKit.Directories;
using FederationKit.OneTime;
using FederationKit.Saml.Logout;
using FederationKit.Saml.Requests;
using FederationKit.Stores;

namespace FederationKit.Saml.SignIn;

/// <summary>
/// Single logout for the SAML IdP profiles of directories, at each profile's SLO URL
/// (<see cref="SamlSignInOptions.SingleLogoutServiceUrl"/>): the SP-initiated round trip (<see cref="StartAsync"/>, then
/// <see cref="CompleteAsync"/> with the IdP's LogoutResponse) and the IdP-initiated one (<see cref="ReceiveAsync"/>, end
/// the sessions, then <see cref="AnswerAsync"/>).
/// </summary>
public sealed class SamlProfileLogouts
{
    private readonly IIdpProfileStore _profiles;
    private readonly SamlSignInOptions _options;
    private readonly SamlProfileCache _cache;

    /// <summary>Creates the logouts.</summary>
    /// <param name="profiles">The IdP profile store.</param>
    /// <param name="store">The one-time store shared by every instance.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The host's SP settings (<see cref="SamlSignInOptions.SingleLogoutServiceBaseUrl"/> is required).</param>
    /// <param name="loggers">Where the logout services log refusals (event 5010); none when null.</param>
    public SamlProfileLogouts(IIdpProfileStore profiles, IOneTimeStore store, TimeProvider time, SamlSignInOptions options, Microsoft.Extensions.Logging.ILoggerFactory? loggers = null)
    {
        _profiles = profiles ?? throw new ArgumentNullException(nameof(profiles));
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _cache = new SamlProfileCache(options, store, time, loggers);
    }

    /// <summary>The redirect that asks the profile's IdP to end the session the sign-in assertion opened.</summary>
    /// <param name="profileId">The profile the user signed in through.</param>
    /// <param name="request">The NameID and SessionIndex of the sign-in assertion, and an optional RelayState.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SamlRedirectRequest>> StartAsync(IdpProfileId profileId, SamlLogoutRequestOptions request, CancellationToken cancellationToken = default)
    {
        var service = await ServiceAsync(profileId, cancellationToken).ConfigureAwait(false);
        return service.IsFailure ? service.Error : await service.Value.CreateLogoutRequestAsync(request, _options.SigningCertificate, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the IdP's LogoutResponse that arrived at the profile's SLO URL.</summary>
    /// <param name="profileId">The profile whose SLO URL received it.</param>
    /// <param name="rawQuery">The query string exactly as received.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SamlLogoutResponse>> CompleteAsync(IdpProfileId profileId, string rawQuery, CancellationToken cancellationToken = default)
    {
        var service = await ServiceAsync(profileId, cancellationToken).ConfigureAwait(false);
        return service.IsFailure ? service.Error : await service.Value.ValidateLogoutResponseAsync(rawQuery, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks a LogoutRequest the IdP sent to the profile's SLO URL; end the sessions it names, then call <see cref="AnswerAsync"/>.</summary>
    /// <param name="profileId">The profile whose SLO URL received it.</param>
    /// <param name="rawQuery">The query string exactly as received.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<SamlLogoutRequest>> ReceiveAsync(IdpProfileId profileId, string rawQuery, CancellationToken cancellationToken = default)
    {
        var service = await ServiceAsync(profileId, cancellationToken).ConfigureAwait(false);
        return service.IsFailure ? service.Error : await service.Value.ValidateLogoutRequestAsync(rawQuery, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The redirect that carries the signed LogoutResponse back to the IdP.</summary>
    /// <param name="profileId">The profile.</param>
    /// <param name="answered">The verified LogoutRequest.</param>
    /// <param name="allSessionsEnded">False reports a partial logout.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result<Uri>> AnswerAsync(IdpProfileId profileId, SamlLogoutRequest answered, bool allSessionsEnded, CancellationToken cancellationToken = default)
    {
        var service = await ServiceAsync(profileId, cancellationToken).ConfigureAwait(false);
        return service.IsFailure ? service.Error : service.Value.CreateLogoutResponse(answered, allSessionsEnded, _options.SigningCertificate);
    }

    private async Task<Result<SamlLogoutService>> ServiceAsync(IdpProfileId profileId, CancellationToken cancellationToken)
    {
        if (_options.SingleLogoutServiceBaseUrl is null)
        {
            return new FederationError(SamlErrorCodes.SettingsInvalid, "Single logout is not configured: set SamlSignInOptions.SingleLogoutServiceBaseUrl.").WithDetail("setting", "SingleLogoutServiceBaseUrl");
        }

        var settings = await SamlProfileSettings.LoadAsync(_profiles, _cache, _options, profileId, cancellationToken).ConfigureAwait(false);
        return settings.IsFailure ? settings.Error : settings.Value.Variant.Logout;
    }
}
