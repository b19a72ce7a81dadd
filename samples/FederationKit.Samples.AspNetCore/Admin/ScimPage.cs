using System.Globalization;
using System.Text;
using FederationKit.Directories;
using FederationKit.DirectorySync;
using FederationKit.DirectorySync.Groups;
using FederationKit.DirectorySync.Tokens;
using FederationKit.DirectorySync.Users;
using FederationKit.Organizations;
using FederationKit.Samples.AspNetCore.Pages;

namespace FederationKit.Samples.AspNetCore.Admin;

/// <summary>
/// Renders a directory's SCIM page: the base URL the IdP administrator enters, the tokens (never a secret, except the one
/// just issued, in the answer to that POST only), and what the IdP provisioned: users with their state and groups, and groups.
/// Everything is read through <see cref="DirectorySyncTokenService"/> and <see cref="DirectorySyncService"/>, the same read side
/// the SCIM endpoint uses.
/// </summary>
internal static class ScimPage
{
    private const int UsersPerPage = 50;
    private const int GroupsShown = 100;

    /// <summary>The page's path.</summary>
    public static string Path(DirectoryId directoryId) => $"/admin/directories/{directoryId}/scim";

    /// <summary>
    /// The SCIM base URL of the directory, absolute: Sample:PublicBaseUrl when set (the address the IdP reaches the app at),
    /// else the scheme and host of this request.
    /// </summary>
    public static string BaseUrl(HttpContext context, DirectoryId directoryId)
    {
        var configured = context.RequestServices.GetRequiredService<SampleOptions>().PublicBaseUrl;
        var root = configured is not null
            ? configured.ToString().TrimEnd('/')
            : $"{context.Request.Scheme}://{context.Request.Host.ToUriComponent()}{context.Request.PathBase.ToUriComponent()}";
        return $"{root}{ScimEndpointRouteBuilderExtensions.DefaultPrefix}/{directoryId}";
    }

