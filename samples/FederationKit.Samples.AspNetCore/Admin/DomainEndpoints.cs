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
            var added = await claims.AddDomainsAsync(admin.Owner, admin.Session.UserId, names, context.RequestAborted);
            if (added.IsFailure)
            {
                return Html.Error(added.Error);
            }

            // One bad domain does not sink the others: show the first refusal, the rest were added.
            return added.Value.FirstOrDefault(a => a.Result.IsFailure) is { } refused ? Html.Error(refused.Result.Error) : Results.Redirect("/admin");
        });

        app.MapPost("/admin/domains/verify", async (HttpContext context, [FromForm] string domain) =>
        {
            var admin = await AdminContext.LoadAsync(context);
            if (admin is null)
            {
                return Results.Redirect("/admin/start");
            }

            // Bounded: the page answers within Sample:VerifyNowWait even when DNS takes its whole timeout; the outcome is one fixed word.
            var outcome = await VerifyNow.RunAsync(context, admin.Owner, admin.Session.UserId, domain);
            return outcome.IsFailure
                ? Html.Error(outcome.Error)
                : Results.Redirect($"/admin?checked={Uri.EscapeDataString(DomainNameNormalizer.Normalize(domain).TryGetValue(out var name, out _) ? name : domain)}&outcome={outcome.Value}#domains");
        });
    }
}
