namespace FederationKit.SignIn.Ports;

/// <summary>
/// Optional on an <see cref="ISignInRouteLookup"/>: pays the one-time costs of answering with real rows (a database package
/// builds its model, opens its pool, compiles and runs its query on a stored domain, and materializes the rows) so that
/// <see cref="Routing.SignInRouter.WarmUpAsync"/> leaves nothing of it to the first sign-in.
/// </summary>
public interface ISignInRouteLookupWarmUp
{
    /// <summary>Runs the lookup once on a stored domain, if any; caches nothing.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task WarmUpAsync(CancellationToken cancellationToken = default);
}