    /// <summary>Renders the page; <paramref name="issued"/> is the token a POST just created (its secret is shown once, here).</summary>
    public static async Task<IResult> RenderAsync(HttpContext context, AdminContext admin, IdentityDirectory directory, int offset, IssuedDirectorySyncToken? issued)
    {
        var ct = context.RequestAborted;
        var tokens = context.RequestServices.GetRequiredService<DirectorySyncTokenService>();
        var listed = await tokens.ListAsync(directory.Id, admin.Actor, ct);
        if (listed.IsFailure)
        {
            return Html.Error(listed.Error);
        }

        var id = directory.Id.ToString();
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""<p>Directory <b id="directory-name">{Html.Encode(directory.Name)}</b>. Your identity provider (Entra ID, Okta) creates, updates and deactivates its users and groups here through SCIM 2.0, so leavers lose access the moment the IdP deactivates them. <a href="/admin">Back to the admin page</a></p>""");
        body.Append(CultureInfo.InvariantCulture, $"""<p>SCIM base URL (Entra ID: <i>Tenant URL</i>; Okta: <i>SCIM connector base URL</i>): <code id="scim-base-url">{Html.Encode(BaseUrl(context, directory.Id))}</code></p>""");

        if (issued is not null)
        {
            // The secret exists only in this answer: never stored, logged or cached (Cache-Control: no-store below).
            context.Response.Headers.CacheControl = "no-store";
            body.Append(CultureInfo.InvariantCulture, $"""<div class="notice" id="scim-new-token"><p><b>Copy this token now.</b> It is shown only this once: only its hash is stored, so nobody can show it again. Enter it in your IdP as the <i>Secret Token</i> (Entra ID) or the HTTP header token (Okta).</p><p><code id="scim-token-secret">{Html.Encode(issued.Secret)}</code></p><p>Token <code id="scim-new-token-id">{Html.Encode(issued.Token.Id)}</code>.</p>""");
            var overlapEnds = listed.Value.Where(t => t.Id != issued.Token.Id && t.IsValid && t.ExpiresAt is not null).Select(t => t.ExpiresAt).Max();
            if (overlapEnds is { } ends)
            {
                body.Append(CultureInfo.InvariantCulture, $"""<p id="scim-overlap">The previous token keeps working until <b id="scim-overlap-ends">{Html.Encode(VerifyNow.Time(ends))}</b>, so the IdP can be updated meanwhile; revoke it below once the IdP uses the new one.</p>""");
            }

            body.Append("</div>");
        }

        // The SDK provisions only into a directory with an active IdP profile (its sign-in settings are the policy SCIM applies).
        var profiles = await context.RequestServices.GetRequiredService<IdpProfileService>().ListProfilesAsync(directory.Id, admin.Actor, ct);
        if (profiles.IsSuccess && !profiles.Value.Any(p => p.IsActive))
        {
            body.Append("""<p class="error" id="scim-not-ready">No identity provider of this directory is active yet: the SCIM service refuses changes (<code>directory_sync.directory_not_configured</code>) until one is, because its sign-in settings (group mappings, join mode) are what provisioning applies.</p>""");
        }

        AppendTokens(body, context, directory.Id, listed.Value);

        // What the IdP provisioned, read through the administrators' reads of the SDK (no SCIM token).
        var directorySync = context.RequestServices.GetRequiredService<DirectorySyncService>();
        await AppendUsersAsync(body, directorySync, directory.Id, admin.Actor, offset, ct);
        await AppendGroupsAsync(body, directorySync, directory.Id, admin.Actor, ct);
        body.Append(CultureInfo.InvariantCulture, $"""<p>Groups feed the directory's group mappings (<i>Sign-in settings</i> on the <a href="/admin#directory-{Html.Encode(id)}">admin page</a>) at once, as the IdP's groups claim does at sign-in.</p>""");
        return Html.Page("Directory sync (SCIM)", body.ToString());
    }

    private static void AppendTokens(StringBuilder body, HttpContext context, DirectoryId directoryId, IReadOnlyList<DirectorySyncTokenInfo> tokens)
    {
        body.Append("<h2>Tokens</h2><table id=\"scim-tokens\"><tr><th>token</th><th>created</th><th>state</th><th></th></tr>");
        foreach (var token in tokens.OrderBy(t => t.CreatedAt))
        {
            var state = token switch
            {
                { RevokedAt: { } revoked } => "revoked " + VerifyNow.Time(revoked),
                { IsValid: true, ExpiresAt: { } ends } => "valid until " + VerifyNow.Time(ends) + " (rotation overlap)",
                { IsValid: true } => "valid",
                { ExpiresAt: { } ended } => "expired " + VerifyNow.Time(ended),
                _ => "not valid",
            };
            var revoke = token.IsValid
                ? Forms.Post(context, $"{Path(directoryId)}/tokens/{Uri.EscapeDataString(token.Id)}/revoke", string.Empty, "Revoke", "scim-revoke-" + token.Id)
                : string.Empty;
            body.Append(CultureInfo.InvariantCulture, $"""<tr id="scim-token-{Html.Encode(token.Id)}"><td class="token-id"><code>{Html.Encode(token.Id)}</code></td><td>{Html.Encode(VerifyNow.Time(token.CreatedAt))}</td><td class="token-state">{Html.Encode(state)}</td><td>{revoke}</td></tr>""");
        }

        body.Append("</table>");
        body.Append(Forms.Post(context, Path(directoryId) + "/tokens", string.Empty, "Create token", "scim-issue"));
        if (tokens.Any(t => t.IsValid))
        {
            body.Append("<p>Rotate: a new token; the current ones keep working for the rotation overlap while you update the IdP.</p>");
            body.Append(Forms.Post(context, Path(directoryId) + "/tokens/rotate", string.Empty, "Rotate token", "scim-rotate"));
        }
    }

    private static async Task AppendUsersAsync(StringBuilder body, DirectorySyncService directorySync, DirectoryId directoryId, UserId actor, int offset, CancellationToken ct)
    {
        var listed = await directorySync.ListUsersForAdministratorAsync(directoryId, actor, offset, UsersPerPage, ct);
        var users = listed.IsSuccess ? listed.Value : new DirectorySyncPage<DirectorySyncUser>([], 0, offset);
        var groupsOf = await directorySync.ListGroupsOfUsersForAdministratorAsync(directoryId, actor, [.. users.Items.Select(u => u.Id)], ct);
        body.Append(CultureInfo.InvariantCulture, $"""<h2>Provisioned users <small id="scim-user-count">({users.TotalCount})</small></h2>""");
        body.Append("<table id=\"scim-users\"><tr><th>userName</th><th>email</th><th>externalId</th><th>state</th><th>groups</th><th>signed in</th></tr>");
        foreach (var user in users.Items)
        {
            var names = groupsOf.IsSuccess && groupsOf.Value.TryGetValue(user.Id, out var groups) ? string.Join(", ", groups.Select(g => g.DisplayName)) : string.Empty;
            body.Append(CultureInfo.InvariantCulture, $"""<tr class="scim-user" id="scim-user-{user.Id}"><td class="user-name">{Html.Encode(user.UserName)}</td><td class="email">{Html.Encode(user.Email)}</td><td class="external-id">{Html.Encode(user.ExternalId)}</td><td class="state">{(user.Active ? "active" : "suspended")}</td><td class="groups">{Html.Encode(names)}</td><td class="signed-in">{(user.HasSignedIn ? "yes" : "not yet")}</td></tr>""");
        }

        body.Append("</table>");
        var shownTo = users.Offset + users.Items.Length;
        if (users.Offset > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<a id="scim-users-previous" href="{Html.Encode(Path(directoryId))}?offset={Math.Max(users.Offset - UsersPerPage, 0)}">previous</a> """);
        }

        if (shownTo < users.TotalCount)
        {
            body.Append(CultureInfo.InvariantCulture, $"""<a id="scim-users-next" href="{Html.Encode(Path(directoryId))}?offset={shownTo}">next</a>""");
        }
    }

    private static async Task AppendGroupsAsync(StringBuilder body, DirectorySyncService directorySync, DirectoryId directoryId, UserId actor, CancellationToken ct)
    {
        var listed = await directorySync.ListGroupsForAdministratorAsync(directoryId, actor, 0, GroupsShown, ct);
        var groups = listed.IsSuccess ? listed.Value : new DirectorySyncPage<DirectoryGroup>([], 0, 0);
        body.Append(CultureInfo.InvariantCulture, $"""<h2>Provisioned groups <small id="scim-group-count">({groups.TotalCount})</small></h2>""");
        body.Append("<table id=\"scim-groups\"><tr><th>displayName</th><th>externalId</th><th>members</th></tr>");
        foreach (var group in groups.Items)
        {
            var members = await directorySync.ListGroupMembersForAdministratorAsync(directoryId, actor, group.Id, 0, 1, ct);
            body.Append(CultureInfo.InvariantCulture, $"""<tr class="scim-group"><td class="display-name">{Html.Encode(group.DisplayName)}</td><td class="external-id">{Html.Encode(group.ExternalId)}</td><td class="members">{(members.IsSuccess ? members.Value.TotalCount : 0)}</td></tr>""");
        }

        body.Append("</table>");
        if (groups.TotalCount > groups.Items.Length)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p>The first {groups.Items.Length} of {groups.TotalCount} groups.</p>");
        }
    }
}
