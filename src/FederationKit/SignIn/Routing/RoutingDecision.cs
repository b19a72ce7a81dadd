namespace FederationKit.SignIn.Routing;

/// <summary>What to do with an email entered on the sign-in page: <see cref="FederatedRoute"/>, <see cref="LocalRoute"/> or <see cref="RefusedRoute"/>.</summary>
public abstract record RoutingDecision;
