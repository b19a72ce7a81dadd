using System.Globalization;
using System.Text;
using FederationKit.Directories;
using FederationKit.DirectoryTrust;
using FederationKit.Samples.AspNetCore.Pages;
using FederationKit.Stores;
using Microsoft.AspNetCore.Mvc;

namespace FederationKit.Samples.AspNetCore.Admin;

/// <summary>
/// Directory trust in both directions: asking another company's directory for access through a domain it owns (request,
/// resend, cancel, withdraw), and answering such requests for your own directories (accept, reject with a reason, revoke).
/// </summary>
internal static class TrustEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/admin/trust/request", (HttpContext context, DirectoryTrustService trust, [FromForm] string domain) =>
            AdminContext.RunAsync(context, admin => trust.RequestAsync(admin.Organization.Id, admin.Session.UserId, domain,
                new TrustRequester(admin.Session.UserId, admin.Session.Email, admin.Session.Email, admin.Organization.Name), context.RequestAborted)));
        app.MapPost("/admin/trust/{id:guid}/resend", (HttpContext context, DirectoryTrustService trust, Guid id) =>
            AdminContext.RunAsync(context, admin => trust.ResendAsync(admin.Organization.Id, admin.Session.UserId, new TrustRequestId(id), context.RequestAborted)));
        app.MapPost("/admin/trust/{id:guid}/cancel", (HttpContext context, DirectoryTrustService trust, Guid id) =>
            AdminContext.RunAsync(context, admin => trust.CancelAsync(admin.Organization.Id, admin.Session.UserId, new TrustRequestId(id), context.RequestAborted)));
        app.MapPost("/admin/trust/{id:guid}/withdraw", (HttpContext context, DirectoryTrustService trust, Guid id) =>
            AdminContext.RunAsync(context, admin => trust.WithdrawAsync(admin.Organization.Id, admin.Session.UserId, new TrustRequestId(id), context.RequestAborted)));
        app.MapPost("/admin/trust/{id:guid}/accept", (HttpContext context, DirectoryTrustService trust, Guid id) =>
            AdminContext.RunAsync(context, admin => trust.AcceptAsync(admin.Owner, admin.Session.UserId, [new TrustRequestId(id)], context.RequestAborted)));
        app.MapPost("/admin/trust/{id:guid}/reject", (HttpContext context, DirectoryTrustService trust, Guid id, [FromForm] string reason) =>
            AdminContext.RunAsync(context, admin => trust.RejectAsync(admin.Owner, admin.Session.UserId, new TrustRequestId(id), reason, context.RequestAborted)));
        app.MapPost("/admin/trust/{id:guid}/revoke", (HttpContext context, DirectoryTrustService trust, Guid id) =>
            AdminContext.RunAsync(context, admin => trust.RevokeAsync(admin.Owner, admin.Session.UserId, new TrustRequestId(id), context.RequestAborted)));
    }

    /// <summary>The dashboard's directory-access section: our requests to other directories, and requests to ours.</summary>
    public static async Task AppendAsync(StringBuilder body, HttpContext context, AdminContext admin, IReadOnlyList<IdentityDirectory> directories, CancellationToken cancellationToken)
    {
        var trust = context.RequestServices.GetRequiredService<DirectoryTrustService>();
        var store = context.RequestServices.GetRequiredService<IDirectoryTrustStore>();
        var organizations = context.RequestServices.GetRequiredService<IOrganizationStore>();

        body.Append("<h2>Access to other companies' directories</h2>");
        body.Append("<p>When a domain your colleagues use belongs to another company's directory, ask that company for access: its admins accept or reject, and the users you add still sign in through their own IdP.</p>");
        body.Append("<table id=\"trust-outgoing\"><tr><th>domain</th><th>state</th><th>reason</th><th></th></tr>");
        foreach (var request in await store.ListByTrusteeAsync(admin.Organization.Id, cancellationToken))
        {
            var id = request.Id.ToString();
            var actions = request.State switch
            {
                TrustRequestState.Pending => Button(context, id, "resend", "Resend") + Button(context, id, "cancel", "Cancel"),
                TrustRequestState.Accepted => Button(context, id, "withdraw", "Withdraw"),
                _ => string.Empty,
            };
            body.Append(CultureInfo.InvariantCulture, $"""<tr id="trust-out-{id}"><td>{Html.Encode(request.Domain)}</td><td class="state">{request.State}</td><td class="reason">{Html.Encode(request.RejectionReason)}</td><td>{actions}</td></tr>""");
        }

        body.Append("</table>");
        body.Append(Forms.Post(context, "/admin/trust/request", """<label>Domain owned by another company <input type="text" name="domain" id="trust-domain"></label>""", "Request access", "trust-request-form"));

        body.Append("<h2>Requests for your directories</h2><table id=\"trust-incoming\"><tr><th>directory</th><th>organization</th><th>requested by</th><th>domain</th><th>state</th><th></th></tr>");
        foreach (var directory in directories)
        {
            var incoming = await trust.ListForDirectoryAsync(admin.Owner, admin.Actor, directory.Id, cancellationToken);
            foreach (var request in incoming.IsSuccess ? incoming.Value : [])
            {
                var id = request.Id.ToString();
                var actions = request.State switch
                {
                    TrustRequestState.Pending => Button(context, id, "accept", "Accept")
                        + Forms.Post(context, $"/admin/trust/{id}/reject", $"""<label>Reason <input type="text" name="reason" id="reason-{id}"></label>""", "Reject", $"trust-reject-{id}"),
                    TrustRequestState.Accepted => Button(context, id, "revoke", "Revoke"),
                    _ => string.Empty,
                };
                var organization = await organizations.FindAsync(request.TrusteeOrganizationId, cancellationToken);
                body.Append(CultureInfo.InvariantCulture, $"""<tr id="trust-in-{id}"><td>{Html.Encode(directory.Name)}</td><td class="organization">{Html.Encode(organization?.Name ?? request.Requester.OrganizationName)}</td><td>{Html.Encode(request.Requester.Email)}</td><td>{Html.Encode(request.Domain)}</td><td class="state">{request.State}</td><td>{actions}</td></tr>""");
            }
        }

        body.Append("</table>");
    }

    private static string Button(HttpContext context, string id, string action, string label) =>
        Forms.Post(context, $"/admin/trust/{id}/{action}", string.Empty, label, $"trust-{action}-{id}");
}
