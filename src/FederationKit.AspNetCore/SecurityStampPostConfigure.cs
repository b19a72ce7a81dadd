using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace FederationKit.AspNetCore;

/// <summary>Chains <see cref="FederationKitSecurityStampValidator"/> after each cookie scheme's own <c>OnValidatePrincipal</c>.</summary>
internal sealed class SecurityStampPostConfigure : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        var previous = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            await previous(context).ConfigureAwait(false);
            if (context.Principal is not null)
            {
                await FederationKitSecurityStampValidator.ValidatePrincipalAsync(context).ConfigureAwait(false);
            }
        };
    }
}
