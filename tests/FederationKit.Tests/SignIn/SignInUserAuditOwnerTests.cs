using FederationKit.Events.Outbox;
using FederationKit.Organizations;
using FederationKit.SignIn.Events;

namespace FederationKit.Tests.SignIn;

/// <summary>
/// A user created or updated by a sign-in is in the audit trail of the owner of the directory the user signed in through
/// (the events name that owner, so an audit query by owner lists them).
/// </summary>
public sealed class SignInUserAuditOwnerTests
{
    [Test]
    public async Task AuditQuery_UserCreatedThenProfileUpdated_BothInTheDirectoryOwnersTrail()
    {
        var h = await SignInHarness.CreateAsync();
        Assert.That((await h.SignInAsync(SignInHarness.Identity())).IsSuccess, Is.True);
        Assert.That((await h.SignInAsync(SignInHarness.Identity(email: "john.smith2@acme.com"))).IsSuccess, Is.True);
        var outbox = new InMemoryFederationEventOutbox(FederationEventTypeRegistry.Core, new FederationEventOutboxOptions(), h.Clock);
        var sink = new FederationEventOutboxSink(outbox);
        foreach (var raised in h.Events.Events)
        {
            await sink.PublishAsync(raised);
        }

        var trail = (await outbox.ListByOwnerAsync(OwnerRef.Parent(h.Parent), new FederationAuditQuery())).Value.Events;

        Assert.That(trail.OfType<SignInUserCreated>().Select(e => e.DirectoryOwner), Is.EqualTo(new[] { OwnerRef.Parent(h.Parent) }));
        Assert.That(trail.OfType<SignInUserProfileUpdated>().Single().ChangedFields, Does.Contain("email"));
    }
}
