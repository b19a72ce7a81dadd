using System.Text.Json;
using System.Text.Json.Serialization;
using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Domains;
using FederationKit.MergeProposals;
using FederationKit.Organizations;
using FederationKit.SignIn.Events;

namespace FederationKit.Events.Outbox;

/// <summary>
/// The event types the outbox can store, each under a stable name and a schema version, and their JSON form: an event is stored
/// as its name, its version and its JSON (enums as names), and read back as the same CLR record. The core's events are built in;
/// other packages add theirs through <see cref="FederationEventTypeRegistration"/> services. An unregistered type is refused
/// (<see cref="OutboxErrorCodes.EventTypeUnregistered"/>) rather than stored in a form nothing can read.
/// </summary>
public sealed class FederationEventTypeRegistry
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        MaxDepth = 32,
    };

    private readonly Dictionary<Type, FederationEventTypeRegistration> _byType = [];
    private readonly Dictionary<string, FederationEventTypeRegistration> _byName = new(StringComparer.Ordinal);

    /// <summary>Creates the registry with the core's events and <paramref name="registrations"/>.</summary>
    /// <param name="registrations">Other packages' event types.</param>
    /// <exception cref="ArgumentException">Two registrations share a type or a name, or a type is not a concrete event.</exception>
    public FederationEventTypeRegistry(IEnumerable<FederationEventTypeRegistration>? registrations = null)
    {
        foreach (var registration in CoreTypes.Concat(registrations ?? []))
        {
            Add(registration);
        }
    }

    /// <summary>The registry of the core's events only.</summary>
    public static FederationEventTypeRegistry Core { get; } = new();

    /// <summary>Every registration, core first.</summary>
    public IReadOnlyCollection<FederationEventTypeRegistration> Registrations => _byType.Values;

    /// <summary>The registration of an event's type, or null.</summary>
    /// <param name="eventType">The event's CLR type.</param>
    public FederationEventTypeRegistration? Find(Type eventType) => _byType.GetValueOrDefault(eventType);

    /// <summary>The stored form of an event: its registration and its JSON; <see cref="OutboxErrorCodes.EventTypeUnregistered"/> when its type has none.</summary>
    /// <param name="federationEvent">The event.</param>
    public Result<(FederationEventTypeRegistration Registration, string Json)> Serialize(FederationEvent federationEvent)
    {
        ArgumentNullException.ThrowIfNull(federationEvent);
        if (!_byType.TryGetValue(federationEvent.GetType(), out var registration))
        {
            return new FederationError(OutboxErrorCodes.EventTypeUnregistered,
                $"The event type {federationEvent.GetType().FullName} is not registered for the outbox: register it with a FederationEventTypeRegistration.");
        }

        return (registration, JsonSerializer.Serialize(federationEvent, registration.EventType, Json));
    }

    /// <summary>Reads an event back; <see cref="OutboxErrorCodes.EventUnreadable"/> for an unknown name, a newer schema version or malformed JSON.</summary>
    /// <param name="name">The stored name.</param>
    /// <param name="schemaVersion">The stored schema version.</param>
    /// <param name="json">The stored JSON.</param>
    public Result<FederationEvent> Deserialize(string name, int schemaVersion, string json)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(json);
        if (!_byName.TryGetValue(name, out var registration) || schemaVersion < 1 || schemaVersion > registration.SchemaVersion)
        {
            return Unreadable($"No registered event type reads '{name}' version {schemaVersion}.");
        }

        try
        {
            return JsonSerializer.Deserialize(json, registration.EventType, Json) is FederationEvent e ? e : Unreadable($"The stored '{name}' event is empty.");
        }
        catch (JsonException)
        {
            return Unreadable($"The stored '{name}' event is not valid JSON for its type.");
        }
        catch (NotSupportedException)
        {
            return Unreadable($"The stored '{name}' event cannot be read into its type.");
        }
    }

    private static FederationError Unreadable(string message) => new(OutboxErrorCodes.EventUnreadable, message);

    private void Add(FederationEventTypeRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentException.ThrowIfNullOrWhiteSpace(registration.Name);
        if (!typeof(FederationEvent).IsAssignableFrom(registration.EventType) || registration.EventType.IsAbstract || registration.SchemaVersion < 1 || registration.Name.Length > 100)
        {
            throw new ArgumentException($"{registration.EventType} is not a concrete FederationEvent with a name of at most 100 characters and a positive schema version.", nameof(registration));
        }

        if (_byType.TryGetValue(registration.EventType, out var existing))
        {
            if (existing == registration)
            {
                return;
            }

            throw new ArgumentException($"{registration.EventType} is registered twice.", nameof(registration));
        }

        if (!_byName.TryAdd(registration.Name, registration))
        {
            throw new ArgumentException($"The event name '{registration.Name}' is registered twice.", nameof(registration));
        }

        _byType[registration.EventType] = registration;
    }

    private static IEnumerable<FederationEventTypeRegistration> CoreTypes =>
    [
        FederationEventTypeRegistration.Of<OrganizationCreated>("organization.OrganizationCreated"),
        FederationEventTypeRegistration.Of<ParentOrganizationCreated>("organization.ParentOrganizationCreated"),
        FederationEventTypeRegistration.Of<OrganizationLinked>("organization.OrganizationLinked"),
        FederationEventTypeRegistration.Of<OrganizationUnlinked>("organization.OrganizationUnlinked"),
        FederationEventTypeRegistration.Of<OrganizationMemberAdded>("organization.OrganizationMemberAdded"),
        FederationEventTypeRegistration.Of<OrganizationMemberRemoved>("organization.OrganizationMemberRemoved"),
        FederationEventTypeRegistration.Of<OrganizationMemberRoleChanged>("organization.OrganizationMemberRoleChanged"),
        FederationEventTypeRegistration.Of<OrganizationOnlySsoChanged>("organization.OrganizationOnlySsoChanged"),
        FederationEventTypeRegistration.Of<MergeProposalCreated>("merge_proposal.MergeProposalCreated"),
        FederationEventTypeRegistration.Of<MergeProposalApproved>("merge_proposal.MergeProposalApproved"),
        FederationEventTypeRegistration.Of<MergeProposalRejected>("merge_proposal.MergeProposalRejected"),
        FederationEventTypeRegistration.Of<MergeProposalCancelled>("merge_proposal.MergeProposalCancelled"),
        FederationEventTypeRegistration.Of<MergeProposalCompleted>("merge_proposal.MergeProposalCompleted"),
        FederationEventTypeRegistration.Of<MergeProposalExpired>("merge_proposal.MergeProposalExpired"),
        FederationEventTypeRegistration.Of<DomainClaimEvent>("domain.DomainClaimEvent"),
        FederationEventTypeRegistration.Of<DirectoryChanged>("directory.DirectoryChanged"),
        FederationEventTypeRegistration.Of<DirectoryRenamed>("directory.DirectoryRenamed"),
        FederationEventTypeRegistration.Of<DomainLinkChanged>("directory.DomainLinkChanged"),
        FederationEventTypeRegistration.Of<DomainLinkRemovedOwnershipChanged>("directory.DomainLinkRemovedOwnershipChanged"),
        FederationEventTypeRegistration.Of<DomainsMoved>("directory.DomainsMoved"),
        FederationEventTypeRegistration.Of<IdpProfileChanged>("directory.IdpProfileChanged"),
        FederationEventTypeRegistration.Of<TrustRequestChanged>("trust.TrustRequestChanged"),
        FederationEventTypeRegistration.Of<TrusteeUserChanged>("trust.TrusteeUserChanged"),
        FederationEventTypeRegistration.Of<DirectorySignInSettingsChanged>("signin.DirectorySignInSettingsChanged"),
        FederationEventTypeRegistration.Of<SignInUserCreated>("signin.SignInUserCreated"),
        FederationEventTypeRegistration.Of<SignInUserProfileUpdated>("signin.SignInUserProfileUpdated"),
        FederationEventTypeRegistration.Of<UserSuspended>("user.UserSuspended"),
        FederationEventTypeRegistration.Of<UserResumed>("user.UserResumed"),
        FederationEventTypeRegistration.Of<UserDeleted>("user.UserDeleted"),
        FederationEventTypeRegistration.Of<UserMembershipRemoved>("user.UserMembershipRemoved"),
        FederationEventTypeRegistration.Of<SignInMemberJoined>("signin.SignInMemberJoined"),
        FederationEventTypeRegistration.Of<SignInMemberRemoved>("signin.SignInMemberRemoved"),
        FederationEventTypeRegistration.Of<SignInMemberRoleChanged>("signin.SignInMemberRoleChanged"),
        FederationEventTypeRegistration.Of<SignInMemberGroupsChanged>("signin.SignInMemberGroupsChanged"),
        FederationEventTypeRegistration.Of<SignInMemberProfileUpdated>("signin.SignInMemberProfileUpdated"),
        FederationEventTypeRegistration.Of<SignInInvitationCreated>("signin.SignInInvitationCreated"),
        FederationEventTypeRegistration.Of<SignInInvitationResent>("signin.SignInInvitationResent"),
        FederationEventTypeRegistration.Of<SignInInvitationRevoked>("signin.SignInInvitationRevoked"),
        FederationEventTypeRegistration.Of<SignInInvitationAccepted>("signin.SignInInvitationAccepted"),
        FederationEventTypeRegistration.Of<BreakGlassLoginUsed>("signin.BreakGlassLoginUsed"),
        FederationEventTypeRegistration.Of<SignInSucceeded>("signin.SignInSucceeded"),
        FederationEventTypeRegistration.Of<SignInRefused>("signin.SignInRefused"),

        // Directory sync (SCIM).
        FederationEventTypeRegistration.Of<DirectorySync.Events.DirectorySyncTokenIssued>("directory_sync.DirectorySyncTokenIssued"),
        FederationEventTypeRegistration.Of<DirectorySync.Events.DirectorySyncTokenRotated>("directory_sync.DirectorySyncTokenRotated"),
        FederationEventTypeRegistration.Of<DirectorySync.Events.DirectorySyncTokenRevoked>("directory_sync.DirectorySyncTokenRevoked"),
        FederationEventTypeRegistration.Of<DirectorySync.Events.DirectorySyncUserCreated>("directory_sync.DirectorySyncUserCreated"),
        FederationEventTypeRegistration.Of<DirectorySync.Events.DirectorySyncUserUpdated>("directory_sync.DirectorySyncUserUpdated"),
        FederationEventTypeRegistration.Of<DirectorySync.Events.DirectoryGroupCreated>("directory_sync.DirectoryGroupCreated"),
        FederationEventTypeRegistration.Of<DirectorySync.Events.DirectoryGroupUpdated>("directory_sync.DirectoryGroupUpdated"),
        FederationEventTypeRegistration.Of<DirectorySync.Events.DirectoryGroupDeleted>("directory_sync.DirectoryGroupDeleted"),
        FederationEventTypeRegistration.Of<DirectorySync.Events.DirectoryGroupMembersChanged>("directory_sync.DirectoryGroupMembersChanged"),
    ];
}
