using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FederationKit.AspNetCore;

/// <summary>Fills <see cref="FederationKitAuthenticationOptions.SignInScheme"/> from the application's default sign-in scheme when unset.</summary>
internal sealed class FederationKitPostConfigureOptions(IOptions<AuthenticationOptions> authentication) : IPostConfigureOptions<FederationKitAuthenticationOptions>
{
    public void PostConfigure(string? name, FederationKitAuthenticationOptions options)
    {
        options.SignInScheme ??= authentication.Value.DefaultSignInScheme ?? authentication.Value.DefaultScheme;
    }
}
