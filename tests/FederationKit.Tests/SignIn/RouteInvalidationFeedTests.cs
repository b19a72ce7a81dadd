using System.Text;
using FederationKit.Directories;
using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Ports;
using FederationKit.SignIn.Routing;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.SignIn;

/// <summary>The cross-instance feed without a transport: message format, own messages, lifetimes while disconnected, failed publishes, warm-up.</summary>
public sealed class RouteInvalidationFeedTests
{
    private static readonly OwnerRef Owner = OwnerRef.Organization(new OrganizationId(Guid.Parse("0d9c8f6e-0000-4000-8000-000000000009")));
    private static readonly DirectoryId Directory = DirectoryId.New();
    private FakeTimeProvider _clock = null!;
    private Lookup _lookup = null!;
    private SignInRouter _router = null!;
    private Publisher _publisher = null!;
    private RouteInvalidationFeed _feed = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        _lookup = new Lookup();
        _lookup.Routes["acme.com"] = new SignInRoute("acme.com", Owner, Directory) { ActiveProfileId = IdpProfileId.New(), Protocol = IdentityProtocol.Saml };
        _router = new SignInRouter(_lookup, new SignInOptions(), _clock);
        _publisher = new Publisher();
        _feed = new RouteInvalidationFeed(_router, _publisher, TimeSpan.FromSeconds(1));
        _feed.Connected();
    }

    private static string Payload(string sender, string body) => "fedkit-routes/1 " + sender + "\n" + body;

    [Test]
    public void Encode_DomainsBeyondThePostgresLimit_SplitIntoPayloadsUnderItThatDecodeToEveryDomain()
    {
        var domains = Enumerable.Range(0, 1000).Select(i => $"tenant{i}.example{i % 97}.com").ToArray();

        var payloads = new RouteInvalidationMessage("abc", domains, null, All: false).Encode(7900);

        Assert.That(payloads, Has.Count.GreaterThan(1));
        Assert.That(payloads.Select(p => Encoding.UTF8.GetByteCount(p)), Has.All.LessThanOrEqualTo(7900));
        var decoded = payloads.Select(RouteInvalidationMessage.Decode).ToList();
        Assert.That(decoded.SelectMany(m => m.Domains), Is.EqualTo(domains));
        Assert.That(decoded.Select(m => m.Sender), Has.All.EqualTo("abc"));
        Assert.That(decoded.Select(m => m.All || m.Unreadable), Has.All.False);
    }

    [TestCase("")]
    [TestCase("hello")]
    [TestCase("fedkit-routes/1 abc\nx acme.com")]
    [TestCase("fedkit-routes/1 abc\nr not-a-guid")]
    public void Decode_UnreadablePayload_DropsEveryRoute(string payload)
    {
        var message = RouteInvalidationMessage.Decode(payload);

        Assert.That(message.All && message.Unreadable, Is.True);
    }

    [Test]
    public async Task ReceiveAsync_AnotherInstancesMessage_DropsTheDomain_OwnMessageIsSkipped()
    {
        await _router.RouteAsync("ann@acme.com");

        await _feed.ReceiveAsync(Payload(_feed.InstanceId, "d acme.com"));
        await _router.RouteAsync("ann@acme.com");
        Assert.That(_lookup.Calls, Is.EqualTo(1), "its own message: already applied when it was sent");

        await _feed.ReceiveAsync(Payload("other", "d acme.com"));
        await _router.RouteAsync("ann@acme.com");
        Assert.That(_lookup.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task ReceiveAsync_Directory_DropsItsRoutes()
    {
        await _router.RouteAsync("ann@x.acme.com");

        await _feed.ReceiveAsync(Payload("other", "r " + Directory));
        await _router.RouteAsync("ann@x.acme.com");

        Assert.That(_lookup.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task InvalidateDomainsAsync_DropsLocallyAndPublishesOneMessage()
    {
        await _router.RouteAsync("ann@acme.com");

        await _feed.InvalidateDomainsAsync(["acme.com"]);
        await _router.RouteAsync("ann@acme.com");

        Assert.That(_lookup.Calls, Is.EqualTo(2));
        Assert.That(_publisher.Sent, Is.EqualTo(new[] { Payload(_feed.InstanceId, "d acme.com") }));
    }

    [Test]
    public async Task InvalidateDirectoryAsync_PublishFails_AppliedLocallyAndNotThrown()
    {
        _publisher.Failure = new TimeoutException("transport down");
        await _router.RouteAsync("ann@acme.com");

        Assert.DoesNotThrowAsync(() => _feed.InvalidateDirectoryAsync(Directory));
        await _router.RouteAsync("ann@acme.com");

        Assert.That(_lookup.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task Disconnected_CacheEmptiedAndRoutesKeptAtMostTheShortLifetime_UntilConnectedAgain()
    {
        await _router.RouteAsync("ann@acme.com");

        _feed.Disconnected();
        await _router.RouteAsync("ann@acme.com");
        Assert.That(_lookup.Calls, Is.EqualTo(2), "emptied on the loss");
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        await _router.RouteAsync("ann@acme.com");
        Assert.That(_lookup.Calls, Is.EqualTo(3), "kept at most one second while disconnected");

        _feed.Connected();
        await _router.RouteAsync("ann@acme.com");
        Assert.That(_lookup.Calls, Is.EqualTo(4), "emptied again when back: messages may have been missed");
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        await _router.RouteAsync("ann@acme.com");
        Assert.That(_lookup.Calls, Is.EqualTo(4), "the configured lifetime again");
    }

    [Test]
    public async Task Constructor_NeverConnected_RoutesKeptAtMostTheShortLifetime()
    {
        var router = new SignInRouter(_lookup, new SignInOptions(), _clock);
        _ = new RouteInvalidationFeed(router, _publisher, TimeSpan.FromSeconds(1));

        await router.RouteAsync("ann@acme.com");
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        await router.RouteAsync("ann@acme.com");

        Assert.That(_lookup.Calls, Is.EqualTo(2));
    }

    [Test]
    public async Task WarmUpAsync_LookupWithWarmUp_ItRunsAndNothingIsCached()
    {
        await _router.WarmUpAsync();

        Assert.That(_lookup.WarmUps, Is.EqualTo(1));
        Assert.That(_router.CachedRouteCount, Is.EqualTo(1), "only the reserved .invalid domain's absence");
    }

    private sealed class Lookup : ISignInRouteLookup, ISignInRouteLookupWarmUp
    {
        public Dictionary<string, SignInRoute> Routes { get; } = new(StringComparer.Ordinal);

        public int Calls { get; private set; }

        public int WarmUps { get; private set; }

        public Task<IReadOnlyList<SignInRoute>> FindAsync(IReadOnlyList<string> suffixes, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult<IReadOnlyList<SignInRoute>>([.. suffixes.Where(Routes.ContainsKey).Select(s => Routes[s])]);
        }

        public Task WarmUpAsync(CancellationToken cancellationToken = default)
        {
            WarmUps++;
            return Task.CompletedTask;
        }
    }

    private sealed class Publisher : IRouteInvalidationPublisher
    {
        public List<string> Sent { get; } = [];

        public Exception? Failure { get; set; }

        public int MaxPayloadBytes => 7900;

        public Task PublishAsync(string payload, CancellationToken cancellationToken = default)
        {
            if (Failure is not null)
            {
                throw Failure;
            }

            Sent.Add(payload);
            return Task.CompletedTask;
        }
    }
}
