using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using FederationKit.Background;
using FederationKit.Directories;
using FederationKit.Events;
using FederationKit.Saml.Diagnostics;
using FederationKit.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FederationKit.Saml.Metadata;

/// <summary>
/// Keeps the SAML profiles that were imported from a metadata URL (<see cref="SamlIdpSettings.MetadataUrl"/>) in step with their
/// IdP, so a signing-key rollover needs no administrator. Each run reads the metadata of every profile that is due through
/// <see cref="SamlIdpMetadataClient"/> (the outbound URL policy applies), and when the signing certificates or the SSO or logout
/// URLs differ from the profile's, stores them through <see cref="IdpProfileService"/> (the profile's version changes, so caches
/// keyed by it pick the change up) and, for certificates, publishes <see cref="SamlSigningKeysChanged"/>.
/// A failure (IdP down, metadata malformed, expired or naming no usable key) changes nothing: the profile as it is keeps serving,
/// and the refresh is tried again with a growing wait. Metadata whose <c>validUntil</c> has passed is never applied.
/// Host-neutral: <c>AddBackgroundWorkers</c> (FederationKit.Hosting) runs it as an <see cref="IFederationBackgroundJob"/>; any
/// scheduler may call <see cref="RunAsync"/>. Safe on several instances: an update computed from an older copy of the profile
/// is refused by its version and looked at again later.
/// </summary>
public sealed class SamlMetadataRefresher : IFederationBackgroundJob
{
    /// <summary>The job's name in logs.</summary>
    public const string JobName = "saml.metadata_refresh";

    private readonly IDirectoryStore _directories;
    private readonly IIdpProfileStore _profiles;
    private readonly IdpProfileService _service;
    private readonly SamlIdpMetadataClient _client;
    private readonly IFederationEventSink _events;
    private readonly TimeProvider _time;
    private readonly SamlMetadataRefreshOptions _options;
    private readonly ConcurrentDictionary<IdpProfileId, Schedule> _schedule = new();
    private readonly DateTimeOffset _startedAt;
    private readonly ILogger _logger;
    private Listing? _listing;

    /// <summary>Creates the refresher.</summary>
    /// <param name="directories">The directory store; it must implement <see cref="IDirectoryBulkReader"/> (the shipped stores do).</param>
    /// <param name="profiles">The IdP profile store.</param>
    /// <param name="service">Stores changed settings (validation and the profile event apply).</param>
    /// <param name="client">Fetches metadata under the outbound URL policy.</param>
    /// <param name="events">Where <see cref="SamlSigningKeysChanged"/> goes.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The refresh bounds; validated here.</param>
    /// <param name="logger">Where refreshes, key rollovers and failures are logged (events 5020-5023); none when null.</param>
    public SamlMetadataRefresher(
        IDirectoryStore directories,
        IIdpProfileStore profiles,
        IdpProfileService service,
        SamlIdpMetadataClient client,
        IFederationEventSink events,
        TimeProvider time,
        SamlMetadataRefreshOptions options,
        ILogger<SamlMetadataRefresher>? logger = null)
    {
        _directories = directories ?? throw new ArgumentNullException(nameof(directories));
        _profiles = profiles ?? throw new ArgumentNullException(nameof(profiles));
        _service = service ?? throw new ArgumentNullException(nameof(service));
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _startedAt = time.GetUtcNow();
    }

    /// <summary>When this refresher was created (its clock's time): the start of the wait for its first run.</summary>
    public DateTimeOffset StartedAt => _startedAt;

    /// <summary>When the profiles with a metadata URL were last listed (by a run), or null before the first run.</summary>
    public DateTimeOffset? LastListedAt => Volatile.Read(ref _listing)?.ListedAt;

    /// <inheritdoc />
    public string Name => JobName;

    /// <summary>When the profile's metadata is read next by this instance, or null when it has not been read yet (it is due).</summary>
    /// <param name="profileId">The profile.</param>
    public DateTimeOffset? NextRefreshAt(IdpProfileId profileId) => _schedule.TryGetValue(profileId, out var entry) ? entry.NextAt : null;

