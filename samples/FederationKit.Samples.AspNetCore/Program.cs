using FederationKit;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddFederationKit();

var app = builder.Build();
app.MapGet("/", () => Results.Content(
    "<!doctype html><title>FederationKit sample</title><h1>FederationKit sample</h1><p>Enterprise SSO for your SaaS product. The admin and sign-in pages arrive with the sample issue.</p>",
    "text/html"));
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
app.Run();
