using FederationKit.Directories;
using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FederationKit.Tests.Events;

/// <summary>Security-relevant admin events (SSO enforcement, IdP profile changes) are in the owner's audit trail.</summary>
public sealed class AuditOwnershipTests
{
    [Test]
    public async Task AuditQuery_SsoEnforcementTurnedOff_IsInTheDirectoryOwnersTrail()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)));
        services.AddFederationKit().AddEventOutbox();
        await using var provider = services.BuildServiceProvider();
        var admin = UserId.New();
        var organization = (await provider.GetRequiredService<OrganizationService>().CreateOrganizationAsync("Acme", admin, "owner@acme.com")).Value;
        var owner = OwnerRef.Organization(organization.Id);
        var directory = (await provider.GetRequiredService<DirectoryService>().CreateDirectoryAsync(owner, admin, "Staff", DirectoryIdentityType.Federated)).Value;

        var changed = await provider.GetRequiredService<DirectorySignInSettingsService>().UpdateAsync(directory.Id, admin, s => s with { SsoEnforced = !s.SsoEnforced });
        Assert.That(changed.IsSuccess, Is.True, () => changed.Error.Code);

        var audit = await provider.GetRequiredService<IFederationEventOutbox>().ListByOwnerAsync(owner, new FederationAuditQuery());
        Assert.That(audit.Value.Events.OfType<DirectorySignInSettingsChanged>(), Is.Not.Empty,
            "an SSO-enforcement change belongs to the directory owner's trail");
    }
}
