using FederationKit.Organizations;
using FederationKit.SignIn;
using FederationKit.SignIn.Events;
using FederationKit.SignIn.Policies;
using FederationKit.SignIn.Stores;

namespace FederationKit.Tests.SignIn;

/// <summary>Just-in-time provisioning consumes a live invitation as before; a revoked or expired one is ignored.</summary>
public sealed class JitProvisionerInvitationLifecycleTests
{
    private static async Task<(SignInHarness Harness, SignInInvitation Invitation)> InvitedAsync(Func<SignInInvitation, SignInInvitation>? change = null)
    {
        var h = await SignInHarness.CreateAsync((_, p) => p with { JoinMode = JoinMode.InvitationOnly });
        var invitation = new SignInInvitation(Guid.NewGuid(), h.Acme, OrganizationRole.Admin, h.Clock.GetUtcNow())
        {
            Email = "john.smith@acme.com", ExpiresAt = h.Clock.GetUtcNow().AddDays(7), Groups = ["finance"],
        };
        invitation = change?.Invoke(invitation) ?? invitation;
        await h.Invitations.AddAsync(invitation);
        return (h, invitation);
    }

    [Test]
    public async Task SignIn_LiveInvitationWithGroups_JoinsWithItsRoleAndGroupsAndConsumesIt()
    {
        var (h, invitation) = await InvitedAsync();
        h.Clock.Advance(TimeSpan.FromDays(6));

        var outcome = (await h.SignInAsync(SignInHarness.Identity())).Value;

        var membership = outcome.Memberships.Single();
        Assert.That(membership.Role, Is.EqualTo(OrganizationRole.Admin));
        Assert.That(membership.Groups, Does.Contain("finance"));
        Assert.That(outcome.Changes.OfType<SignInInvitationAccepted>().Single().InvitationId, Is.EqualTo(invitation.Id));
        Assert.That(await h.Invitations.FindAsync(invitation.Id), Is.Null);
    }

    [Test]
    public async Task SignIn_ExpiredInvitation_IsIgnored()
    {
        var (h, invitation) = await InvitedAsync();
        h.Clock.Advance(TimeSpan.FromDays(7));

        var result = await h.SignInAsync(SignInHarness.Identity());

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.InvitationRequired));
        Assert.That(await h.Invitations.FindAsync(invitation.Id), Is.Not.Null);
        Assert.That(await h.Memberships.ListByOrganizationAsync(h.Acme, null, 100), Is.Empty);
    }

    [Test]
    public async Task SignIn_RevokedInvitation_IsIgnored()
    {
        var (h, invitation) = await InvitedAsync();
        Assert.That(await h.Invitations.TryRevokeAsync(invitation.Id, h.Clock.GetUtcNow()), Is.True);

        var result = await h.SignInAsync(SignInHarness.Identity());

        Assert.That(result.Error.Code, Is.EqualTo(SignInErrorCodes.InvitationRequired));
        Assert.That(await h.Memberships.ListByOrganizationAsync(h.Acme, null, 100), Is.Empty);
    }
}