    /// <summary>
    /// How fresh each profile of the last listing is on this instance (state kept in memory, from this refresher's runs):
    /// when its metadata was last read successfully, until when that copy is fresh (the refresh interval chosen then; the
    /// time it was first seen for a profile never read), and the failures since. Empty before the first run.
    /// </summary>
    /// <returns>One entry per SAML profile with a metadata URL.</returns>
    public IReadOnlyList<SamlMetadataFreshness> Freshness()
    {
        var listing = Volatile.Read(ref _listing);
        if (listing is null)
        {
            return [];
        }

        return [.. listing.Profiles.Select(id => _schedule.TryGetValue(id, out var entry)
            ? new SamlMetadataFreshness(id, entry.RefreshedAt, entry.FreshUntil, entry.Failures)
            : new SamlMetadataFreshness(id, null, listing.ListedAt, 0))];
    }

    /// <summary>
    /// Refreshes every SAML profile with a metadata URL whose refresh is due (every one on the first run). The list of such
    /// profiles is read from the stores at most once per <see cref="SamlMetadataRefreshOptions.MinimumInterval"/> (a profile
    /// imported since is picked up then); each due profile is read again just before its refresh.
    /// </summary>
    /// <param name="cancellationToken">Cancels the run between profiles.</param>
    /// <returns>How many profiles were due, how many changed, and the failures with their error codes.</returns>
    /// <exception cref="InvalidOperationException">The directory store cannot list every directory.</exception>
    public async Task<BackgroundJobReport> RunAsync(CancellationToken cancellationToken)
    {
        var candidates = await CandidatesAsync(cancellationToken).ConfigureAwait(false);
        int due = 0, changed = 0;
        var failures = new List<BackgroundJobFailure>();
        foreach (var id in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entry = _schedule.GetValueOrDefault(id);
            if (entry is not null && _time.GetUtcNow() < entry.NextAt)
            {
                continue;
            }

            var profile = await _profiles.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (profile?.Saml?.MetadataUrl is null || profile.Protocol != FederationKit.SignIn.IdentityProtocol.Saml)
            {
                _schedule.TryRemove(id, out _);
                continue;
            }

            due++;
            var outcome = await RefreshTracedAsync(profile, entry, cancellationToken).ConfigureAwait(false);
            if (!outcome.TryGetValue(out var didChange, out var error))
            {
                failures.Add(new BackgroundJobFailure(profile.Id.ToString(), error));
            }
            else
            {
                changed += didChange ? 1 : 0;
            }
        }

        return new BackgroundJobReport(due, changed, failures);
    }

    /// <summary>The profiles with a metadata URL, listed again once <see cref="SamlMetadataRefreshOptions.MinimumInterval"/> has passed.</summary>
    private async Task<IReadOnlyList<IdpProfileId>> CandidatesAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var listing = Volatile.Read(ref _listing);
        if (listing is not null && now < listing.ListedAt + _options.MinimumInterval)
        {
            return listing.Profiles;
        }

