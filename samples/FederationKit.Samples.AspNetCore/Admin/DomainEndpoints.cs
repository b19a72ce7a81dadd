using FederationKit.Domains;
using FederationKit.Samples.AspNetCore.Pages;
using Microsoft.AspNetCore.Mvc;

namespace FederationKit.Samples.AspNetCore.Admin;

/// <summary>Adding domains and verifying them now (the background service re-checks them later).</summary>
internal static class DomainEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/admin/domains", async (HttpContext context, DomainClaimService claims, [FromForm] string domains) =>
        {
            var admin = await AdminContext.LoadAsync(context);
            if (admin is null)
            {
                return Results.Redirect("/admin/start");
            }

            var names = domains.Split(['\n', '\r', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var added = await claims.AddDomainsAsync(admin.Owner, names, context.RequestAborted);
            if (added.IsFailure)
            {
                return Html.Error(added.Error);
            }

            // One bad domain does not sink the others: show the first refusal, the rest were added.
            return added.Value.FirstOrDefault(a => a.Result.IsFailure) is { } refused ? Html.Error(refused.Result.Error) : Results.Redirect("/admin");
        });

        app.MapPost("/admin/domains/verify", async (HttpContext context, DomainClaimService domains, [FromForm] string domain) =>
        {
            var admin = await AdminContext.LoadAsync(context);
            if (admin is null)
            {
                return Results.Redirect("/admin/start");
            }

            var report = await domains.VerifyNowAsync(admin.Owner, domain, context.RequestAborted);
            return report.IsFailure ? Html.Error(report.Error) : Results.Redirect("/admin");
        });
    }
}
