using FederationKit.Organizations;
using FederationKit.SignIn.Ports;

namespace FederationKit.SignIn.Routing;

/// <summary>
/// Email-first routing and domain capture over an in-memory <see cref="DomainRouteIndex"/> snapshot.
/// Call <see cref="RefreshAsync"/> at start-up and whenever domains, directories or profiles change (or <see cref="Apply"/> for a delta).
/// </summary>
public sealed class SignInRouter
{
    private readonly ISignInRouteSource _source;
    private readonly SignInOptions _options;
    private readonly TimeProvider _time;
    private readonly object _writeLock = new();
    private volatile DomainRouteIndex _index = DomainRouteIndex.Empty;
    private volatile bool _loaded;
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;
    private Task? _refreshing;

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

    /// <summary>The current snapshot.</summary>
    public DomainRouteIndex Index => _index;

    /// <summary>Whether the index was loaded from the source (or a delta applied) at least once.</summary>
    public bool IsLoaded => _loaded;

    /// <summary>Rebuilds the index from the source and swaps it in atomically.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
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
        Task refreshing;
        lock (_writeLock)
        {
            if (_refreshedAt != DateTimeOffset.MinValue && _time.GetUtcNow() - _refreshedAt < _options.RouteRefreshInterval)
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
        await EnsureFreshAsync(cancellationToken).ConfigureAwait(false);
        return Route(email);
    }

    /// <summary>Like <see cref="CheckLocalSignIn"/>, after making sure the index is no older than the refresh interval.</summary>
    /// <param name="email">The email.</param>
    /// <param name="method">The local method being attempted.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<Result> CheckLocalSignInAsync(string email, LocalSignInMethod method, CancellationToken cancellationToken = default)
    {
        await EnsureFreshAsync(cancellationToken).ConfigureAwait(false);
        return CheckLocalSignIn(email, method);
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

    /// <summary>Decides how the owner of <paramref name="email"/> signs in.</summary>
    /// <param name="email">The email entered on the sign-in page.</param>
    public RoutingDecision Route(string email)
    {
        var canonical = MemberEmail.Canonicalize(email);
        if (canonical is null)
        {
            return new RefusedRoute(InvalidEmail());
        }

        var domain = MemberEmail.DomainOf(canonical)!;

        var route = _index.FindCovering(domain);
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
        if (canonical is null)
        {
            return new LocalSignInCheck(InvalidEmail(), null, false);
        }

        var onBreakGlassList = _options.BreakGlassEmails.Contains(email.Trim());
        var domain = MemberEmail.DomainOf(canonical)!;

        var route = _index.FindCovering(domain);
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