        var urls = await ListRefreshableAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (id, entry) in _schedule)
        {
            // A profile that is gone, or whose URL changed, starts afresh (a new URL is read in this run).
            if (!urls.TryGetValue(id, out var url) || url != entry.Url)
            {
                _schedule.TryRemove(id, out _);
            }
        }

        listing = new Listing(now, [.. urls.Keys]);
        Volatile.Write(ref _listing, listing);
        return listing.Profiles;
    }

    private async Task<Dictionary<IdpProfileId, Uri>> ListRefreshableAsync(CancellationToken cancellationToken)
    {
        if (_directories is not IDirectoryBulkReader bulk)
        {
            throw new InvalidOperationException($"The SAML metadata refresher needs a directory store that implements {nameof(IDirectoryBulkReader)}.");
        }

        var result = new Dictionary<IdpProfileId, Uri>();
        foreach (var directory in await bulk.ListAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (directory.IdentityType != DirectoryIdentityType.Federated)
            {
                continue;
            }

            foreach (var profile in await _profiles.ListByDirectoryAsync(directory.Id, cancellationToken).ConfigureAwait(false))
            {
                if (profile.Protocol == FederationKit.SignIn.IdentityProtocol.Saml && profile.Saml?.MetadataUrl is { } url)
                {
                    result[profile.Id] = url;
                }
            }
        }

        return result;
    }

    /// <summary>Refreshes one profile in a <c>saml.metadata.refresh</c> span and logs the outcome (thumbprints only).</summary>
    private async Task<Result<bool>> RefreshTracedAsync(IdpProfile profile, Schedule? previous, CancellationToken cancellationToken)
    {
        var profileId = profile.Id.ToString();
        using var activity = SamlInstruments.Start(SamlInstruments.MetadataRefreshSpan, profileId, profile.Saml!.EntityId);
        Result<bool> outcome;
        try
        {
            outcome = await RefreshAsync(profile, previous, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            SamlLog.MetadataRefreshError(_logger, profileId, exception);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }

        if (outcome.IsFailure)
        {
            SamlLog.MetadataRefreshFailed(_logger, profileId, outcome.Error.Code);
        }

        activity?.SetTag("federationkit.saml.metadata_changed", outcome.IsSuccess && outcome.Value);
        SamlInstruments.Complete(activity, "metadata", outcome.IsFailure ? outcome.Error : null, countRefusal: false);
        return outcome;
    }

    /// <summary>Reads one profile's metadata and stores what changed; true when something was stored.</summary>
    private async Task<Result<bool>> RefreshAsync(IdpProfile profile, Schedule? previous, CancellationToken cancellationToken)
    {
        var saml = profile.Saml!;
        var url = saml.MetadataUrl!;
        var read = new SamlIdpMetadataReadOptions { EntityId = saml.EntityId, MinimumRsaKeySize = saml.MinimumRsaKeySize };
        var fetched = await _client.FetchAsync(url, read, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (!fetched.TryGetValue(out var metadata, out var error))
        {
            return Failed(profile.Id, url, previous, now, error);
        }

        if (metadata.ValidUntil is { } until && until <= now)
        {
            // The reader refuses it already; kept here so expired metadata can never be applied whatever reads it.
            return Failed(profile.Id, url, previous, now, new FederationError(SamlMetadataErrorCodes.Expired, "The metadata's validUntil has passed; it was not applied."));
        }

        var updated = saml with
        {
            SigningCertificates = [.. metadata.SigningCertificates.Select(c => Convert.ToBase64String(c.RawData))],
            SsoUrlRedirect = metadata.SingleSignOnUrlRedirect,
            SsoUrlPost = metadata.SingleSignOnUrlPost,
            LogoutUrl = metadata.SingleLogoutUrlRedirect ?? metadata.SingleLogoutUrlPost,
        };
        var previousThumbprints = Thumbprints(saml.SigningCertificates);
        var currentThumbprints = Thumbprints(updated.SigningCertificates);
        var keysChanged = !currentThumbprints.ToHashSet(StringComparer.Ordinal).SetEquals(previousThumbprints);
        var endpointsChanged = updated.SsoUrlRedirect != saml.SsoUrlRedirect || updated.SsoUrlPost != saml.SsoUrlPost || updated.LogoutUrl != saml.LogoutUrl;
        if (!keysChanged && !endpointsChanged)
        {
            Scheduled(profile.Id, url, now, metadata);
            return false;
        }

        var saved = await _service.ApplyRefreshedSamlSettingsAsync(profile.Id, updated, profile.Version, cancellationToken).ConfigureAwait(false);
        if (saved.IsFailure)
        {
            if (saved.Error.Code == StoreErrorCodes.ConcurrencyConflict)
            {
                // Changed since it was listed (an administrator, or another instance's refresh): look again soon, from the new copy.
                _schedule[profile.Id] = new Schedule(url, now + _options.MinimumInterval, 0, Kept(previous, url)?.RefreshedAt, Kept(previous, url)?.FreshUntil ?? now);
                return false;
            }

            return Failed(profile.Id, url, previous, now, saved.Error);
        }

        Scheduled(profile.Id, url, now, metadata);
#pragma warning disable CA1873 // the joined thumbprints are built only when the level is enabled (checked here)
        if (_logger.IsEnabled(LogLevel.Information))
        {
            SamlLog.MetadataRefreshed(_logger, profile.Id, string.Join(',', currentThumbprints));
        }
#pragma warning restore CA1873

        if (keysChanged)
        {
#pragma warning disable CA1873 // built only when the level is enabled (checked here)
            if (_logger.IsEnabled(LogLevel.Warning))
            {
                SamlLog.SigningKeyRolledOver(
                    _logger,
                    profile.Id,
                    string.Join(',', currentThumbprints.Except(previousThumbprints, StringComparer.Ordinal)),
                    string.Join(',', previousThumbprints.Except(currentThumbprints, StringComparer.Ordinal)));
            }
#pragma warning restore CA1873

            await _events.PublishAsync(
                new SamlSigningKeysChanged(SamlMetadataEventTypes.SigningKeysChanged, _time.GetUtcNow(), profile.DirectoryId, profile.Id, url, previousThumbprints, currentThumbprints),
                cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private void Scheduled(IdpProfileId id, Uri url, DateTimeOffset now, SamlIdpMetadata metadata)
    {
        var interval = NextInterval(now, metadata, _options);
        _schedule[id] = new Schedule(url, now + interval, 0, now, now + interval);
    }

    private FederationError Failed(IdpProfileId id, Uri url, Schedule? previous, DateTimeOffset now, FederationError error)
    {
        var failures = previous is not null && previous.Url == url ? previous.Failures + 1 : 1;
        _schedule[id] = new Schedule(url, now + FailureWait(failures, _options), failures, Kept(previous, url)?.RefreshedAt, Kept(previous, url)?.FreshUntil ?? now);
        return error.WithDetail("profileId", id.ToString());
    }

    /// <summary>The metadata's cacheDuration (or the default), brought forward to its validUntil, kept within the bounds.</summary>
    internal static TimeSpan NextInterval(DateTimeOffset now, SamlIdpMetadata metadata, SamlMetadataRefreshOptions options)
    {
        var interval = metadata.CacheDuration ?? options.DefaultInterval;
        if (metadata.ValidUntil is { } until && until - now < interval)
        {
            interval = until - now;
        }

        return interval < options.MinimumInterval ? options.MinimumInterval : interval > options.MaximumInterval ? options.MaximumInterval : interval;
    }

    /// <summary>The wait after the <paramref name="failures"/>-th failure in a row: the retry interval, doubled per failure, up to the maximum.</summary>
    internal static TimeSpan FailureWait(int failures, SamlMetadataRefreshOptions options)
    {
        var wait = options.FailureRetryInterval;
        for (var i = 1; i < failures && wait < options.MaximumFailureBackoff; i++)
        {
            wait += wait;
        }

        return wait > options.MaximumFailureBackoff ? options.MaximumFailureBackoff : wait;
    }

    /// <summary>The SHA-256 thumbprints of base64 DER certificates (compared by DER, so line breaks in stored base64 do not count as a change).</summary>
    private static string[] Thumbprints(ImmutableArray<string> certificates) => [.. certificates.Select(Thumbprint)];

    private static string Thumbprint(string base64Der)
    {
        try
        {
            return Convert.ToHexString(SHA256.HashData(Convert.FromBase64String(base64Der)));
        }
        catch (FormatException)
        {
            // Only a row written without validation can hold this; it never equals a real thumbprint.
            return "invalid";
        }
    }

    /// <summary>The previous entry when it is for the same URL (a new URL starts afresh).</summary>
    private static Schedule? Kept(Schedule? previous, Uri url) => previous is not null && previous.Url == url ? previous : null;

    // RefreshedAt: the last successful read (null: none yet). FreshUntil: when that copy stops being fresh (its interval), or when
    // the profile was first tried for one never read.
    private sealed record Schedule(Uri Url, DateTimeOffset NextAt, int Failures, DateTimeOffset? RefreshedAt, DateTimeOffset FreshUntil);

    private sealed record Listing(DateTimeOffset ListedAt, IReadOnlyList<IdpProfileId> Profiles);
}
