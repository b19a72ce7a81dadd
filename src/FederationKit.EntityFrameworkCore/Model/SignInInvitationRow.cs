namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>The table row of a sign-in invitation (matched by email or by directory and subject; deleted when consumed, kept with a revocation time when revoked).</summary>
internal sealed class SignInInvitationRow
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public int Role { get; set; }

    public string? Email { get; set; }

    public string? EmailKey { get; set; }

    public Guid? DirectoryId { get; set; }

    public string? Subject { get; set; }

    public long CreatedAtUnixMs { get; set; }

    public string GroupsJson { get; set; } = "[]";

    public Guid? InvitedBy { get; set; }

    public long? ExpiresAtUnixMs { get; set; }

    public long? LastSentAtUnixMs { get; set; }

    public long? RevokedAtUnixMs { get; set; }
}
