namespace FederationKit.AspNetCore.Events;

/// <summary>
/// The few points where a host observes or shapes a federated sign-in. Set the delegates you need, or derive and override
/// (register the type with <c>EventsType</c>). Each runs once per request, in this order: <see cref="RedirectToIdentityProvider"/>
/// at the challenge; then at the response <see cref="IdentityValidated"/>, followed by <see cref="Provisioned"/> (sign-in) or
/// <see cref="ProfileTested"/> (profile test); <see cref="Failure"/> on any refusal.
/// </summary>
public class FederationKitAuthenticationEvents
{
    /// <summary>Before the browser is sent to the IdP.</summary>
    public Func<RedirectToIdentityProviderContext, Task> OnRedirectToIdentityProvider { get; set; } = _ => Task.CompletedTask;

    /// <summary>After the response is validated, before provisioning: veto or enrich the identity.</summary>
    public Func<IdentityValidatedContext, Task> OnIdentityValidated { get; set; } = _ => Task.CompletedTask;

    /// <summary>After provisioning, before the sign-in: shape the principal.</summary>
    public Func<ProvisionedContext, Task> OnProvisioned { get; set; } = _ => Task.CompletedTask;

    /// <summary>After an administrator's profile test was recorded.</summary>
    public Func<ProfileTestedContext, Task> OnProfileTested { get; set; } = _ => Task.CompletedTask;

    /// <summary>On every refusal: render or redirect, or leave the default error page.</summary>
    public Func<FederationFailureContext, Task> OnFailure { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invokes <see cref="OnRedirectToIdentityProvider"/>.</summary>
    /// <param name="context">The context.</param>
    public virtual Task RedirectToIdentityProvider(RedirectToIdentityProviderContext context) => OnRedirectToIdentityProvider(context);

    /// <summary>Invokes <see cref="OnIdentityValidated"/>.</summary>
    /// <param name="context">The context.</param>
    public virtual Task IdentityValidated(IdentityValidatedContext context) => OnIdentityValidated(context);

    /// <summary>Invokes <see cref="OnProvisioned"/>.</summary>
    /// <param name="context">The context.</param>
    public virtual Task Provisioned(ProvisionedContext context) => OnProvisioned(context);

    /// <summary>Invokes <see cref="OnProfileTested"/>.</summary>
    /// <param name="context">The context.</param>
    public virtual Task ProfileTested(ProfileTestedContext context) => OnProfileTested(context);

    /// <summary>Invokes <see cref="OnFailure"/>.</summary>
    /// <param name="context">The context.</param>
    public virtual Task Failure(FederationFailureContext context) => OnFailure(context);
}
