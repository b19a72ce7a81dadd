namespace FederationKit.Background;

/// <summary>One item of a background run that failed.</summary>
/// <param name="Subject">What failed, by identifier (for example an IdP profile ID); never a secret.</param>
/// <param name="Error">Why.</param>
public sealed record BackgroundJobFailure(string Subject, FederationError Error);
