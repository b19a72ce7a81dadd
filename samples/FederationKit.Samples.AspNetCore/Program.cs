using FederationKit;
using FederationKit.EntityFrameworkCore;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using FederationKit.Samples.AspNetCore.Admin;
using FederationKit.Samples.AspNetCore.Hosting;
using FederationKit.Samples.AspNetCore.Pages;
using FederationKit.Samples.AspNetCore.Security;
using FederationKit.Samples.AspNetCore.SignIn;

var builder = WebApplication.CreateBuilder(args);
try
{
    SampleServices.Add(builder);
}
catch (SampleStartupException exception)
{
    await Console.Error.WriteLineAsync("The sample cannot start: " + exception.Message);
    return 1;
}

var app = builder.Build();
await FederationKitSchema.EnsureFederationKitSchemaAsync(app.Services);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseRequestGuards(); // CSRF on every unsafe method, required form fields, profile ownership (Security/RequestGuards.cs)

app.MapGet("/", () => Html.Page(
    "FederationKit sample",
    """
    <p>Enterprise SSO for your SaaS product: prove your domains, connect your identity provider, and let colleagues sign in.</p>
    <ol><li><a href="/admin">Admin</a>: start as an owner, create your organization, claim and verify your email domain, connect your IdP.</li>
    <li><a href="/signin">Sign in</a>: enter a work email; colleagues on a verified domain are sent to your IdP and provisioned on first sign-in.</li>
    <li>Directory sync: each directory's SCIM page gives your IdP (Entra ID, Okta) a base URL and token, so it provisions and deactivates colleagues as they join and leave.</li></ol>
    <p>Data lives in SQLite under the data directory (organizations, domains, directories, profiles, members; client secrets encrypted).</p>
    """));
// Readiness: the database and SAML metadata freshness; the DNS resolver apart, so a slow resolver does not take the app out.
app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => !check.Tags.Contains("dns") });
app.MapHealthChecks("/health/dns", new HealthCheckOptions { Predicate = check => check.Tags.Contains("dns") });
app.MapGet("/signed-out", () => Html.Page("Signed out", """<p id="signed-out">You are signed out.</p>"""));
OwnerEndpoints.Map(app);
AdminDashboard.Map(app);
DomainEndpoints.Map(app);
DirectoryEndpoints.Map(app);
TrustEndpoints.Map(app);
ScimEndpoints.Map(app);
// SCIM 2.0 for the customers' IdPs: /scim/v2/{directoryId}/Users, /Groups, ... Each request carries a directory's bearer
// token, not a cookie; the package marks these endpoints as exempt from antiforgery, which the CSRF guard respects.
app.MapFederationKitScim();
SignInPages.Map(app);
await app.RunAsync();
return 0;
