using System.Globalization;
using FederationKit.Organizations;
using FederationKit.SignIn.Stores;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FederationKit.AspNetCore;

/// <summary>
/// Checks a cookie session that FederationKit issued (one with a <see cref="FederationKitClaimTypes.SecurityStamp"/> claim)
/// against the stored user, at most every <see cref="SecurityStampValidationOptions.ValidationInterval"/>: the principal is
/// rejected and the cookie removed when the user no longer exists, is suspended or deleted, or its stamp changed. Principals
/// without the claim (another sign-in method) are left alone. <c>AddFederationKit()</c> on the authentication builder wires it
/// into every cookie scheme's <see cref="CookieAuthenticationEvents.OnValidatePrincipal"/>, after the host's own handler.
/// </summary>
public static class FederationKitSecurityStampValidator
{
    /// <summary>The authentication property that holds when the stamp was last checked (Unix milliseconds).</summary>
    public const string CheckedAtProperty = ".fedkit.stamp_checked";

    /// <summary>Validates the principal of a cookie; use as <see cref="CookieAuthenticationEvents.OnValidatePrincipal"/>.</summary>
    /// <param name="context">The cookie validation context.</param>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stamp = context.Principal?.FindFirst(FederationKitClaimTypes.SecurityStamp)?.Value;
        if (stamp is null)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var interval = services.GetService<IOptions<SecurityStampValidationOptions>>()?.Value.ValidationInterval ?? TimeSpan.FromSeconds(30);
        var now = time.GetUtcNow();
        var checkedAt = context.Properties.GetString(CheckedAtProperty) is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : context.Properties.IssuedUtc;
        if (interval > TimeSpan.Zero && checkedAt is { } last && now >= last && now - last < interval)
        {
            return;
        }

        var subject = context.Principal!.FindFirst(FederationKitClaimTypes.Subject)?.Value;
        var reason = await RejectionAsync(services, subject, stamp, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (reason is not null)
        {
            var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(FederationKitSecurityStampValidator)) ?? NullLogger.Instance;
            FederationKitLog.SessionRejected(logger, subject ?? string.Empty, reason);
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name).ConfigureAwait(false);
            return;
        }

        if (interval > TimeSpan.Zero)
        {
            context.Properties.SetString(CheckedAtProperty, now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            context.ShouldRenew = true;
        }
    }

    private static async Task<string?> RejectionAsync(IServiceProvider services, string? subject, string stamp, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(subject, out var id))
        {
            return "no user id";
        }

        var users = services.GetService<IFederatedUserStore>();
        if (users is null)
        {
            return "no user store";
        }

        var user = await users.FindAsync(new UserId(id), cancellationToken).ConfigureAwait(false);
        return user switch
        {
            null => "user not found",
            { DeletedAt: not null } => "user deleted",
            { SuspendedAt: not null } => "user suspended",
            _ when !string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal) => "security stamp changed",
            _ => null,
        };
    }
}
