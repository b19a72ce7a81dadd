using System.Collections.Immutable;
using System.Diagnostics;
using FederationKit.Domains;
using FederationKit.SignIn;
using FederationKit.SignIn.Flow;
using FederationKit.SignIn.Stores;
using FederationKit.Stores;
using FederationKit.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FederationKit.Tests.SignIn.Flow;

/// <summary>
/// What the sign-in flow and the domain checks emit through the standard .NET APIs: spans on the <c>FederationKit</c>
/// activity source (status and tags), counters on the <c>FederationKit</c> meter (outcome tags), and [LoggerMessage] events
/// with stable IDs; observed with ActivityListener, MeterListener and a capturing ILogger, as OpenTelemetry would.
/// </summary>
#pragma warning disable CA1001 // The capture is disposed in [TearDown].
public sealed class SignInTelemetryTests : WiredFederationKitTests
#pragma warning restore CA1001
{
    private static readonly SignInCallbackUrls Urls = new(new Uri("https://app.example/federation"));
    private SignInTelemetryCapture _capture = null!;
    private ConflictingChangeSetStore _changes = null!;

    private FederatedSignInService Flow => Services.GetRequiredService<FederatedSignInService>();

    protected override void ConfigureServices(IServiceCollection services)
    {
        _capture = new SignInTelemetryCapture();
        services.AddSingleton<ISignInProtocol>(new FakeSignInProtocol());
        var users = new InMemoryFederatedUserStore();
        var memberships = new FederationKit.Organizations.InMemoryMembershipStore();
        var organizations = new FederationKit.Stores.InMemory.InMemoryOrganizationStore();
        var parents = new FederationKit.Stores.InMemory.InMemoryParentOrganizationStore();
        _changes = new ConflictingChangeSetStore(new FederationKit.Stores.InMemoryChangeSetStore(users, memberships, organizations, parents));
        services.AddSingleton<FederationKit.Stores.IOrganizationStore>(organizations);
        services.AddSingleton<FederationKit.Stores.IParentOrganizationStore>(parents);
        services.AddSingleton<IFederatedUserStore>(users);
        services.AddSingleton<FederationKit.Organizations.IMembershipStore>(memberships);
        services.AddSingleton<FederationKit.Stores.IChangeSetStore>(_changes);
        services.AddSingleton(_capture.Logs);
        services.AddSingleton(typeof(ILogger<>), typeof(SignInTelemetryCapture.CapturingLogger<>));
    }

    [TearDown]
    public void StopCapture() => _capture.Dispose();

    [Test]
    public async Task BeginAsync_FederatedEmail_SpanTaggedAndStartedCounted()
    {
        var (_, directory, profile) = await FederateAsync();

        var challenge = await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", Urls = Urls });

        Assert.That(challenge.IsSuccess, Is.True, () => challenge.Error.ToString());
        var span = _capture.SpansNamed("signin.begin").Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(span.Kind, Is.EqualTo(ActivityKind.Internal));
            Assert.That(span.GetTagItem("federationkit.protocol"), Is.EqualTo("saml"));
            Assert.That(span.GetTagItem("federationkit.profile_id"), Is.EqualTo(profile.Id.ToString()));
            Assert.That(span.GetTagItem("federationkit.directory_id"), Is.EqualTo(directory.Id.ToString()));
            Assert.That(span.GetTagItem("federationkit.intent"), Is.EqualTo("sign_in"));
            Assert.That(span.GetTagItem("federationkit.outcome"), Is.EqualTo("success"));
            var started = _capture.Of("federationkit.signin.started").Single();
            Assert.That(started.Value, Is.EqualTo(1));
            Assert.That(started.Tags["federationkit.protocol"], Is.EqualTo("saml"));
            Assert.That(started.Tags["federationkit.intent"], Is.EqualTo("sign_in"));
            Assert.That(_capture.Logs.Single(l => l.EventId.Id == 1002).EventId.Name, Is.EqualTo("SignInStarted"));
        });
    }

    [Test]
    public async Task BeginAsync_ProfileNotActive_SpanErrorWithTheCodeAndNothingStarted()
    {
        var (_, directory, _) = await FederateAsync();
        var inactive = (await Services.GetRequiredService<FederationKit.Directories.IdpProfileService>().AddSamlProfileAsync(directory.Id, Admin, "New IdP",
            Directories.DirectoryTestContext.ValidSaml() with { EntityId = "https://idp2.acme.example/saml" })).Value;

        var challenge = await Flow.BeginAsync(new SignInBeginRequest { ProfileId = inactive.Id, Urls = Urls });

        Assert.That(challenge.Error.Code, Is.EqualTo(SignInErrorCodes.ProfileNotActive));
        var span = _capture.SpansNamed("signin.begin").Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(span.StatusDescription, Is.EqualTo(SignInErrorCodes.ProfileNotActive));
            Assert.That(span.GetTagItem("error.type"), Is.EqualTo(SignInErrorCodes.ProfileNotActive));
            Assert.That(span.GetTagItem("federationkit.profile_id"), Is.EqualTo(inactive.Id.ToString()));
            Assert.That(_capture.Of("federationkit.signin.started"), Is.Empty);
            var refused = _capture.Logs.Single(l => l.EventId.Id == 1000);
            Assert.That(refused.Level, Is.EqualTo(LogLevel.Information));
            Assert.That(refused.Values, Does.Contain(new KeyValuePair<string, object?>("Code", SignInErrorCodes.ProfileNotActive)));
            Assert.That(refused.Values, Does.Contain(new KeyValuePair<string, object?>("Stage", "begin")));
        });
    }

    [Test]
    public async Task BeginAsync_EmailWithoutSso_LogsTheDomainPartOnly()
    {
        await FederateAsync();

        var challenge = await Flow.BeginAsync(new SignInBeginRequest { Email = "bob.secretname@Unrelated.example", Urls = Urls });

        Assert.That(challenge.Error.Code, Is.EqualTo(SignInErrorCodes.NoSingleSignOn));
        var line = _capture.Logs.Single(l => l.EventId.Id == 1001);
        Assert.Multiple(() =>
        {
            Assert.That(line.Values, Does.Contain(new KeyValuePair<string, object?>("EmailDomain", "unrelated.example")));
            Assert.That(_capture.AllText(), Has.None.Contains("secretname"));
        });
    }

    [Test]
    public async Task CompleteAsync_WrongBrowser_SpanErrorAndCompletedCountsTheCode()
    {
        var (_, _, profile) = await FederateAsync();
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", Urls = Urls })).Value;

        var completed = await Flow.CompleteAsync(new SignInResponse
        {
            Protocol = IdentityProtocol.Saml, TransactionId = challenge.TransactionId, Parameters = Params(), BrowserSecret = "not-the-secret", Urls = Urls,
        });

        Assert.That(completed.Error.Code, Is.EqualTo(SignInErrorCodes.BrowserMismatch));
        var span = _capture.SpansNamed("signin.complete").Single();
        var counted = _capture.Of("federationkit.signin.completed").Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(span.StatusDescription, Is.EqualTo(SignInErrorCodes.BrowserMismatch));
            Assert.That(span.GetTagItem("federationkit.outcome"), Is.EqualTo(SignInErrorCodes.BrowserMismatch));
            Assert.That(span.GetTagItem("federationkit.profile_id"), Is.EqualTo(profile.Id.ToString()));
            Assert.That(counted.Tags["federationkit.outcome"], Is.EqualTo(SignInErrorCodes.BrowserMismatch));
            Assert.That(counted.Tags["federationkit.protocol"], Is.EqualTo("saml"));
            Assert.That(_capture.Logs.Single(l => l.EventId.Id == 1000).Values, Does.Contain(new KeyValuePair<string, object?>("Stage", "complete")));
            Assert.That(_capture.AllText(), Has.None.Contains(challenge.TransactionId).And.None.Contains(challenge.BrowserSecret));
        });
    }

    [Test]
    public async Task ProvisionAsync_NewUser_ProvisionSpanAndCompletedSuccess()
    {
        var (_, directory, profile) = await FederateAsync();
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", Urls = Urls })).Value;
        var completion = (await Flow.CompleteAsync(new SignInResponse
        {
            Protocol = IdentityProtocol.Saml, TransactionId = challenge.TransactionId, Parameters = Params(), BrowserSecret = challenge.BrowserSecret, Urls = Urls,
        })).Value;

        var outcome = await Flow.ProvisionAsync(completion);

        Assert.That(outcome.IsSuccess, Is.True, () => outcome.Error.ToString());
        var complete = _capture.SpansNamed("signin.complete").Single();
        var provision = _capture.SpansNamed("signin.provision").Single();
        var counted = _capture.Of("federationkit.signin.completed").Single();
        Assert.Multiple(() =>
        {
            Assert.That(complete.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(complete.GetTagItem("federationkit.outcome"), Is.EqualTo("success"));
            Assert.That(complete.GetTagItem("federationkit.directory_id"), Is.EqualTo(directory.Id.ToString()));
            Assert.That(provision.GetTagItem("federationkit.user_created"), Is.EqualTo(true));
            Assert.That(provision.GetTagItem("federationkit.memberships"), Is.EqualTo(1));
            Assert.That(provision.GetTagItem("federationkit.profile_id"), Is.EqualTo(profile.Id.ToString()));
            Assert.That(counted.Tags["federationkit.outcome"], Is.EqualTo("success"));
            Assert.That(counted.Tags["federationkit.intent"], Is.EqualTo("sign_in"));
            var provisioned = _capture.Logs.Single(l => l.EventId.Id == 1010);
            Assert.That(provisioned.Values, Does.Contain(new KeyValuePair<string, object?>("UserId", outcome.Value.UserId.ToString())));
            Assert.That(provisioned.Values, Does.Contain(new KeyValuePair<string, object?>("Created", "True")));
        });
    }

    [Test]
    public async Task ProvisionAsync_EmailUnverified_ProvisionSpanErrorAndCompletedCountsTheCode()
    {
        await FederateAsync();
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", Urls = Urls })).Value;
        var completion = (await Flow.CompleteAsync(new SignInResponse
        {
            Protocol = IdentityProtocol.Saml, TransactionId = challenge.TransactionId, Parameters = Params(), BrowserSecret = challenge.BrowserSecret, Urls = Urls,
        })).Value;

        var outcome = await Flow.ProvisionAsync(completion, completion.Validated.Identity with { EmailVerified = false });

        Assert.That(outcome.Error.Code, Is.EqualTo(SignInErrorCodes.EmailUnverified));
        Assert.Multiple(() =>
        {
            Assert.That(_capture.SpansNamed("signin.provision").Single().Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(_capture.Of("federationkit.signin.completed").Single().Tags["federationkit.outcome"], Is.EqualTo(SignInErrorCodes.EmailUnverified));
            Assert.That(_capture.Logs.Single(l => l.EventId.Id == 1000).Values, Does.Contain(new KeyValuePair<string, object?>("Stage", "provision")));
            Assert.That(_capture.Logs.Where(l => l.EventId.Id == 1010), Is.Empty);
        });
    }

    [Test]
    public async Task VerifyNowAsync_RecordPublished_DomainCheckSpanCounterAndVerifiedLog()
    {
        var owner = await NewOrganizationOwnerAsync("Acme", "owner@acme.com");

        await VerifyAsync(owner, "acme.com");

        var span = _capture.SpansNamed("domain.check").Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.GetTagItem("federationkit.domain"), Is.EqualTo("acme.com"));
            Assert.That(span.GetTagItem("federationkit.outcome"), Is.EqualTo("verified"));
            Assert.That(span.GetTagItem("federationkit.domain.state"), Is.EqualTo("verified"));
            Assert.That(_capture.Of("federationkit.domain.checks").Single().Tags["federationkit.outcome"], Is.EqualTo("verified"));
            var verified = _capture.Logs.Single(l => l.EventId.Id == 1020);
            Assert.That(verified.Values, Does.Contain(new KeyValuePair<string, object?>("Domain", "acme.com")));
        });
    }

    [Test]
    public async Task VerifyNowAsync_RecordAbsent_CountedAbsentAndNothingLogged()
    {
        var owner = await NewOrganizationOwnerAsync("Acme", "owner@acme.com");
        var domains = Services.GetRequiredService<DomainClaimService>();
        await domains.AddDomainsAsync(owner, await AdminOfAsync(owner), ["acme.com"]);

        var report = await domains.VerifyNowAsync(owner, await AdminOfAsync(owner), "acme.com");

        Assert.That(report.Value.Outcome, Is.EqualTo(DomainCheckOutcome.Absent));
        Assert.Multiple(() =>
        {
            Assert.That(_capture.SpansNamed("domain.check").Single().GetTagItem("federationkit.outcome"), Is.EqualTo("absent"));
            Assert.That(_capture.Of("federationkit.domain.checks").Single().Tags["federationkit.outcome"], Is.EqualTo("absent"));
            Assert.That(_capture.Logs.Where(l => l.EventId.Id is >= 1020 and < 1030), Is.Empty);
        });
    }

    [Test]
    public async Task ProvisionAsync_UserKeepsChangingConcurrently_ConcurrencyRetriesExhaustedLogged()
    {
        await FederateAsync();
        Assert.That((await SignInAsync()).IsSuccess, Is.True);
        _changes.Conflict = true;

        var again = await SignInAsync();

        Assert.That(again.Error.Code, Is.EqualTo(SignInErrorCodes.ConcurrencyExhausted));
        var line = _capture.Logs.Single(l => l.EventId.Id == 1011);
        Assert.Multiple(() =>
        {
            Assert.That(line.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(line.Values, Does.Contain(new KeyValuePair<string, object?>("Kind", "sign-in")));
            Assert.That(line.Values, Does.Contain(new KeyValuePair<string, object?>("Attempts", "16")));
        });
    }

    private async Task<Result<FederationKit.SignIn.Provisioning.SignInOutcome>> SignInAsync()
    {
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", Urls = Urls })).Value;
        var completion = (await Flow.CompleteAsync(new SignInResponse
        {
            Protocol = IdentityProtocol.Saml, TransactionId = challenge.TransactionId, Parameters = Params(), BrowserSecret = challenge.BrowserSecret, Urls = Urls,
        })).Value;
        return await Flow.ProvisionAsync(completion);
    }

    /// <summary>The in-memory change-set store, whose commits can be made to conflict every time.</summary>
    private sealed class ConflictingChangeSetStore(FederationKit.Stores.IChangeSetStore inner) : FederationKit.Stores.IChangeSetStore
    {
        public bool Conflict { get; set; }

        public Task<Result> CommitAsync(FederationKit.Stores.ChangeSet change, CancellationToken cancellationToken = default) => Conflict
            ? Task.FromResult<Result>(StoreErrors.ConcurrencyConflict("federated user", "any"))
            : inner.CommitAsync(change, cancellationToken);
    }

    private static ImmutableDictionary<string, string> Params(string subject = "alice@acme.com") => ImmutableDictionary<string, string>.Empty.Add("subject", subject);
}
