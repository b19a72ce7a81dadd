using FederationKit.Events;
using FederationKit.Organizations;
using FederationKit.Stores;

namespace FederationKit.Directories.Service;

/// <summary>
/// Runs the directory services' store writes with their events (kept together through <see cref="StoreWriteCommitter"/>),
/// with the acting user as every event's actor and the time read from the clock.
/// </summary>
internal sealed class DirectoryWrites(StoreWriteCommitter writes, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Runs <paramref name="write"/>; when it succeeds, raises the event <paramref name="event"/> makes of its result, caused by <paramref name="actor"/>.</summary>
    public Task<Result<T>> WriteAsync<T>(Func<CancellationToken, Task<Result<T>>> write, Func<T, FederationEvent> @event, UserId actor, CancellationToken cancellationToken) =>
        writes.WriteAsync(write, value => [@event(value)], EventActor.User(actor), cancellationToken);

    /// <summary>Runs <paramref name="write"/>; when it succeeds, raises <paramref name="event"/>, caused by <paramref name="actor"/>.</summary>
    public Task<Result> WriteAsync(Func<CancellationToken, Task<Result>> write, FederationEvent @event, UserId actor, CancellationToken cancellationToken) =>
        writes.WriteAsync(write, @event with { Actor = EventActor.User(actor) }, cancellationToken);

    public DirectoryChanged Directory(string type, IdentityDirectory directory) =>
        new(type, Now, directory.Owner, directory.Id, directory.Name, directory.IdentityType);
}
