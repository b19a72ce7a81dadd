using FederationKit;
using FederationKit.Samples.AspNetCore;
using FederationKit.Samples.AspNetCore.Pages;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<SampleOptions>(builder.Configuration.GetSection("Sample"));
builder.Services.AddFederationKit();

var app = builder.Build();
app.MapGet("/", () => Html.Page(
    "FederationKit sample",
    "<p>Enterprise SSO for your SaaS product: prove your domains, connect your identity provider, and let colleagues sign in.</p>"));
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
app.Run();
