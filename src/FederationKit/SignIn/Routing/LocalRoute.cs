namespace FederationKit.SignIn.Routing;

/// <summary>Use the product's own login: the domain is not captured (or is captured without enforcement and without an active IdP).</summary>
public sealed record LocalRoute : RoutingDecision;
