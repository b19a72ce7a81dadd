using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Routing;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.SignIn;

/// <summary>The router in lookup mode: longest suffix, one lookup per miss, bounded cache, lifetimes, invalidation, fail-closed.</summary>
public sealed class SignInRouterLookupModeTests
{
    private static readonly OwnerRef Owner = OwnerRef.Organization(new OrganizationId(Guid.Parse("0d9c8f6e-0000-4000-8000-000000000001")));
    private readonly DirectoryId _acme = DirectoryId.New();
    private readonly DirectoryId _eu = DirectoryId.New();
    private FakeTimeProvider _clock = null!;
    private CountingLookup _lookup = null!;
    private SignInOptions _options = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        _lookup = new CountingLookup();
        _lookup.Set(Route("acme.com", _acme, sso: true));
        _lookup.Set(Route("eu.acme.com", _eu));
        _options = new SignInOptions();
    }

    private SignInRouter NewRouter() => new(_lookup, _options, _clock);

    private static SignInRoute Route(string domain, DirectoryId directory, bool sso = false, bool active = true) => new(domain, Owner, directory)
    {
        ActiveProfileId = active ? IdpProfileId.New() : null,
        Protocol = active ? IdentityProtocol.Saml : null,
        IdpDisplayName = "Acme Okta",
        SsoEnforced = sso,
    };

    [Test]
    public async Task RouteAsync_SubdomainOfTwoLinkedDomains_RoutesToTheLongestInOneLookup()
    {
        var router = NewRouter();

        var route = await router.RouteAsync("Ann@X.EU.Acme.com");

        Assert.That(((FederatedRoute)route).DirectoryId, Is.EqualTo(_eu));
        Assert.That(_lookup.Calls, Is.EqualTo(1));
        Assert.That(_lookup.LastSuffixes, Is.EqualTo(new[] { "x.eu.acme.com", "eu.acme.com", "acme.com", "com" }));
    }

    [Test]
    public async Task RouteAsync_SiblingOfALinkedDomain_IsNotCovered()
    {
        var route = await NewRouter().RouteAsync("ann@notacme.com");

        Assert.That(route, Is.InstanceOf<LocalRoute>());
    }

    [Test]
    public async Task RouteAsync_InvalidEmail_IsRefusedWithoutALookup()
    {
        var route = await NewRouter().RouteAsync("not an email");

        Assert.That(((RefusedRoute)route).Error.Code, Is.EqualTo(SignInErrorCodes.EmailInvalid));
        Assert.That(_lookup.Calls, Is.Zero);
    }

    [Test]
    public async Task RouteAsync_SameDomainAgain_IsServedFromTheCache()
    {
        var router = NewRouter();
        await router.RouteAsync("ann@acme.com");

        var route = await router.RouteAsync("bob@acme.com");

        Assert.That(((FederatedRoute)route).DirectoryId, Is.EqualTo(_acme));
        Assert.That(_lookup.Calls, Is.EqualTo(1));
    }

    [Test]
    public async Task RouteAsync_AfterTheTtl_LooksUpAgainAndSeesTheChange()
    {
        var router = NewRouter();
        await router.RouteAsync("ann@acme.com");
        _lookup.Remove("acme.com");

        _clock.Advance(_options.RouteCacheTtl - TimeSpan.FromSeconds(1));
        Assert.That(await router.RouteAsync("ann@acme.com"), Is.InstanceOf<FederatedRoute>(), "still cached");
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await router.RouteAsync("ann@acme.com"), Is.InstanceOf<LocalRoute>());
        Assert.That(_lookup.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task RouteAsync_UnknownDomain_IsCachedOnlyForTheNegativeTtl()
    {
        var router = NewRouter();
        for (var i = 0; i < 50; i++)
        {
            Assert.That(await router.RouteAsync("x@unknown.example"), Is.InstanceOf<LocalRoute>());
        }

        Assert.That(_lookup.Calls, Is.EqualTo(1), "a flood of one unknown domain costs one lookup");
        _lookup.Set(Route("unknown.example", _acme));
        _clock.Advance(_options.RouteCacheNegativeTtl);

        Assert.That(await router.RouteAsync("x@unknown.example"), Is.InstanceOf<FederatedRoute>());
        Assert.That(_lookup.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task RouteAsync_ManyRandomDomains_CacheStaysWithinItsBound()
    {
        _options.RouteCacheMaxEntries = 100;
        var router = NewRouter();

        for (var i = 0; i < 1_000; i++)
        {
            await router.RouteAsync($"x@r{i}.example");
            Assert.That(router.CachedRouteCount, Is.LessThanOrEqualTo(100));
        }

        Assert.That(_lookup.Calls, Is.EqualTo(1_000));
    }

    [Test]
    public async Task RouteAsync_CacheDisabled_LooksUpEveryTime()
    {
        _options.RouteCacheMaxEntries = 0;
        var router = NewRouter();

        await router.RouteAsync("ann@acme.com");
        await router.RouteAsync("ann@acme.com");

        Assert.That((_lookup.Calls, router.CachedRouteCount), Is.EqualTo((2, 0)));
    }

    [Test]
    public async Task InvalidateDomainsAsync_DropsTheDomainAndItsSubdomainsOnly()
    {
        var router = NewRouter();
        await router.RouteAsync("a@acme.com");
        await router.RouteAsync("a@x.eu.acme.com");
        await router.RouteAsync("a@other.example");
        _lookup.Set(Route("eu.acme.com", _eu, active: false));

        await router.InvalidateDomainsAsync(["eu.acme.com"]);

        Assert.That(await router.RouteAsync("a@x.eu.acme.com"), Is.InstanceOf<LocalRoute>());
        await router.RouteAsync("a@acme.com");
        await router.RouteAsync("a@other.example");
        Assert.That(_lookup.Calls, Is.EqualTo(4), "only x.eu.acme.com was looked up again");
    }

    [Test]
    public async Task InvalidateDirectoryAsync_DropsTheRoutesOfThatDirectory()
    {
        var router = NewRouter();
        await router.RouteAsync("a@acme.com");
        await router.RouteAsync("a@sales.acme.com");
        await router.RouteAsync("a@eu.acme.com");
        _lookup.Set(Route("acme.com", _acme, sso: true, active: false));

        await router.InvalidateDirectoryAsync(_acme);

        Assert.That(((RefusedRoute)await router.RouteAsync("a@sales.acme.com")).Error.Code, Is.EqualTo(SignInErrorCodes.NoActiveIdp));
        await router.RouteAsync("a@eu.acme.com");
        Assert.That(_lookup.Calls, Is.EqualTo(4), "the eu.acme.com route of another directory stayed cached");
    }

    [Test]
    public async Task InvalidateDomainsAsync_DuringALookup_ItsAnswerIsNotCached()
    {
        var router = NewRouter();
        var gate = new TaskCompletionSource();
        _lookup.Gate = gate.Task;
        var pending = router.RouteAsync("a@acme.com");

        _lookup.Remove("acme.com");
        await router.InvalidateDomainsAsync(["acme.com"]);
        gate.SetResult();
        Assert.That(await pending, Is.InstanceOf<FederatedRoute>(), "the answer read before the change");
        _lookup.Gate = null;

        Assert.That(await router.RouteAsync("a@acme.com"), Is.InstanceOf<LocalRoute>());
    }

    [Test]
    public async Task CheckLocalSignInAsync_SsoEnforced_IsRefusedUnlessOnTheBreakGlassList()
    {
        _options.BreakGlassEmails.Add("owner@acme.com");
        var router = NewRouter();

        var refused = await router.CheckLocalSignInAsync("ann@sales.acme.com", LocalSignInMethod.Password);
        var breakGlass = await router.CheckLocalSignInAsync("Owner@acme.com", LocalSignInMethod.Password);
        var notEnforced = await router.CheckLocalSignInAsync("ann@eu.acme.com", LocalSignInMethod.Password);

        Assert.That(refused.Error.Code, Is.EqualTo(SignInErrorCodes.SsoRequired));
        Assert.That((breakGlass.IsSuccess, notEnforced.IsSuccess), Is.EqualTo((true, true)));
    }

    [Test]
    public void CheckLocalSignIn_SynchronousInLookupMode_LooksUpInsteadOfAllowing()
    {
        var router = NewRouter();

        var refused = router.CheckLocalSignIn("ann@acme.com", LocalSignInMethod.Password);

        Assert.That(refused.Error.Code, Is.EqualTo(SignInErrorCodes.SsoRequired));
        Assert.That(router.Route("ann@acme.com"), Is.InstanceOf<FederatedRoute>());
    }

    [Test]
    public void RouteAsync_LookupFails_ThePropagatedFailureIsNotCached()
    {
        var router = NewRouter();
        _lookup.Failure = new InvalidOperationException("database down");

        Assert.ThrowsAsync<InvalidOperationException>(() => router.RouteAsync("ann@acme.com"));
        _lookup.Failure = null;
        Assert.That(router.CachedRouteCount, Is.Zero);
    }

    [Test]
    public async Task RefreshAsync_InLookupMode_ForgetsEveryCachedRoute()
    {
        var router = NewRouter();
        await router.RouteAsync("a@acme.com");

        await router.RefreshAsync();

        Assert.That(router.CachedRouteCount, Is.Zero);
        Assert.That(router.IsLookupMode, Is.True);
    }

    [TestCase(-1, 30, 5)]
    [TestCase(10_000_001, 30, 5)]
    [TestCase(100, 0, 0)]
    [TestCase(100, 3601, 5)]
    [TestCase(100, 30, 0)]
    [TestCase(100, 30, 31)]
    public void Validate_BadRouteCacheSetting_Throws(int maxEntries, int ttlSeconds, int negativeTtlSeconds)
    {
        var options = new SignInOptions
        {
            RouteCacheMaxEntries = maxEntries,
            RouteCacheTtl = TimeSpan.FromSeconds(ttlSeconds),
            RouteCacheNegativeTtl = TimeSpan.FromSeconds(negativeTtlSeconds),
        };

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Test]
    public void Validate_DefaultRouteCacheSettings_Pass() => Assert.DoesNotThrow(new SignInOptions().Validate);

    private sealed class CountingLookup : ISignInRouteLookup
    {
        private readonly Dictionary<string, SignInRoute> _routes = new(StringComparer.Ordinal);

        public int Calls { get; private set; }

        public IReadOnlyList<string> LastSuffixes { get; private set; } = [];

        public Task? Gate { get; set; }

        public Exception? Failure { get; set; }

        public void Set(SignInRoute route) => _routes[route.Domain] = route;

        public void Remove(string domain) => _routes.Remove(domain);

        public async Task<IReadOnlyList<SignInRoute>> FindAsync(IReadOnlyList<string> suffixes, CancellationToken cancellationToken = default)
        {
            Calls++;
            LastSuffixes = [.. suffixes];
            var found = suffixes.Where(_routes.ContainsKey).Select(s => _routes[s]).ToList();
            if (Gate is { } gate)
            {
                await gate;
            }

            return Failure is { } failure ? throw failure : found;
        }
    }
}
