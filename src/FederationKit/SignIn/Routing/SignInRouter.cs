using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn.Ports;

namespace FederationKit.SignIn.Routing;

/// <summary>
/// Email-first routing and domain capture, in one of two modes.
/// <para>
/// Lookup mode (the default, built over an <see cref="ISignInRouteLookup"/>): on a cache miss, one read of every suffix of the
/// email's domain at once; the answer (or its absence) is kept in a bounded cache for <see cref="SignInOptions.RouteCacheTtl"/>
/// (<see cref="SignInOptions.RouteCacheNegativeTtl"/> for an absence). Start-up loads nothing, a lookup never waits for a
/// rebuild, memory follows the hot domains, and changes drop the affected entries (<see cref="ISignInRouteInvalidation"/>).
/// </para>
/// <para>
/// Full-index mode (built over an <see cref="ISignInRouteSource"/>, for small deployments and hosts that implement the source):
/// an in-memory <see cref="DomainRouteIndex"/> snapshot rebuilt when older than <see cref="SignInOptions.RouteRefreshInterval"/>.
/// Call <see cref="RefreshAsync"/> at start-up and whenever domains, directories or profiles change (or <see cref="Apply"/> for a delta).
/// </para>
/// </summary>
public sealed class SignInRouter : ISignInRouteInvalidation
{
    private readonly ISignInRouteSource? _source;
    private readonly ISignInRouteLookup? _lookup;
    private readonly SignInRouteCache? _cache;
    private readonly SignInOptions _options;
    private readonly TimeProvider _time;
    private readonly object _writeLock = new();
    private volatile DomainRouteIndex _index = DomainRouteIndex.Empty;
    private volatile bool _loaded;
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;
    private Task? _refreshing;
    private TimeSpan? _lifetimeCap;

    /// <summary>Creates a router with an empty index and the system clock.</summary>
    /// <param name="source">Where routing entries come from.</param>
    /// <param name="options">Sign-in settings (break-glass list).</param>
    public SignInRouter(ISignInRouteSource source, SignInOptions options)
        : this(source, options, TimeProvider.System)
    {
    }

    /// <summary>Creates a router with an empty index.</summary>
    /// <param name="source">Where routing entries come from.</param>
    /// <param name="options">Sign-in settings (break-glass list, refresh interval).</param>
    /// <param name="time">The clock that ages the index.</param>
    public SignInRouter(ISignInRouteSource source, SignInOptions options, TimeProvider time)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Creates a router in lookup mode: routes are read per email domain on a cache miss and kept in a bounded cache.</summary>
    /// <param name="lookup">Reads the entries of a domain's suffixes.</param>
    /// <param name="options">Sign-in settings (break-glass list, cache size and lifetimes).</param>
    /// <param name="time">The clock that expires cached routes.</param>
    public SignInRouter(ISignInRouteLookup lookup, SignInOptions options, TimeProvider time)
    {
        _lookup = lookup ?? throw new ArgumentNullException(nameof(lookup));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _cache = new SignInRouteCache(options.RouteCacheMaxEntries, options.RouteCacheTtl, options.RouteCacheNegativeTtl, time);
        _loaded = true;
    }

    /// <summary>Whether the router reads routes per domain (lookup mode) rather than from a full in-memory index.</summary>
    public bool IsLookupMode => _lookup is not null;

    /// <summary>How many email domains the lookup-mode cache holds (expired ones until swept); 0 in full-index mode.</summary>
    public int CachedRouteCount => _cache?.Count ?? 0;

    /// <summary>
    /// The entry of the longest verified domain equal to or a parent of <paramref name="domain"/>, or null when none: from the
    /// cache or one lookup (lookup mode), or from an index no older than the refresh interval (full-index mode).
    /// </summary>
    /// <param name="domain">A normalized host name (lower-case ASCII).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public ValueTask<SignInRoute?> FindCoveringAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (_cache is not null)
        {
            return _cache.TryGet(domain, out var cached) ? ValueTask.FromResult(cached) : new ValueTask<SignInRoute?>(LookUpAsync(domain, cancellationToken));
        }

