namespace FederationKit.SignIn.Routing;

/// <summary>The email cannot sign in at all right now.</summary>
/// <param name="Error">Why (for example <see cref="SignInErrorCodes.EmailInvalid"/> or <see cref="SignInErrorCodes.NoActiveIdp"/>).</param>
public sealed record RefusedRoute(FederationError Error) : RoutingDecision;
