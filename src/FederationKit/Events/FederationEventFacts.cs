using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Domains;
using FederationKit.MergeProposals;
using FederationKit.Organizations;
using FederationKit.SignIn.Events;

namespace FederationKit.Events;

/// <summary>
/// What an event's facts say about its envelope: the acting user where the event names one, the owner whose audit trail lists
/// it, and the aggregate its order is kept within. One place, so the events themselves stay plain records.
/// </summary>
internal static class FederationEventFacts
{
    /// <summary>The acting user the facts name, or null.</summary>
    public static EventActor? ActorOf(FederationEvent e) => e switch
    {
        OrganizationCreated x => EventActor.User(x.CreatedBy),
        ParentOrganizationCreated x => EventActor.User(x.CreatedBy),
        OrganizationMemberAdded x => EventActor.User(x.ActorId),
        OrganizationMemberRemoved x => EventActor.User(x.ActorId),
        OrganizationMemberRoleChanged x => EventActor.User(x.ActorId),
        OrganizationOnlySsoChanged x => EventActor.User(x.ActorId),
        MergeProposalCreated x => EventActor.User(x.ProposedBy),
        MergeProposalApproved x => EventActor.User(x.ApprovedBy),
        MergeProposalRejected x => EventActor.User(x.RejectedBy),
        MergeProposalCancelled x => EventActor.User(x.CancelledBy),
        SignInInvitationCreated x => EventActor.User(x.ActorId),
        SignInInvitationResent x => EventActor.User(x.ActorId),
        SignInInvitationRevoked x => EventActor.User(x.ActorId),
        SignInSucceeded x => EventActor.IdpProfile(x.ProfileId),
        SignInRefused x => EventActor.IdpProfile(x.ProfileId),
        UserSuspended { ActorId: { } actor } => EventActor.User(actor),
        UserResumed { ActorId: { } actor } => EventActor.User(actor),
        UserDeleted { ActorId: { } actor } => EventActor.User(actor),
        UserMembershipRemoved { ActorId: { } actor } => EventActor.User(actor),
        DirectorySync.Events.DirectorySyncTokenIssued x => EventActor.User(x.ActorId),
        DirectorySync.Events.DirectorySyncTokenRotated x => EventActor.User(x.ActorId),
        DirectorySync.Events.DirectorySyncTokenRevoked x => EventActor.User(x.ActorId),
        _ => null,
    };

    /// <summary>The owner whose audit trail lists the event, from its facts, or null.</summary>
    public static OwnerRef? OwnerOf(FederationEvent e) => e switch
    {
        OrganizationCreated x => OwnerRef.Organization(x.OrganizationId),
        ParentOrganizationCreated x => OwnerRef.Parent(x.ParentId),
        OrganizationMemberAdded x => OwnerRef.Organization(x.OrganizationId),
        OrganizationMemberRemoved x => OwnerRef.Organization(x.OrganizationId),
        OrganizationMemberRoleChanged x => OwnerRef.Organization(x.OrganizationId),
        OrganizationOnlySsoChanged x => OwnerRef.Organization(x.OrganizationId),
        OrganizationLinked x => OwnerRef.Organization(x.OrganizationId),
        OrganizationUnlinked x => OwnerRef.Organization(x.OrganizationId),
        MergeProposalCreated x => OwnerRef.Organization(x.OrganizationId),
        MergeProposalCompleted x => OwnerRef.Organization(x.OrganizationId),
        MergeProposalExpired x => OwnerRef.Organization(x.OrganizationId),
        MergeProposalApproved x => OwnerRef.Organization(x.OrganizationId),
        MergeProposalRejected x => OwnerRef.Organization(x.OrganizationId),
        MergeProposalCancelled x => OwnerRef.Organization(x.OrganizationId),
        DirectoryChanged x => x.Owner,
        DirectoryRenamed x => x.Owner,
        DomainLinkChanged x => x.Owner,
        DomainLinkRemovedOwnershipChanged x => x.Owner,
        DomainsMoved x => x.Owner,
        DomainClaimEvent x => x.Owner,
        TrustRequestChanged x => x.DirectoryOwner,
        TrusteeUserChanged x => OwnerRef.Organization(x.TrusteeOrganizationId),
        SignInMemberJoined x => OwnerRef.Organization(x.OrganizationId),
        SignInMemberRemoved x => OwnerRef.Organization(x.OrganizationId),
        SignInMemberRoleChanged x => OwnerRef.Organization(x.OrganizationId),
        SignInMemberGroupsChanged x => OwnerRef.Organization(x.OrganizationId),
        SignInMemberProfileUpdated x => OwnerRef.Organization(x.OrganizationId),
        SignInInvitationCreated x => OwnerRef.Organization(x.OrganizationId),
        SignInInvitationResent x => OwnerRef.Organization(x.OrganizationId),
        SignInInvitationRevoked x => OwnerRef.Organization(x.OrganizationId),
        SignInInvitationAccepted x => OwnerRef.Organization(x.OrganizationId),
        BreakGlassLoginUsed { OrganizationIds.Length: 1 } x => OwnerRef.Organization(x.OrganizationIds[0]),
        UserMembershipRemoved x => OwnerRef.Organization(x.OrganizationId),
        DirectorySignInSettingsChanged { Owner: { } owner } => owner,
        IdpProfileChanged { Owner: { } owner } => owner,
        SignInUserCreated { DirectoryOwner: { } owner } => owner,
        SignInUserProfileUpdated { DirectoryOwner: { } owner } => owner,
        DirectorySync.Events.DirectorySyncEvent x => x.Owner,
        _ => null,
    };

