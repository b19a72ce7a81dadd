using FederationKit.SignIn;
using FederationKit.SignIn.Invitations;
using FederationKit.SignIn.Provisioning;
using FederationKit.SignIn.Routing;
using FederationKit.SignIn.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace FederationKit.Tests.SignIn;

public sealed class SignInRegistrationTests
{
    [Test]
    public void AddFederationKit_RegistersRouterProvisionerAndStores()
    {
        var services = new ServiceCollection();
        services.AddFederationKit(o => o.SignIn.BreakGlassEmails.Add("owner@acme.com"));
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<JitProvisioner>(), Is.Not.Null);
        Assert.That(provider.GetRequiredService<SignInRouter>(), Is.SameAs(provider.GetRequiredService<SignInRouter>()));
        Assert.That(provider.GetRequiredService<FederationKit.Organizations.IMembershipStore>(), Is.InstanceOf<FederationKit.Organizations.InMemoryMembershipStore>());
        Assert.That(provider.GetRequiredService<FederationKit.Stores.IChangeSetStore>(), Is.InstanceOf<FederationKit.Stores.InMemoryChangeSetStore>());
        Assert.That(provider.GetRequiredService<SignInOptions>().BreakGlassEmails, Does.Contain("owner@acme.com"));
    }

    [Test]
    public void AddFederationKit_RegistersLocalLoginPolicyAndInvitationService()
    {
        var services = new ServiceCollection();
        services.AddFederationKit(o => o.SignIn.InvitationLifetime = TimeSpan.FromDays(2));
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<LocalLoginPolicy>(), Is.Not.Null);
        Assert.That(provider.GetRequiredService<SignInInvitationService>(), Is.Not.Null);
        Assert.That(provider.GetRequiredService<SignInOptions>().InvitationLifetime, Is.EqualTo(TimeSpan.FromDays(2)));
    }

    [Test]
    public async Task AddFederationKit_NonPositiveInvitationLifetime_FailsAtStart() =>
        Assert.That(
            (await FederationKit.Tests.Shared.OptionsHost.StartFailsAsync((services, _) => services.AddFederationKit(o => o.SignIn.InvitationLifetime = TimeSpan.FromDays(-1)))).Message,
            Does.Contain("FederationKit:SignIn:InvitationLifetime must be positive."));

    [Test]
    public async Task AddFederationKit_InvalidSignInOption_FailsAtStart() =>
        Assert.That(
            (await FederationKit.Tests.Shared.OptionsHost.StartFailsAsync((services, _) => services.AddFederationKit(o => o.SignIn.MaxUsernameAttempts = 0))).Message,
            Does.Contain("FederationKit:SignIn:MaxUsernameAttempts must be at least 1."));
}
