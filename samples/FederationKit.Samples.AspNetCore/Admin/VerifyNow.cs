using System.Globalization;
using FederationKit.Domains;
using FederationKit.Organizations;
using FederationKit.Samples.AspNetCore.Pages;

namespace FederationKit.Samples.AspNetCore.Admin;

/// <summary>
/// "Verify now" without holding the page for the whole DNS timeout: the check runs in its own scope, the page waits at most
/// <see cref="SampleOptions.VerifyNowWait"/>, and a slower check finishes in the background (its outcome is stored on the claim,
/// which the dashboard shows). The outcome travels to the dashboard as one of four fixed words, never as free text.
/// </summary>
internal static partial class VerifyNow
{
    public const string Found = "found";
    public const string Absent = "absent";
    public const string LookupFailed = "lookup_failed";
    public const string Running = "running";

    /// <summary>Starts the check and waits a bounded time: the outcome word, or <see cref="Running"/>; or the SDK's refusal.</summary>
    public static async Task<Result<string>> RunAsync(HttpContext context, OwnerRef owner, UserId actor, string domain)
    {
        var services = context.RequestServices;
        var check = CheckInOwnScopeAsync(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(VerifyNow).FullName!),
            owner, actor, domain, services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        try
        {
            var report = await check.WaitAsync(services.GetRequiredService<SampleOptions>().VerifyNowWait, context.RequestAborted);
            return report.IsFailure ? report.Error : Word(report.Value.Outcome);
        }
        catch (TimeoutException)
        {
            return Running;
        }
    }

    /// <summary>The dashboard's notice for <c>?checked=domain&amp;outcome=word</c>, or empty when the query names none of the owner's claims.</summary>
    public static string Notice(HttpContext context, IReadOnlyList<DomainClaim> claims)
    {
        var domain = context.Request.Query["checked"].ToString();
        var outcome = context.Request.Query["outcome"].ToString();
        var wait = context.RequestServices.GetRequiredService<SampleOptions>().VerifyNowWait;
        var text = outcome switch
        {
            Found => "the TXT record was found: the domain is verified.",
            Absent => "the name answered without the expected TXT record. Publish the record shown below (DNS changes can take a while to appear), then verify again.",
            LookupFailed => "the DNS lookup failed (no answer in time, or a server error): nothing was concluded, and the domain is checked again later.",
            Running => $"the DNS server did not answer within {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s. The check continues in the background: reload this page to see its outcome.",
            _ => null,
        };
        return text is null || claims.FirstOrDefault(c => c.Domain == domain) is not { } claim
            ? string.Empty
            : $"""<p class="notice" id="check-outcome" data-outcome="{outcome}">Verify now, {Html.Encode(claim.Domain)}: {Html.Encode(text)}</p>""";
    }

    /// <summary>What the claim's last check saw, from the stored claim (so a check that finished in the background shows too).</summary>
    public static string LastResult(DomainClaim claim) => claim switch
    {
        { LastCheckedAt: null } => "not checked yet",
        { ConsecutiveLookupFailures: > 0 and var failures } => $"lookup failed ({failures} in a row)",
        { State: DomainClaimState.Verified, MissingSince: { } since } => "record absent since " + Time(since),
        { State: DomainClaimState.Verified } => "found",
        { State: DomainClaimState.Pending } => "record absent",
        _ => claim.State.ToString(),
    };

    /// <summary>A time for the dashboard, in UTC to the second.</summary>
    public static string Time(DateTimeOffset? value) =>
        value is { } time ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "—";

    private static string Word(DomainCheckOutcome outcome) => outcome switch
    {
        DomainCheckOutcome.Present => Found,
        DomainCheckOutcome.Absent => Absent,
        _ => LookupFailed,
    };

    // Its own scope: the request's scope (and its database context) is gone when a slow check finishes after the page answered.
    private static async Task<Result<DomainCheckReport>> CheckInOwnScopeAsync(IServiceScopeFactory scopes, ILogger logger, OwnerRef owner, UserId actor, string domain, CancellationToken stopping)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<DomainClaimService>().VerifyNowAsync(owner, actor, domain, stopping);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            CheckFailed(logger, domain, exception);
            return new FederationError("sample.domain_check_failed", "The check could not be completed; the domain is checked again later.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Verify now for {Domain} failed.")]
    private static partial void CheckFailed(ILogger logger, string domain, Exception exception);
}
