namespace FederationKit.SignIn.Ports;

/// <summary>
/// Supplies every routing entry (verified domain → directory → active profile). The router builds its in-memory
/// index from it. Implemented by the host or by the directory and domain stores; only verified domains may appear.
/// </summary>
public interface ISignInRouteSource
{
    /// <summary>Lists every routing entry, at most one per domain.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<SignInRoute>> ListRoutesAsync(CancellationToken cancellationToken = default);
}
