using System.Collections.Immutable;
using FederationKit.Events;
using FederationKit.Events.Outbox;
using FederationKit.SignIn;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Flow;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Tests.SignIn.Flow;

/// <summary>Sign-in succeeded and sign-in refused are events, with the IdP profile as the actor and nothing personal in a refusal.</summary>
public sealed class SignInEventsTests : WiredFederationKitTests
{
    private static readonly SignInCallbackUrls Urls = new(new Uri("https://app.example/federation"));

    private FederatedSignInService Flow => Services.GetRequiredService<FederatedSignInService>();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ISignInProtocol>(new FakeSignInProtocol());

    [Test]
    public async Task ProvisionAsync_CompletedSignIn_RaisesSignInSucceededWithTheProfileAsActor()
    {
        var (owner, directory, profile) = await FederateAsync();
        var completed = await CompleteAsync();

        var outcome = await Flow.ProvisionAsync(completed);

        var succeeded = Events.OfType<SignInSucceeded>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(succeeded, Is.EqualTo(new SignInSucceeded(Clock.GetUtcNow(), directory.Id, profile.Id, outcome.Value.UserId, true)));
            Assert.That(succeeded.Actor, Is.EqualTo(EventActor.IdpProfile(profile.Id)));
            Assert.That(succeeded.OwnedBy, Is.EqualTo(owner));
            Assert.That(Events.OfType<SignInRefused>(), Is.Empty);
        });
    }

    [Test]
    public async Task ProvisionAsync_Refused_RaisesSignInRefusedWithTheCode()
    {
        var (owner, _, profile) = await FederateAsync();
        var completed = await CompleteAsync();

        var outcome = await Flow.ProvisionAsync(completed, completed.Validated.Identity with { Subject = "ceo@acme.com" });

        var refused = Events.OfType<SignInRefused>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(refused.ErrorCode, Is.EqualTo(outcome.Error.Code));
            Assert.That(refused.Stage, Is.EqualTo("provision"));
            Assert.That(refused.ProfileId, Is.EqualTo(profile.Id));
            Assert.That(refused.Actor, Is.EqualTo(EventActor.IdpProfile(profile.Id)));
            Assert.That(refused.OwnedBy, Is.EqualTo(owner));
            Assert.That(Events.OfType<SignInSucceeded>(), Is.Empty);
        });
    }

    [Test]
    public async Task RecordHostRefusalAsync_HostVetoedTheIdentity_RaisesSignInRefusedAtStageHost()
    {
        var (owner, _, profile) = await FederateAsync();
        var completed = await CompleteAsync();

        await Flow.RecordHostRefusalAsync(completed, new FederationError("host.blocked", "Not today."));

        var refused = Events.OfType<SignInRefused>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(refused.ErrorCode, Is.EqualTo("host.blocked"));
            Assert.That(refused.Stage, Is.EqualTo("host"));
            Assert.That(refused.ProfileId, Is.EqualTo(profile.Id));
            Assert.That(refused.OwnedBy, Is.EqualTo(owner));
            Assert.That(Events.OfType<SignInSucceeded>(), Is.Empty);
        });
    }

    [Test]
    public async Task CompleteAsync_ResponseRefusedAtAKnownProfile_RaisesSignInRefusedWithoutPersonalData()
    {
        var (owner, directory, profile) = await FederateAsync();

        var completed = await Flow.CompleteAsync(new SignInResponse { Protocol = IdentityProtocol.Saml, ProfileId = profile.Id, Parameters = Params("mallory@acme.com"), Urls = Urls });

        var refused = Events.OfType<SignInRefused>().Single();
        Assert.That(refused, Is.EqualTo(new SignInRefused(Clock.GetUtcNow(), "complete", SignInErrorCodes.IdpInitiatedNotAllowed, directory.Id, profile.Id)));
        Assert.That(completed.Error.Code, Is.EqualTo(SignInErrorCodes.IdpInitiatedNotAllowed));
        Assert.That(refused.OwnedBy, Is.EqualTo(owner));
        Assert.That(FederationEventTypeRegistry.Core.Serialize(refused).Value.Json, Does.Not.Contain("mallory"));
    }

    [Test]
    public async Task CompleteAsync_FloodOfRefusalsAtOneProfile_TwentyEventsAMinuteAndTheRestCountedOnTheNext()
    {
        var (_, _, profile) = await FederateAsync();
        var forged = new SignInResponse { Protocol = IdentityProtocol.Saml, ProfileId = profile.Id, Parameters = Params("mallory@acme.com"), Urls = Urls };

        for (var i = 0; i < 25; i++)
        {
            Assert.That((await Flow.CompleteAsync(forged)).Error.Code, Is.EqualTo(SignInErrorCodes.IdpInitiatedNotAllowed));
        }

        Assert.That(Events.OfType<SignInRefused>(), Has.Count.EqualTo(20));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Flow.CompleteAsync(forged);
        Assert.That(Events.OfType<SignInRefused>()[^1].Unreported, Is.EqualTo(5));
    }

    [Test]
    public async Task CompleteAsync_UnknownTransaction_RaisesNoEvent()
    {
        await FederateAsync();

        var completed = await Flow.CompleteAsync(new SignInResponse { Protocol = IdentityProtocol.Saml, TransactionId = "forged", Parameters = Params(), BrowserSecret = "x", Urls = Urls });

        Assert.That(completed.Error.Code, Is.EqualTo(SignInErrorCodes.TransactionUnknown));
        Assert.That(Events.OfType<SignInRefused>(), Is.Empty, "anyone can post such a response; it belongs to no owner");
    }

    private async Task<SignInCompletion> CompleteAsync()
    {
        var challenge = (await Flow.BeginAsync(new SignInBeginRequest { Email = "alice@acme.com", Urls = Urls })).Value;
        var completed = await Flow.CompleteAsync(new SignInResponse { Protocol = IdentityProtocol.Saml, TransactionId = challenge.TransactionId, Parameters = Params(), BrowserSecret = challenge.BrowserSecret, Urls = Urls });
        Assert.That(completed.IsSuccess, Is.True, () => completed.Error.ToString());
        return completed.Value;
    }

    private static ImmutableDictionary<string, string> Params(string subject = "alice@acme.com") => ImmutableDictionary<string, string>.Empty.Add("subject", subject);
}
