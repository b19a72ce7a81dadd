namespace FederationKit.EntityFrameworkCore.Model;

/// <summary>One member of a directory group: one row per (group, user), so a member change never rewrites a list.</summary>
internal sealed class DirectoryGroupMemberRow
{
    public Guid GroupId { get; set; }

    public Guid UserId { get; set; }
}
