using System.Globalization;
using System.Text;
using FederationKit.Directories;
using FederationKit.Domains;
using FederationKit.Organizations;
using FederationKit.Samples.AspNetCore.Pages;
using FederationKit.SignIn;
using FederationKit.SignIn.Settings;

namespace FederationKit.Samples.AspNetCore.Admin;

/// <summary>The owner's dashboard: domains with their TXT records, directories, IdP profiles and sign-in settings.</summary>
internal static class AdminDashboard
{
    public static void Map(WebApplication app) => app.MapGet("/admin", RenderAsync);

    private static async Task<IResult> RenderAsync(HttpContext context, DomainClaimService domains, DirectoryService directories, IdpProfileService profiles, DirectorySignInSettingsService settings)
    {
        var session = SignIn.SampleSession.Read(context);
        if (session is not { Kind: SignIn.SampleSession.OwnerKind })
        {
            return Results.Redirect("/admin/start");
        }

        var admin = await AdminContext.LoadAsync(context);
        if (admin is null)
        {
            return Html.Page("Create your organization",
                "<p>Create the organization your colleagues will join. A parent organization is optional: it holds the verified domains and SSO settings shared by several organizations.</p>" +
                Forms.Post(context, "/admin/organization", Forms.Text("name", "Organization name") + Forms.Text("parentName", "Parent organization name (optional)"), "Create organization", "organization-form"));
        }

        var ct = context.RequestAborted;
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""<p>Signed in as <b id="owner-email">{Html.Encode(admin.Session.Email)}</b>, owner of <b id="organization-name">{Html.Encode(admin.Organization.Name)}</b>.</p>""");

        // Domains.
        var claimsListed = await domains.ListAsync(admin.Owner, admin.Actor, ct);
        IReadOnlyList<DomainClaim> claims = claimsListed.IsSuccess ? claimsListed.Value : [];
        body.Append("<h2>Domains</h2>").Append(VerifyNow.Notice(context, claims));
        body.Append("<table id=\"domains\"><tr><th>domain</th><th>status</th><th>last check</th><th>next check</th><th>TXT host</th><th>TXT value</th><th></th></tr>");
        foreach (var claim in claims)
        {
            var instructions = await domains.GetInstructionsAsync(admin.Owner, admin.Session.UserId, claim.Domain, ct);
            var slug = claim.Domain.Replace('.', '-');
            body.Append(CultureInfo.InvariantCulture, $"""<tr><td>{Html.Encode(claim.Domain)}</td><td id="status-{slug}">{Html.Encode(claim.State.ToString())}{(claim.IsAtRisk ? " (at risk)" : string.Empty)}</td>""");
            body.Append(CultureInfo.InvariantCulture, $"""<td><span id="last-check-{slug}">{Html.Encode(VerifyNow.Time(claim.LastCheckedAt))}</span>: <span id="last-result-{slug}">{Html.Encode(VerifyNow.LastResult(claim))}</span></td><td id="next-check-{slug}">{Html.Encode(VerifyNow.Time(claim.NextCheckAt))}</td>""");
            body.Append(instructions.IsSuccess
                ? $"""<td><code id="txt-host-{slug}">{Html.Encode(instructions.Value.Host)}</code></td><td><code id="txt-value-{slug}">{Html.Encode(instructions.Value.Value)}</code></td>"""
                : "<td></td><td></td>");
            body.Append("<td>").Append(claim.IsVerified ? string.Empty : Forms.Post(context, "/admin/domains/verify", $"""<input type="hidden" name="domain" value="{Html.Encode(claim.Domain)}">""", "Verify now", "verify-" + slug)).Append("</td></tr>");
        }

        body.Append("</table>");
        body.Append(Forms.Post(context, "/admin/domains", """<label>Domains, one per line (at most 15) <textarea name="domains" id="new-domains" rows="3"></textarea></label>""", "Add domains", "domains-form"));

        // Directories and their profiles.
        body.Append("<h2>Directories</h2>");
        body.Append(CultureInfo.InvariantCulture, $"""<p>OIDC redirect URI to register at your provider: <code id="oidc-redirect-uri">{Html.Encode(AdminContext.EdgeUrls(context).OidcCallback.ToString())}</code></p>""");
        var verified = claims.Where(c => c.IsVerified).Select(c => c.Domain).ToList();
        IReadOnlyList<IdentityDirectory> owned = await directories.ListDirectoriesAsync(admin.Owner, admin.Actor, ct) is { IsSuccess: true } listed ? listed.Value : [];
        foreach (var directory in owned)
        {
            await AppendDirectoryAsync(body, context, admin.Actor, directory, verified, directories, profiles, settings, ct);
        }

        body.Append(Forms.Post(context, "/admin/directories", Forms.Text("directoryName", "New federated directory name"), "Create directory", "directory-form"));
        await TrustEndpoints.AppendAsync(body, context, admin, owned, ct);
        return Html.Page("Admin", body.ToString());
    }

    private static async Task AppendDirectoryAsync(StringBuilder body, HttpContext context, UserId actor, IdentityDirectory directory, List<string> verified, DirectoryService directories, IdpProfileService profiles, DirectorySignInSettingsService settings, CancellationToken ct)
    {
        var id = directory.Id.ToString();
        body.Append(CultureInfo.InvariantCulture, $"""<section class="directory" id="directory-{id}" data-name="{Html.Encode(directory.Name)}"><h3>{Html.Encode(directory.Name)} <small>({directory.IdentityType})</small></h3>""");
        if (directory.IdentityType != DirectoryIdentityType.Federated)
        {
            body.Append("</section>");
            return;
        }

        var linked = new List<string>();
        foreach (var domain in verified)
        {
            if (await directories.FindLinkAsync(domain, ct) is { } link && link.DirectoryId == directory.Id)
            {
                linked.Add(domain);
            }
        }

        body.Append(CultureInfo.InvariantCulture, $"""<p>Linked domains: <span class="linked">{Html.Encode(string.Join(", ", linked))}</span></p>""");
        body.Append(CultureInfo.InvariantCulture, $"""<p><a class="scim-page" id="scim-{id}" href="{Html.Encode(ScimPage.Path(directory.Id))}">Directory sync (SCIM)</a>: the base URL and token your IdP provisions users and groups with, and what it provisioned.</p>""");
        var options = string.Concat(verified.Except(linked).Select(d => $"""<option value="{Html.Encode(d)}">{Html.Encode(d)}</option>"""));
        body.Append(Forms.Post(context, $"/admin/directories/{id}/link", $"""<label>Verified domain <select name="domain" class="link-domain">{options}</select></label>""", "Link domain", "link-" + id));

        body.Append("<h4>Identity providers</h4><table class=\"profiles\"><tr><th>name</th><th>protocol</th><th>issuer / entity ID</th><th>status</th><th></th></tr>");
        IReadOnlyList<IdpProfileView> listedProfiles = await profiles.ListProfilesAsync(directory.Id, actor, ct) is { IsSuccess: true } found ? found.Value : [];
        foreach (var profile in listedProfiles)
        {
            var status = profile.IsActive ? "active" : profile.LastTest is { Passed: true } ? "tested" : profile.LastTest is { } test ? "test failed: " + test.FailureMessage : "not tested";
            var actions = profile.IsActive ? string.Empty
                : Forms.Post(context, $"/admin/profiles/{profile.Id}/test", string.Empty, "Test sign-in", "test-" + profile.Id)
                  + Forms.Post(context, $"/admin/profiles/{profile.Id}/activate", profile.LastTest is { Passed: true } ? string.Empty : """<label><input type="checkbox" name="force" value="true"> without a passed test</label>""", "Activate", "activate-" + profile.Id);
            if (profile.Protocol == IdentityProtocol.Saml)
            {
                var saml = context.RequestServices.GetRequiredService<FederationKit.Saml.SignIn.SamlSignInOptions>();
                var urls = AdminContext.EdgeUrls(context);
                actions += $"""<br>ACS URL <code>{Html.Encode(urls.SamlProfileAssertionConsumerService(profile.Id).ToString())}</code>, entity ID <code>{Html.Encode(saml.EntityId)}</code>, SLO URL <code>{Html.Encode(urls.SamlSingleLogout(profile.Id).ToString())}</code>, <a class="sp-metadata" href="{Html.Encode(urls.SamlProfileMetadata(profile.Id).PathAndQuery)}">SP metadata</a>""";
            }

            body.Append(CultureInfo.InvariantCulture, $"""<tr><td>{Html.Encode(profile.Name)}</td><td>{profile.Protocol}</td><td>{Html.Encode(profile.Oidc?.Issuer.ToString() ?? profile.Saml?.EntityId)}</td><td class="profile-status">{Html.Encode(status)}</td><td>{actions}</td></tr>""");
        }

        body.Append("</table>");
        body.Append(Forms.Post(context, $"/admin/directories/{id}/oidc",
            Forms.Text("profileName", "Name (shown to users)") + Forms.Text("issuer", "Issuer URL") + Forms.Text("clientId", "Client ID") +
            Forms.Text("clientSecret", "Client secret", type: "password") + Forms.Text("groupsClaim", "Groups claim (optional)", "groups") +
            Forms.Text("usernameClaim", "Username claim (optional)", "preferred_username") +
            """<label><input type="checkbox" name="trustEmailWithoutVerifiedClaim" value="true"> Trust the email when the provider sends no <code>email_verified</code> (Entra ID)</label>""" +
            "<details><summary>Explicit endpoints, for a provider without discovery</summary>" +
            Forms.Text("authorizationEndpoint", "Authorization endpoint") + Forms.Text("tokenEndpoint", "Token endpoint") + Forms.Text("jwksUri", "JWKS URI") +
            Forms.Text("userInfoEndpoint", "Userinfo endpoint (optional)") + Forms.Text("endSessionEndpoint", "End-session endpoint (optional)") + "</details>",
            "Add OIDC provider", "oidc-" + id));
        body.Append(Forms.Post(context, $"/admin/directories/{id}/saml",
            Forms.Text("profileName", "Name (shown to users)") +
            "<p>From the IdP's metadata (preferred: keys, endpoints and rollover come with it):</p>" +
            Forms.Text("metadataUrl", "IdP metadata URL") +
            """<label>or the metadata file <input type="file" name="metadataFile" accept=".xml,application/samlmetadata+xml,text/xml"></label>""" +
            "<p>Or by hand:</p>" +
            Forms.Text("entityId", "IdP entity ID") + Forms.Text("ssoUrl", "SSO URL (Redirect binding)") +
            """<label>Signing certificate (base64 DER or PEM) <textarea name="certificate" rows="3"></textarea></label>""" +
            """<label><input type="checkbox" name="requireEncryption" value="true"> Require encrypted assertions (the IdP encrypts to the SP certificate in the SP metadata)</label>""" +
            """<label><input type="checkbox" name="allowIdpInitiated" value="true"> Allow IdP-initiated sign-in (from the IdP's app portal; a response then cannot be tied to the browser that receives it)</label>""",
            "Add SAML provider", "saml-" + id, multipart: true));

