namespace FederationKit.SignIn;

/// <summary>Settings of sign-in routing and just-in-time provisioning.</summary>
public sealed class SignInOptions
{
    /// <summary>
    /// Break-glass accounts: emails (compared case-insensitively) that keep the product's own login even when SSO is enforced
    /// for their domain, so an IdP outage cannot lock an organization out. Keep it short (e.g. the initial owner).
    /// </summary>
    public ISet<string> BreakGlassEmails { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many usernames are tried (base, then digits appended) before giving up. Default 1000.</summary>
    public int MaxUsernameAttempts { get; set; } = 1000;

    /// <summary>How many times a write that lost an optimistic-concurrency race is retried. Default 16.</summary>
    public int MaxConcurrencyRetries { get; set; } = 16;

    /// <summary>
    /// Full-index mode only (a router over a host's <see cref="Ports.ISignInRouteSource"/>): how old the routing index may get before <see cref="Routing.SignInRouter.RouteAsync"/> rebuilds it from the stores.
    /// Default 30 seconds. A change made through this process's services is not seen earlier unless the host calls
    /// <see cref="Routing.SignInRouter.RefreshAsync"/>; sign-in itself always re-checks the active profile, so a stale index
    /// can only send a user to the wrong page, never admit them.
    /// </summary>
    public TimeSpan RouteRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Lookup mode (the default router): how many email domains the route cache holds at most. Default 100,000 (a few tens of
    /// MB at most); between 0 (no cache: one query per sign-in) and 10,000,000. When full, expired entries go first, then
    /// arbitrary ones, so unknown domains sent by an attacker cannot grow memory without limit.
    /// </summary>
    public int RouteCacheMaxEntries { get; set; } = 100_000;

    /// <summary>
    /// Lookup mode: how long a cached route is used. Default 30 seconds, positive, at most one hour. Changes made through this
    /// process's services drop the affected routes at once; this bounds how long another instance's change takes to be seen
    /// until a cross-instance invalidation is wired (see <see cref="Routing.ISignInRouteInvalidation"/>). Sign-in itself always
    /// re-checks the active profile, so a stale route can only send a user to the wrong page, never admit them.
    /// </summary>
    public TimeSpan RouteCacheTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Lookup mode: how long the absence of a route (a domain nobody verified) is cached. Default 5 seconds, positive and at most
    /// <see cref="RouteCacheTtl"/>: short, so a newly linked domain elsewhere routes soon, yet a flood of the same unknown domain
    /// costs one query per 5 seconds.
    /// </summary>
    public TimeSpan RouteCacheNegativeTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an invitation issued or resent through <see cref="Invitations.SignInInvitationService"/> matches a first sign-in.
    /// Default 7 days; an expired invitation never matches until an administrator resends it.
    /// </summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a sign-in transaction (the redirect to the IdP until its response) is accepted. Default 10 minutes; at most
    /// one hour.
    /// </summary>
    public TimeSpan TransactionLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The configuration path of these settings: <c>FederationKit:SignIn</c>.</summary>
    public const string ConfigurationPath = "FederationKit:SignIn";

    /// <summary>Checks every setting and throws <see cref="ArgumentException"/> naming the first bad one by its configuration path.</summary>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public void Validate()
    {
        var check = new OptionsCheck(ConfigurationPath);
        Check(this, check);
        check.ThrowIfInvalid();
    }

    /// <summary>The rules of these settings, run at host start and by <see cref="Validate"/>.</summary>
    internal static void Check(SignInOptions options, OptionsCheck check)
    {
        check.Require(options.MaxUsernameAttempts >= 1, nameof(MaxUsernameAttempts), "must be at least 1.");
        check.Require(options.MaxConcurrencyRetries >= 1, nameof(MaxConcurrencyRetries), "must be at least 1.");
        check.Require(options.RouteRefreshInterval >= TimeSpan.Zero, nameof(RouteRefreshInterval), "must not be negative.");
        check.Require(options.RouteCacheMaxEntries is >= 0 and <= 10_000_000, nameof(RouteCacheMaxEntries), "must be between 0 and 10,000,000.");
        check.Require(options.RouteCacheTtl > TimeSpan.Zero && options.RouteCacheTtl <= TimeSpan.FromHours(1), nameof(RouteCacheTtl), "must be positive and at most one hour.");
        check.Require(
            options.RouteCacheNegativeTtl > TimeSpan.Zero && options.RouteCacheNegativeTtl <= options.RouteCacheTtl,
            nameof(RouteCacheNegativeTtl),
            $"must be positive and at most {check.PathOf(nameof(RouteCacheTtl))}.");
        check.RequirePositive(options.InvitationLifetime, nameof(InvitationLifetime));
        check.Require(options.TransactionLifetime > TimeSpan.Zero && options.TransactionLifetime <= TimeSpan.FromHours(1), nameof(TransactionLifetime), "must be positive and at most one hour.");
        foreach (var email in options.BreakGlassEmails)
        {
            check.Require(Routing.EmailDomain.TryGetDomain(email) is not null, nameof(BreakGlassEmails), $"contains an invalid email '{email}'.");
        }
    }
}
