using FederationKit.Events;
using FederationKit.Organizations;

namespace FederationKit.Directories.Service;

/// <summary>Publishes the directory events with the acting user as their actor and the time read from the clock.</summary>
internal sealed class DirectoryEventPublisher(IFederationEventSink events, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    public ValueTask PublishAsync(FederationEvent federationEvent, UserId actor, CancellationToken cancellationToken) =>
        events.PublishAsync(federationEvent with { Actor = EventActor.User(actor) }, cancellationToken);

    public ValueTask DirectoryAsync(string type, IdentityDirectory directory, UserId actor, CancellationToken cancellationToken) =>
        PublishAsync(new DirectoryChanged(type, Now, directory.Owner, directory.Id, directory.Name, directory.IdentityType), actor, cancellationToken);
}