        var current = (await settings.GetAsync(directory.Id, actor, ct)).Value;
        var mappings = string.Join("\n", current.GroupMappings.Select(m => $"{m.IdpGroup}={m.ProductGroup}"));
        body.Append("<h4>Sign-in settings</h4>");
        body.Append(Forms.Post(context, $"/admin/directories/{id}/settings",
            $"""<label><input type="checkbox" name="ssoEnforced" value="true" id="sso-enforced-{id}"{(current.SsoEnforced ? " checked" : string.Empty)}> Enforce SSO for the linked domains (password sign-in refused)</label>""" +
            $"""<label>Join mode <select name="joinMode"><option value="Automatic"{(current.JoinMode == FederationKit.SignIn.Policies.JoinMode.Automatic ? " selected" : string.Empty)}>automatically</option><option value="InvitationOnly"{(current.JoinMode == FederationKit.SignIn.Policies.JoinMode.InvitationOnly ? " selected" : string.Empty)}>by invitation only</option></select></label>""" +
            $"""<label>Group mappings, one <code>idp-group=product-group</code> per line <textarea name="groupMappings" id="group-mappings-{id}" rows="3">{Html.Encode(mappings)}</textarea></label>""" +
            Forms.Text("defaultGroups", "Groups for every new member (comma-separated)", string.Join(", ", current.Defaults.Groups)),
            "Save settings", "settings-" + id));
        body.Append("</section>");
    }
}