    /// <summary>
    /// The aggregate whose events are delivered in order, such as <c>org:{id}</c>, <c>directory:{id}</c> or
    /// <c>domain:{name}</c>: the record the event changed, else its owner, else the first directory or organization it names,
    /// else its type. At most 200 characters.
    /// </summary>
    public static string AggregateKeyOf(FederationEvent e)
    {
        var key = e switch
        {
            DomainClaimEvent x => "domain:" + x.Domain,
            DomainLinkChanged x => "domain:" + x.Domain,
            DomainLinkRemovedOwnershipChanged x => "domain:" + x.Domain,
            DirectoryChanged x => "directory:" + x.DirectoryId,
            DirectoryRenamed x => "directory:" + x.DirectoryId,
            IdpProfileChanged x => "directory:" + x.DirectoryId,
            DirectorySignInSettingsChanged x => "directory:" + x.DirectoryId,
            DomainsMoved x => "directory:" + x.SourceDirectoryId,
            TrustRequestChanged x => "trust_request:" + x.RequestId,
            TrusteeUserChanged x => "trust_request:" + x.RequestId,
            MergeProposalCreated x => "merge_proposal:" + x.ProposalId,
            MergeProposalApproved x => "merge_proposal:" + x.ProposalId,
            MergeProposalRejected x => "merge_proposal:" + x.ProposalId,
            MergeProposalCancelled x => "merge_proposal:" + x.ProposalId,
            MergeProposalCompleted x => "merge_proposal:" + x.ProposalId,
            MergeProposalExpired x => "merge_proposal:" + x.ProposalId,
            SignInUserCreated x => "user:" + x.UserId,
            SignInUserProfileUpdated x => "user:" + x.UserId,
            BreakGlassLoginUsed x => "user:" + x.UserId,
            SignInSucceeded x => "user:" + x.UserId,
            SignInRefused x => "idp_profile:" + x.ProfileId,
            _ => null,
        };
        key ??= e.OwnedBy?.ToString() ?? NamedRecordOf(e) ?? "type:" + e.Type;
        return key.Length <= 200 ? key : key[..200];
    }

    // Events of other packages (SAML, OIDC) name their directory or organization; found by type, not by property name.
    private static string? NamedRecordOf(FederationEvent e)
    {
        foreach (var property in e.GetType().GetProperties())
        {
            if (property.PropertyType == typeof(DirectoryId) && property.GetValue(e) is DirectoryId directory)
            {
                return "directory:" + directory;
            }

            if (property.PropertyType == typeof(OrganizationId) && property.GetValue(e) is OrganizationId organization)
            {
                return "org:" + organization;
            }
        }

        return null;
    }
}