        return new ValueTask<SignInRoute?>(FromIndexAsync(domain, cancellationToken));
    }

    /// <summary>
    /// Pays the one-time costs of the first lookup (a database package builds its model, compiles its query and opens its
    /// first connection) at host start instead of on the first sign-in: looks up a reserved <c>.invalid</c> domain (RFC 2606),
    /// which never routes, then lets a lookup that implements <see cref="ISignInRouteLookupWarmUp"/> read a stored domain, and
    /// runs the routing decisions once. In full-index mode, loads the index. Optional; routing works without it (the
    /// <c>AddRoutingWarmUp</c> hosted service of FederationKit.Hosting calls it at host start).
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        if (_lookup is null)
        {
            await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        // Through the whole path (email normalization loads ICU's IDN tables on first use); the answer, no route, is cached briefly.
        await RouteAsync("warm-up@fedkit-warm-up.invalid", cancellationToken).ConfigureAwait(false);

        // Then the path of a lookup that finds rows (materialization, settings parsing), which a domain without rows skips.
        if (_lookup is ISignInRouteLookupWarmUp lookup)
        {
            await lookup.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        }

        var federated = new SignInRoute("fedkit-warm-up.invalid", default, default) { ActiveProfileId = default(IdpProfileId), Protocol = IdentityProtocol.Saml };
        _ = Decide(federated, "warm-up@fedkit-warm-up.invalid");
        _ = Evaluate("warm-up@fedkit-warm-up.invalid", federated with { SsoEnforced = true }, LocalSignInMethod.Password);
    }

    /// <inheritdoc />
    public async Task InvalidateDomainsAsync(IReadOnlyCollection<string> domains, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domains);
        if (_cache is not null)
        {
            _cache.InvalidateDomains(domains);
        }
        else if (_loaded)
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task InvalidateDirectoryAsync(DirectoryId directoryId, CancellationToken cancellationToken = default)
    {
        if (_cache is not null)
        {
            _cache.InvalidateDirectory(directoryId);
        }
        else if (_loaded)
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Forgets what is cached and bounds how long routes are kept from now on (null: the configured lifetimes), for while a
    /// cross-instance invalidation feed is down (<see cref="RouteInvalidationFeed"/>). Lookup mode: the cache is emptied and
    /// keeps routes at most <paramref name="cap"/>. Full-index mode: the index is due for a rebuild at its next use and at
    /// least every <paramref name="cap"/> after.
    /// </summary>
    /// <param name="cap">The longest lifetime, or null to restore the configured ones.</param>
    internal void LimitCacheLifetime(TimeSpan? cap)
    {
        if (_cache is not null)
        {
            _cache.LimitLifetime(cap);
            return;
        }

        lock (_writeLock)
        {
            _lifetimeCap = cap;
            _refreshedAt = DateTimeOffset.MinValue;
        }
    }

    /// <summary>The current snapshot.</summary>
    public DomainRouteIndex Index => _index;

    /// <summary>Whether the index was loaded from the source (or a delta applied) at least once.</summary>
    public bool IsLoaded => _loaded;

    /// <summary>Rebuilds the index from the source and swaps it in atomically.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (_source is null)
        {
            // Lookup mode has no index: a refresh forgets every cached route.
            _cache!.Clear();
            return;
        }

        var startedAt = _time.GetUtcNow();
        var routes = await _source.ListRoutesAsync(cancellationToken).ConfigureAwait(false);
        var index = DomainRouteIndex.Build(routes);
        lock (_writeLock)
        {
            _index = index;
            _loaded = true;
            _refreshedAt = startedAt;
        }
    }

    /// <summary>
    /// Rebuilds the index when it is older than <see cref="SignInOptions.RouteRefreshInterval"/> (or was never loaded);
    /// concurrent callers share one rebuild.
    /// </summary>
    /// <param name="cancellationToken">Stops this caller's wait (the shared rebuild goes on).</param>
    public async Task EnsureFreshAsync(CancellationToken cancellationToken = default)
    {
        if (_source is null)
        {
            return;
        }

        Task refreshing;
        lock (_writeLock)
        {
            var interval = _lifetimeCap is { } cap && cap < _options.RouteRefreshInterval ? cap : _options.RouteRefreshInterval;
            if (_refreshedAt != DateTimeOffset.MinValue && _time.GetUtcNow() - _refreshedAt < interval)
            {
                return;
            }

            refreshing = _refreshing ??= Task.Run(RefreshSharedAsync, CancellationToken.None);
        }

        await refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Like <see cref="Route"/>, after making sure the index is no older than the refresh interval.</summary>
    /// <param name="email">The email entered on the sign-in page.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<RoutingDecision> RouteAsync(string email, CancellationToken cancellationToken = default)
    {
        var canonical = MemberEmail.Canonicalize(email);
        if (canonical is null)
        {
            return new RefusedRoute(InvalidEmail());
        }

        var route = await FindCoveringAsync(MemberEmail.DomainOf(canonical)!, cancellationToken).ConfigureAwait(false);
        return Decide(route, canonical);
    }

    /// <summary>Like <see cref="CheckLocalSignIn"/>, after making sure the index is no older than the refresh interval.</summary>
    /// <param name="email">The email.</param>
    /// <param name="method">The local method being attempted.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result> CheckLocalSignInAsync(string email, LocalSignInMethod method, CancellationToken cancellationToken = default)
    {
        var check = await EvaluateLocalSignInAsync(email, method, cancellationToken).ConfigureAwait(false);
        return check.Refusal is null || check.OnHostBreakGlassList ? Result.Success : check.Refusal;
    }

    /// <summary>Loads the index from the source unless it was loaded (or a delta applied) already.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task EnsureLoadedAsync(CancellationToken cancellationToken = default) =>
        _loaded ? Task.CompletedTask : RefreshAsync(cancellationToken);

    /// <summary>Applies a delta to the current snapshot (copy on write) and swaps the result in.</summary>
    /// <param name="upserts">Entries to add or replace.</param>
    /// <param name="removedDomains">Normalized domains to remove.</param>
    public void Apply(IEnumerable<SignInRoute> upserts, IEnumerable<string> removedDomains)
    {
        lock (_writeLock)
        {
            _index = _index.With(upserts, removedDomains);
            _loaded = true;
        }
    }

    /// <summary>
    /// Decides how the owner of <paramref name="email"/> signs in, from the current index (full-index mode). In lookup mode it
    /// blocks on <see cref="FindCoveringAsync"/> on a cache miss; prefer <see cref="RouteAsync"/> there.
    /// </summary>
    /// <param name="email">The email entered on the sign-in page.</param>
    public RoutingDecision Route(string email)
    {
        var canonical = MemberEmail.Canonicalize(email);
        if (canonical is null)
        {
            return new RefusedRoute(InvalidEmail());
        }

        return Decide(FindCoveringNow(MemberEmail.DomainOf(canonical)!), canonical);
    }

    private static RoutingDecision Decide(SignInRoute? route, string canonical)
    {
        if (route is null)
        {
            return new LocalRoute();
        }

        if (route.ActiveProfileId is { } profile && route.Protocol is { } protocol)
        {
            return new FederatedRoute(protocol, route.DirectoryId, profile, canonical, route.Domain, route.IdpDisplayName);
        }

        return route.SsoEnforced
            ? new RefusedRoute(new FederationError(SignInErrorCodes.NoActiveIdp,
                    $"SSO is enforced for '{route.Domain}' but its directory has no active identity provider; an administrator must activate one.")
                .WithDetail("domain", route.Domain).WithDetail("directory", route.DirectoryId.ToString()))
            : new LocalRoute();
    }

    /// <summary>
    /// Checks whether the product's own login may be used for <paramref name="email"/>: refused with
    /// <see cref="SignInErrorCodes.SsoRequired"/> (naming the IdP) when SSO is enforced for its domain, unless the email is on the break-glass list.
    /// </summary>
    /// <param name="email">The email.</param>
    /// <param name="method">The local method being attempted.</param>
    public Result CheckLocalSignIn(string email, LocalSignInMethod method)
    {
        var check = EvaluateLocalSignIn(email, method);
        return check.Refusal is null || check.OnHostBreakGlassList ? Result.Success : check.Refusal;
    }

    /// <summary>
    /// The domain-capture part of the local sign-in check, before any break-glass exemption: the refusal (invalid email or
    /// SSO enforced for the email's domain), the enforcing route, and whether the email is on the host-wide break-glass list.
    /// </summary>
    /// <param name="email">The email.</param>
    /// <param name="method">The local method being attempted.</param>
    internal LocalSignInCheck EvaluateLocalSignIn(string email, LocalSignInMethod method)
    {
        // A plain addr-spec only: with "a@acme.com@gmail.com" a host's login and this check could read different domains.
        var canonical = MemberEmail.Canonicalize(email);
        return canonical is null
            ? new LocalSignInCheck(InvalidEmail(), null, false)
            : Evaluate(email, FindCoveringNow(MemberEmail.DomainOf(canonical)!), method);
    }

    /// <summary>Like <see cref="EvaluateLocalSignIn"/>, reading the route as <see cref="FindCoveringAsync"/> does (either mode).</summary>
    /// <param name="email">The email.</param>
    /// <param name="method">The local method being attempted.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    internal async Task<LocalSignInCheck> EvaluateLocalSignInAsync(string email, LocalSignInMethod method, CancellationToken cancellationToken)
    {
        var canonical = MemberEmail.Canonicalize(email);
        if (canonical is null)
        {
            return new LocalSignInCheck(InvalidEmail(), null, false);
        }

        var route = await FindCoveringAsync(MemberEmail.DomainOf(canonical)!, cancellationToken).ConfigureAwait(false);
        return Evaluate(email, route, method);
    }

    private LocalSignInCheck Evaluate(string email, SignInRoute? route, LocalSignInMethod method)
    {
        var onBreakGlassList = _options.BreakGlassEmails.Contains(email.Trim());
        if (route is null || !route.SsoEnforced)
        {
            return new LocalSignInCheck(null, null, onBreakGlassList);
        }

        var idp = string.IsNullOrEmpty(route.IdpDisplayName) ? "your organization's identity provider" : route.IdpDisplayName;
        var methodName = MethodName(method);
        var error = new FederationError(SignInErrorCodes.SsoRequired,
                $"Single sign-on is required for '{route.Domain}': {methodName} sign-in is refused; sign in through {idp}.")
            .WithDetail("domain", route.Domain)
            .WithDetail("directory", route.DirectoryId.ToString())
            .WithDetail("idp", route.IdpDisplayName)
            .WithDetail("method", methodName);
        if (route.ActiveProfileId is { } profile)
        {
            error = error.WithDetail("profile", profile.ToString());
        }

        return new LocalSignInCheck(error, route, onBreakGlassList);
    }

    /// <summary>The name of a local method in messages and details (<c>password</c> or <c>social</c>).</summary>
    /// <param name="method">The method.</param>
    internal static string MethodName(LocalSignInMethod method) => method == LocalSignInMethod.Password ? "password" : "social";

    // The synchronous members: the index as it is (full-index mode), or the cache and, on a miss, a blocking lookup (lookup mode),
    // never an empty answer that would let a captured domain sign in locally.
    private SignInRoute? FindCoveringNow(string domain)
    {
        if (_cache is null)
        {
            return _index.FindCovering(domain);
        }

        return _cache.TryGet(domain, out var cached) ? cached : LookUpAsync(domain, CancellationToken.None).GetAwaiter().GetResult();
    }

    private async Task<SignInRoute?> FromIndexAsync(string domain, CancellationToken cancellationToken)
    {
        await EnsureFreshAsync(cancellationToken).ConfigureAwait(false);
        return _index.FindCovering(domain);
    }

    private async Task<SignInRoute?> LookUpAsync(string domain, CancellationToken cancellationToken)
    {
        var generation = _cache!.Generation;
        var suffixes = SignInRouteEntries.SuffixesOf(domain);
        var entries = await _lookup!.FindAsync(suffixes, cancellationToken).ConfigureAwait(false);
        SignInRoute? route = null;
        foreach (var suffix in suffixes)
        {
            route = entries.FirstOrDefault(e => string.Equals(e.Domain, suffix, StringComparison.Ordinal));
            if (route is not null)
            {
                break;
            }
        }

        _cache.Set(domain, route, generation);
        return route;
    }

    private async Task RefreshSharedAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            lock (_writeLock)
            {
                _refreshing = null;
            }
        }
    }

    private static FederationError InvalidEmail() =>
        new(SignInErrorCodes.EmailInvalid, "The email address is not valid; enter an address such as name@example.com.");
}
